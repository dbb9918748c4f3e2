"""Tandems URLs: organisations' own data (experts, training, professionals, tandems, CSV) and the trajectory.

Mounted at the root (samenspel/urls.py), so one namespace covers two places:
- `/tandems/…`: the trajectory, coaches, member links and the list of organisations. The
  trajectory's patterns start with fixed words (trajectories/, modules/, sessions/, enrolments/),
  as do coaches/ and link-requests/ (urls_people.py).
- `/organisations/<slug>/data/…`: an organisation's own data, in the organisation's URL tree
  (urls_organisation.py), plus the permanent redirects from its old `/tandems/organisations/<slug>/…`.
"""

from django.urls import include, path

from . import urls_organisation, urls_people, urls_trajectory
from . import views_organisation as views

app_name = "tandems"
urlpatterns = [
    path(
        "tandems/",
        include(
            [
                *urls_trajectory.urlpatterns,
                *urls_people.urlpatterns,
                path("organisations/", views.organisation_list, name="org_list"),
            ]
        ),
    ),
    *urls_organisation.urlpatterns,
    *urls_organisation.old_urlpatterns,
]
