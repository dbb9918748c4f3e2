"""URL patterns for the calendars part of meetings (see urls.py)."""

from django.urls import path

from . import views_calendars as views

urlpatterns = [
    path("<id:pk>/calendar.ics", views.meeting_ics_download, name="ics"),
    path("calendar/public.ics", views.feed_public, name="feed_public"),
    path("calendar/circle/<slug:slug>.ics", views.feed_circle, name="feed_circle"),
    path("calendar/personal/<str:token>.ics", views.feed_personal, name="feed_personal"),
    path("calendar/mine/", views.my_calendar, name="my_calendar"),
]
