"""URL patterns for the assessment part of the monitor (see urls.py)."""

urlpatterns: list = []
