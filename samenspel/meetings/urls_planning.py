"""URL patterns for the planning part of meetings (see urls.py)."""

from django.urls import path

from . import views_planning as views

urlpatterns: list = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("series/new/", views.series_create, name="series_create"),
    path("<id:pk>/", views.meeting_detail, name="detail"),
    path("<id:pk>/edit/", views.meeting_edit, name="edit"),
    path("<id:pk>/publish/", views.meeting_publish, name="publish"),
    path("<id:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<id:pk>/held/", views.meeting_mark_held, name="mark_held"),
]
