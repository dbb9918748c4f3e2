"""URL patterns for the assessment part of the monitor: the three levels and periods (see urls.py)."""

from django.urls import path

from . import views_assessment as views

urlpatterns: list = [
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/<slug:slug>/", views.assessment_overview, name="assessment_overview"),
    path("assessments/<slug:slug>/<id:year>/<id:quarter>/", views.assessment_edit, name="assessment_edit"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/<id:year>/<id:quarter>/close/", views.period_close, name="period_close"),
    path("periods/<id:year>/<id:quarter>/corrections/new/", views.correction_create, name="correction_create"),
]
