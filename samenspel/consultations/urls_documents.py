"""URL patterns for the documents part of consultations (see urls.py)."""

urlpatterns: list = []
