"""The API's error answers: always JSON, always in the schema.

- A bad parameter (wrong type, out of range) answers 422 with what is wrong, per parameter.
- Something that does not exist answers 404 with a sentence that says what was not found.
- Any other error under /api/ (an address without an operation, a wrong method, a server error)
  is JSON too: `ApiErrorsMiddleware` replaces the site's HTML error page by `{"detail": ...}`.

The operations declare `ERRORS` next to their 200 answer, so the OpenAPI schema promises exactly
what is sent (schemathesis checks that in tests/api/).
"""

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Schema

API_PREFIX = "/api/"


class ErrorOut(Schema):
    detail: str = Field(description=gettext_noop("What went wrong, in a sentence."))


class ParameterErrorOut(Schema):
    parameter: str
    location: str = Field(description=gettext_noop("Where the parameter is: path or query."))
    message: str = Field(description=gettext_noop("What is wrong with its value."))


class ValidationErrorOut(Schema):
    detail: str
    errors: list[ParameterErrorOut] = Field(description=gettext_noop("One entry per parameter that is not valid."))


NOT_FOUND = {404: ErrorOut}
BAD_PARAMETERS = {422: ValidationErrorOut}


def bad_parameters_body(errors: list[dict]) -> dict:
    """ninja's validation errors (pydantic's, with a location) as one sentence and a list per parameter."""
    found = []
    for error in errors:
        location, *rest = [str(part) for part in error.get("loc", ())] or ["request"]
        found.append({"parameter": ".".join(rest) or location, "location": location, "message": error.get("msg", "")})
    return {"detail": _("Some parameters are not valid."), "errors": found}


def _message(request, response) -> str:
    if response.status_code == 404:
        return _("There is nothing at %(path)s. The API's operations are listed at %(docs)s.") % {
            "path": request.path,
            "docs": reverse("api_reference"),
        }
    if response.status_code == 405:
        return _("The method %(method)s is not allowed here. Allowed: %(allowed)s.") % {
            "method": request.method,
            "allowed": response.get("Allow", ""),
        }
    if response.status_code >= 500:
        return _("Something went wrong on our side. Please try again later.")
    return response.reason_phrase


class ApiErrorsMiddleware:
    """Under /api/, an error answer that is not JSON (Django's 404/403/500 page, a 405) becomes JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
            and not getattr(response, "streaming", False)
        ):
            return self._as_json(request, response)
        return response

    @staticmethod
    def _as_json(request, response) -> HttpResponse:
        if "Allow" in response:
            # django-ninja collects the methods in a set: give them one stable order.
            response["Allow"] = ", ".join(sorted(_methods(response["Allow"]), key=_method_rank))
        replacement = JsonResponse(
            {"detail": _message(request, response)},
            status=response.status_code,
            json_dumps_params={"ensure_ascii": False},
        )
        for header in ("Allow", "Retry-After", "Vary"):
            if header in response:
                replacement[header] = response[header]
        return replacement


METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _methods(allow: str) -> list[str]:
    return [method.strip() for method in allow.split(",") if method.strip()]


def _method_rank(method: str) -> tuple[int, str]:
    return (METHOD_ORDER.index(method), "") if method in METHOD_ORDER else (len(METHOD_ORDER), method)
