"""URL patterns for the reactienota part of consultations (see urls.py)."""

from django.urls import path

from . import views_reactienota as views

urlpatterns = [
    path("rounds/<int:pk>/outcomes/", views.outcomes, name="outcomes"),
    path("rounds/<int:pk>/outcomes/<int:comment_pk>/", views.outcome_set, name="outcome_set"),
    path("rounds/<int:pk>/next-version/", views.next_version_set, name="next_version_set"),
    path("rounds/<int:pk>/reactienota/", views.reactienota_page, name="reactienota"),
    path("rounds/<int:pk>/reactienota/publish/", views.reactienota_publish, name="reactienota_publish"),
    path("rounds/<int:pk>/reactienota/download/", views.reactienota_download, name="reactienota_download"),
]
