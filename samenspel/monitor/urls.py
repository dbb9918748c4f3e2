"""Monitor URLs: the three-level assessment and periods (assessment), the public dashboard and open data."""

from . import urls_assessment, urls_dashboard

app_name = "monitor"
urlpatterns = [*urls_assessment.urlpatterns, *urls_dashboard.urlpatterns]
