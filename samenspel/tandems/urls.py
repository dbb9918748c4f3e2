"""Tandems URLs: organisations' own data (experts, training, professionals, tandems, CSV) and the trajectory."""

from . import urls_organisation, urls_trajectory

app_name = "tandems"
urlpatterns = [*urls_organisation.urlpatterns, *urls_trajectory.urlpatterns]
