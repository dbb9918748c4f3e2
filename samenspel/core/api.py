"""The platform's one JSON API (django-ninja), mounted at /api/; OpenAPI docs at /api/docs.

Each part adds its router in its own `api.py`; this module only gathers them. The API is read
only and public where the pages are public: the same access helpers decide.
"""

from ninja import NinjaAPI

from samenspel.monitor.api import router as monitor_router

api = NinjaAPI(
    title="Samenspel",
    version="1",
    description="Open data of the Samenspel platform. Read only.",
    urls_namespace="api",
)
api.add_router("/monitor/", monitor_router)
