"""The site's URLs plus the bench floor page, as bin/bench serves them (SAMENSPEL_BENCH=1)."""

from django.urls import path

from samenspel.core.bench import FLOOR_PATH, floor
from samenspel.urls import handler403, handler404, handler500, urlpatterns

urlpatterns = [*urlpatterns, path(FLOOR_PATH.lstrip("/"), floor)]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
