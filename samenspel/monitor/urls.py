"""Monitor URLs: the three-level assessment and periods (views/assessment.py), the public
dashboard, open data and the per-team detail (views/dashboard.py)."""

from django.urls import path

from .views import assessment, dashboard

app_name = "monitor"
urlpatterns = [
    # assessment
    path("assessments/", assessment.assessment_list, name="assessment_list"),
    path("assessments/<slug:slug>/", assessment.assessment_overview, name="assessment_overview"),
    path("assessments/<slug:slug>/<id:year>/<id:quarter>/", assessment.assessment_edit, name="assessment_edit"),
    path("periods/", assessment.period_list, name="period_list"),
    path("periods/close-past/", assessment.periods_close_past, name="periods_close_past"),
    path("periods/<id:year>/<id:quarter>/close/", assessment.period_close, name="period_close"),
    path("periods/<id:year>/<id:quarter>/corrections/new/", assessment.correction_create, name="correction_create"),
    # dashboard
    path("", dashboard.dashboard_page, name="dashboard"),
    path("indicators/", dashboard.indicator_list, name="indicators"),
    path("open-data/", dashboard.open_data, name="open_data"),
    path("open-data/<id:year>-q<id:quarter>.csv", dashboard.export_csv, name="export_csv"),
    path("open-data/<id:year>-q<id:quarter>.xlsx", dashboard.export_xlsx, name="export_xlsx"),
    path("detail/", dashboard.detail_list, name="detail_list"),
    path("detail/<slug:slug>/", dashboard.detail, name="detail"),
]
