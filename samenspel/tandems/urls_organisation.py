"""URL patterns for the organisation part of tandems (see urls.py): an organisation's own data.

The pages live in the organisation's one URL tree, `/organisations/<slug>/data/…` (the public
organisation page is `/organisations/<slug>/`). The organisation is the `organisation` argument
(its slug); objects inside it are looked up only within that organisation, so another
organisation's id answers 404.

Until 2026 these pages lived under `/tandems/organisations/<slug>/…`; `old_urlpatterns` keeps
those addresses (bookmarks, emailed links) working with a permanent redirect, one per page.
"""

from django.urls import path

from . import views_organisation as views

ORG = "organisations/<slug:organisation>/data/"
OLD_ORG = "tandems/organisations/<slug:organisation>/"

# (route below ORG, view, name)
PAGES = [
    ("", views.organisation_detail, "org_detail"),
    ("import/", views.organisation_import, "org_import"),
    ("export/", views.organisation_export, "org_export"),
    ("experts/new/", views.expert_create, "expert_create"),
    ("experts/<id:expert_pk>/", views.expert_detail, "expert_detail"),
    ("experts/<id:expert_pk>/edit/", views.expert_edit, "expert_edit"),
    ("experts/<id:expert_pk>/delete/", views.expert_delete, "expert_delete"),
    ("experts/<id:expert_pk>/trainings/new/", views.training_create, "training_create"),
    ("experts/<id:expert_pk>/trainings/<id:training_pk>/edit/", views.training_edit, "training_edit"),
    ("experts/<id:expert_pk>/trainings/<id:training_pk>/delete/", views.training_delete, "training_delete"),
    ("professionals/new/", views.professional_create, "professional_create"),
    ("professionals/<id:professional_pk>/edit/", views.professional_edit, "professional_edit"),
    ("professionals/<id:professional_pk>/delete/", views.professional_delete, "professional_delete"),
    ("tandems/new/", views.tandem_create, "tandem_create"),
    ("tandems/<id:tandem_pk>/edit/", views.tandem_edit, "tandem_edit"),
]

urlpatterns: list = [path(f"{ORG}{route}", view, name=name) for route, view, name in PAGES]

# The old address of every page above: `old_<name>` redirects to `<name>`, for any slug and id
# (no lookup, so the redirect tells nothing; the new page does the access check). Anything else
# under the old prefix answers 404.
old_urlpatterns: list = [
    path(f"{OLD_ORG}{route}", views.old_address, {"to": name}, name=f"old_{name}") for route, _, name in PAGES
]
