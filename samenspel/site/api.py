"""The platform's one JSON API (django-ninja), mounted at /api/; its reference page at /api/docs.

Each part adds its router in its own `api.py`; this module only gathers them. The API is read
only and public where the pages are public: the same access helpers decide.

ninja's own Swagger page is off (it failed an accessibility check): `/api/docs` is our page,
rendered from the same OpenAPI schema (`samenspel/core/api_reference.py`); the schema itself
stays at `/api/openapi.json`. Errors are JSON and in the schema (`samenspel/core/api_errors.py`).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import NinjaAPI
from ninja.errors import ValidationError

from samenspel.core.api_errors import bad_parameters_body
from samenspel.monitor.api import router as monitor_router

api = NinjaAPI(
    title="Samenspel",
    version="1",
    description=gettext_noop("Open data of the Samenspel platform. Read only, no account needed."),
    urls_namespace="api",
    docs_url=None,
)
api.add_router("/monitor/", monitor_router)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    return api.create_response(request, bad_parameters_body(exc.errors), status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Not found.")}, status=404)
