"""Tandems URLs: the trajectory, coaches and member links, and organisations' own data.

Mounted at the root (samenspel/urls.py), so one namespace covers two places:
- `/tandems/…`: the trajectory (views/trajectory.py; its patterns start with fixed words:
  trajectories/, modules/, sessions/, enrolments/), coaches/ and link-requests/ (views/people.py)
  and the list of organisations.
- `/organisations/<slug>/data/…`: an organisation's own data (views/organisation.py), in the
  organisation's URL tree, plus the permanent redirects from its old
  `/tandems/organisations/<slug>/…` addresses.

In an organisation's data pages (the public organisation page is `/organisations/<slug>/`) the
organisation is the `organisation` argument
(its slug); objects inside it are looked up only within that organisation, so another
organisation's id answers 404.

Until 2026 these pages lived under `/tandems/organisations/<slug>/…`; `old_organisation_patterns` keeps
those addresses (bookmarks, emailed links) working with a permanent redirect, one per page.
"""

from django.urls import include, path

from .views import organisation, people, trajectory

app_name = "tandems"

ORG = "organisations/<slug:organisation>/data/"
OLD_ORG = "tandems/organisations/<slug:organisation>/"

# (route below ORG, view, name)
PAGES = [
    ("", organisation.organisation_detail, "org_detail"),
    ("import/", organisation.organisation_import, "org_import"),
    ("export/", organisation.organisation_export, "org_export"),
    ("experts/new/", organisation.expert_create, "expert_create"),
    ("experts/<id:expert_pk>/", organisation.expert_detail, "expert_detail"),
    ("experts/<id:expert_pk>/edit/", organisation.expert_edit, "expert_edit"),
    ("experts/<id:expert_pk>/delete/", organisation.expert_delete, "expert_delete"),
    ("experts/<id:expert_pk>/trainings/new/", organisation.training_create, "training_create"),
    ("experts/<id:expert_pk>/trainings/<id:training_pk>/edit/", organisation.training_edit, "training_edit"),
    ("experts/<id:expert_pk>/trainings/<id:training_pk>/delete/", organisation.training_delete, "training_delete"),
    ("professionals/new/", organisation.professional_create, "professional_create"),
    ("professionals/<id:professional_pk>/edit/", organisation.professional_edit, "professional_edit"),
    ("professionals/<id:professional_pk>/delete/", organisation.professional_delete, "professional_delete"),
    ("tandems/new/", organisation.tandem_create, "tandem_create"),
    ("tandems/<id:tandem_pk>/edit/", organisation.tandem_edit, "tandem_edit"),
]

organisation_patterns: list = [path(f"{ORG}{route}", view, name=name) for route, view, name in PAGES]

# The old address of every page above: `old_<name>` redirects to `<name>`, for any slug and id
# (no lookup, so the redirect tells nothing; the new page does the access check). Anything else
# under the old prefix answers 404.
old_organisation_patterns: list = [
    path(f"{OLD_ORG}{route}", organisation.old_address, {"to": name}, name=f"old_{name}") for route, _, name in PAGES
]

tandems_patterns: list = [
    # trajectory
    path("trajectories/", trajectory.trajectory_list, name="trajectory_list"),
    path("trajectories/new/", trajectory.trajectory_create, name="trajectory_create"),
    path("trajectories/<slug:slug>/", trajectory.trajectory_detail, name="trajectory_detail"),
    path("trajectories/<slug:slug>/edit/", trajectory.trajectory_edit, name="trajectory_edit"),
    path("trajectories/<slug:slug>/enrol/", trajectory.enrol, name="trajectory_enrol"),
    path("trajectories/<slug:slug>/modules/new/", trajectory.module_create, name="module_create"),
    path("modules/<id:pk>/edit/", trajectory.module_edit, name="module_edit"),
    path("modules/<id:pk>/move/", trajectory.module_move, name="module_move"),
    path("modules/<id:pk>/delete/", trajectory.module_delete, name="module_delete"),
    path("modules/<id:pk>/sessions/new/", trajectory.session_create, name="session_create"),
    path("sessions/<id:pk>/edit/", trajectory.session_edit, name="session_edit"),
    path("sessions/<id:pk>/attendance/", trajectory.session_attendance, name="session_attendance"),
    path("enrolments/<id:pk>/", trajectory.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<id:pk>/withdraw/", trajectory.enrolment_withdraw, name="enrolment_withdraw"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/reflection/", trajectory.reflection_edit, name="reflection_edit"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/done/", trajectory.module_done, name="module_done"),
    path("enrolments/<id:pk>/modules/<id:module_pk>/undo/", trajectory.module_undo, name="module_undo"),
    path("enrolments/<id:pk>/certificate.pdf", trajectory.certificate, name="certificate"),
    # people
    path("coaches/", people.coach_list, name="coach_list"),
    path("coaches/<id:pk>/remove/", people.coach_remove, name="coach_remove"),
    path("link-requests/<id:pk>/", people.link_request, name="link_request"),
    path("organisations/", organisation.organisation_list, name="org_list"),
]

urlpatterns = [
    path("tandems/", include(tandems_patterns)),
    *organisation_patterns,
    *old_organisation_patterns,
]
