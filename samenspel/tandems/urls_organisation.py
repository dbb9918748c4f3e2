"""URL patterns for the organisation part of tandems (see urls.py)."""

urlpatterns: list = []
