"""URL patterns for the rounds part of consultations (see urls.py)."""

urlpatterns: list = []
