from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from samenspel.circles.cache_keys import CARDS_KEY
from samenspel.circles.cards import cards_html
from samenspel.circles.selectors import latest_updates
from samenspel.core import api_reference as reference
from samenspel.core import home as home_page
from samenspel.core import parts
from samenspel.core.cache_version import fragment_context, keyed, stamp
from samenspel.core.whole_page import visitor_page
from samenspel.meetings.selectors import upcoming_on_page

UPCOMING_ON_HOME = 3
# The first circles on the home page, with a link to all of them: a network with hundreds of
# circles would otherwise list them all on its home page (146 KB at 100x data, 400 circles).
CIRCLES_ON_HOME = 6


@visitor_page
@keyed("circle:*", CARDS_KEY, "circle-name:*", for_members=home_page.member_keys)
@require_safe
def home(request):
    # Lazy querysets: the template runs them only when its cached fragment is missing.
    # `sections`: what waits for this person, per role (samenspel.core.home), kept per person;
    # rendered once per what they hold (the same sections give the same HTML).
    sections = home_page.sections_for(request.user, request)
    context = {
        "sections_html": parts.rendered(
            "home-sections", tuple(sections), "core/includes/home_sections.html", lambda: {"sections": sections}
        ),
        "cards": SimpleLazyObject(lambda: cards_html(heading_level=3, limit=CIRCLES_ON_HOME)),
        "updates": latest_updates(limit=3),
        "meetings": SimpleLazyObject(lambda: upcoming_on_page(request, limit=UPCOMING_ON_HOME)),
        **fragment_context(request, "circle:*"),  # the latest updates (and the visitors' meetings)
        "cards_versions": stamp(request, [CARDS_KEY]),  # the circle cards: an update leaves them
        "meetings_versions": stamp(request, ["circle-name:*"]),  # the circles' names: a join leaves them
    }
    response = render(request, "core/home.html", context)
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)  # what waits for this person is theirs alone
    return response


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)


@require_safe
def api_reference(request):
    """The API reference (our page instead of Swagger's), rendered from the OpenAPI schema."""
    from .api import api  # the API imports the apps' routers: load it only when asked

    context = {"reference": reference.reference(api.get_openapi_schema()), "schema_url": reverse("api:openapi-json")}
    return render(request, "core/api_reference.html", context)
