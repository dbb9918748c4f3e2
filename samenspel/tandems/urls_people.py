"""URL patterns for who is who around tandems (see urls.py): coach roles and member link requests."""

from django.urls import path

from . import views_people as views

urlpatterns: list = [
    path("coaches/", views.coach_list, name="coach_list"),
    path("coaches/<id:pk>/remove/", views.coach_remove, name="coach_remove"),
    path("link-requests/<id:pk>/", views.link_request, name="link_request"),
]
