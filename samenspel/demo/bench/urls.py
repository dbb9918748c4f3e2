"""The site's URLs plus the one-query floor page at /bench/floor/: only bin/bench serves them.

bin/bench selects them through DJANGO_SETTINGS_MODULE=samenspel.demo.bench.settings; the site's
own samenspel/urls.py never mounts a bench page.
"""

from django.urls import path

from samenspel.urls import handler403, handler404, handler500, urlpatterns

from .pages import FLOOR_PATH, floor

urlpatterns = [*urlpatterns, path(FLOOR_PATH.lstrip("/"), floor)]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
