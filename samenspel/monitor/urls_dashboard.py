"""URL patterns for the dashboard part of the monitor (see urls.py)."""

urlpatterns: list = []
