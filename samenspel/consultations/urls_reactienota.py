"""URL patterns for the reactienota part of consultations (see urls.py)."""

from django.urls import path

from . import views_reactienota as views

urlpatterns = [
    path("rounds/<id:pk>/outcomes/", views.outcomes, name="outcomes"),
    path("rounds/<id:pk>/outcomes/<id:comment_pk>/", views.outcome_set, name="outcome_set"),
    path("rounds/<id:pk>/next-version/", views.next_version_set, name="next_version_set"),
    path("rounds/<id:pk>/reactienota/", views.reactienota_page, name="reactienota"),
    path("rounds/<id:pk>/reactienota/publish/", views.reactienota_publish, name="reactienota_publish"),
    path("rounds/<id:pk>/reactienota/download/", views.reactienota_download, name="reactienota_download"),
]
