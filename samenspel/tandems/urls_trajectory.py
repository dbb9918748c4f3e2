"""URL patterns for the trajectory part of tandems (see urls.py)."""

urlpatterns: list = []
