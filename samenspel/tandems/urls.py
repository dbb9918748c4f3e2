"""Tandems URLs: organisations' own data (experts, training, professionals, tandems, CSV) and the trajectory.

The trajectory's patterns start with fixed words (trajectories/, modules/, sessions/, enrolments/), as
do coaches/ and link-requests/ (urls_people.py);
they come first so an organisation's address can never hide them.
"""

from . import urls_organisation, urls_people, urls_trajectory

app_name = "tandems"
urlpatterns = [*urls_trajectory.urlpatterns, *urls_people.urlpatterns, *urls_organisation.urlpatterns]
