"""The cached fragments of home, circle list, circle page and directory (docs/performance.md).

A cached page must show a change at the very next request, in every process; the fragments
of one theme tier must never reach another; and a second request must cost fewer queries.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.circles import services as circle_services
from samenspel.circles.models import Circle
from samenspel.core import cache_version
from samenspel.core.models import CacheVersion
from samenspel.members import selectors
from samenspel.members import services as member_services
from samenspel.members.models import Member
from tests.factories.circles import CircleFactory, CircleUpdateFactory
from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """The English source texts ('2 members'), for clients that send no Accept-Language."""
    settings.LANGUAGE_CODE = "en"


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _circle_url(circle):
    return reverse("circles:detail", args=[circle.slug])


# --- a change shows at once ---------------------------------------------------------------


def test_joining_a_circle_changes_the_member_count_on_every_cached_page(personas, client_for):
    visitor = Client()
    urls = [reverse("home"), reverse("circles:list"), _circle_url(personas.circle)]
    for url in urls:
        assert "2 members" in _get(visitor, url)  # cached now

    client = client_for(personas.outsider)
    response = client.post(reverse("circles:join", args=[personas.circle.slug]))
    assert response.status_code == 302

    for url in urls:
        assert "3 members" in _get(visitor, url), url


def test_a_posted_update_appears_at_once_on_home_and_circle_page(personas, client_for):
    visitor = Client()
    _get(visitor, reverse("home"))
    _get(visitor, _circle_url(personas.circle))

    client = client_for(personas.kartrekker)
    response = client.post(
        reverse("circles:update_create", args=[personas.circle.slug]),
        {"title": "Fresh news from the circle", "body": "We met on Monday."},
    )
    assert response.status_code == 302

    assert "Fresh news from the circle" in _get(visitor, reverse("home"))
    assert "Fresh news from the circle" in _get(visitor, _circle_url(personas.circle))


def test_an_approved_sign_up_appears_in_the_cached_directory(personas, client_for):
    client = client_for(personas.outsider)
    assert "Piet Pending" not in _get(client, reverse("members:directory"))

    member_services.decide_sign_up(member=personas.pending, approve=True, actor=personas.coordinator)

    assert "Piet Pending" in _get(client, reverse("members:directory"))


def test_changing_theme_visibility_shows_in_the_cached_directory(personas, client_for):
    theme = ThemeFactory(name_nl="Rouw en verlies", name_en="Grief and loss")
    shy = MemberFactory(name="Sam Shy", theme_visibility=Member.ThemeVisibility.COORDINATORS)
    shy.themes.add(theme)
    client = client_for(personas.outsider)
    assert "Grief and loss" not in _get(client, reverse("members:directory"))

    member_services.update_profile(member=shy, actor=shy, theme_visibility=Member.ThemeVisibility.MEMBERS)
    assert "Grief and loss" in _get(client, reverse("members:directory"))

    member_services.update_profile(member=shy, actor=shy, theme_visibility=Member.ThemeVisibility.COORDINATORS)
    assert "Grief and loss" not in _get(client, reverse("members:directory"))


def test_a_circle_made_inactive_answers_404_although_its_page_was_cached(personas):
    visitor = Client()
    _get(visitor, _circle_url(personas.circle))
    personas.circle.is_active = False  # as the admin does it
    personas.circle.save(update_fields=["is_active"])
    assert visitor.get(_circle_url(personas.circle)).status_code == 404


# --- every process sees the change: the version comes from the database -------------------


def test_a_change_reaches_a_process_with_its_own_cache(personas, settings):
    """Two gunicorn workers have two local-memory caches; both fill them, one of them writes."""
    url = reverse("circles:list")
    caches = {
        name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
        for name in ("worker-a", "worker-b")
    }
    settings.CACHES = {"default": caches["worker-b"], "pages": caches["worker-b"]}
    assert "2 members" in _get(Client(), url)  # worker b has cached the list
    settings.CACHES = {"default": caches["worker-a"], "pages": caches["worker-a"]}
    assert "2 members" in _get(Client(), url)
    circle_services.join_circle(circle=personas.circle, member=personas.outsider)  # worker a writes
    assert "3 members" in _get(Client(), url)

    settings.CACHES = {"default": caches["worker-b"], "pages": caches["worker-b"]}  # worker b: nobody touched its cache
    assert "3 members" in _get(Client(), url)


def test_the_version_is_read_from_the_database_not_from_the_cache(personas):
    """A write by another process that only bumps the row (no signal here) is seen at once."""
    url = reverse("circles:list")
    assert "Kring Onderzoek" in _get(Client(), url)
    # What another process does: change the data and raise the number, in SQL only.
    Circle.objects.filter(pk=personas.circle.pk).update(name="Kring Nieuw")
    assert "Kring Onderzoek" in _get(Client(), url)  # no bump yet: the fragment is still served
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_cacheversion SET value = value + 1 WHERE key = %s", [f"circle-card:{personas.circle.slug}"]
        )  # the circle list shows the circle's card: its key (circles.cache_keys)
    assert "Kring Nieuw" in _get(Client(), url)


def test_a_login_alone_does_not_bump_the_version(personas, client):
    keys = (f"member:{personas.member.pk}", "members:*", f"circle:{personas.circle.slug}")
    before = cache_version.read(*keys)
    client.login(email=personas.member.email, password="a-long-test-password")  # saves last_login
    assert cache_version.read(*keys) == before
    member_services.update_profile(member=personas.member, actor=personas.member, name="Mila Changed")
    after = cache_version.read(*keys)
    assert all(after[key] > before[key] for key in keys)  # Mila is a member of the circle


def test_bump_is_an_update_in_place_and_makes_the_row_when_missing(db):
    CacheVersion.objects.all().delete()
    cache_version.bump("circle:b", "circle:a")
    cache_version.bump("circle:a")
    assert dict(CacheVersion.objects.values_list("key", "value")) == {"circle:a": 2, "circle:b": 1}
    assert set(CacheVersion.objects.values_list("family", flat=True)) == {"circle"}
    assert cache_version.read("circle:a", "circle:*", "circle:c") == {"circle:a": 2, "circle:*": 3, "circle:c": 0}


def test_a_listing_or_the_consent_version_cannot_be_bumped(db):
    for key in ("circle:*", "consent"):
        with pytest.raises(ValueError):
            cache_version.bump(key)


# --- a theme tier never leaks into another ------------------------------------------------


@pytest.mark.parametrize("coordinator_first", [True, False])
def test_themes_for_coordinators_never_reach_members_through_the_cache(personas, client_for, coordinator_first):
    theme = ThemeFactory(name_nl="Geheim thema", name_en="Secret theme")
    shy = MemberFactory(name="Sam Shy", theme_visibility=Member.ThemeVisibility.COORDINATORS)
    shy.themes.add(theme)
    url = reverse("members:directory")
    order = (
        [personas.coordinator, personas.outsider] if coordinator_first else [personas.outsider, personas.coordinator]
    )
    seen = {}
    for viewer in order:
        seen[viewer.pk] = _get(client_for(viewer), url)
    assert "Secret theme" in seen[personas.coordinator.pk]
    assert "Secret theme" not in seen[personas.outsider.pk]


def test_a_member_sees_their_own_hidden_themes_but_the_next_member_does_not(personas, client_for):
    theme = ThemeFactory(name_nl="Eigen thema", name_en="Own theme")
    personas.outsider.theme_visibility = Member.ThemeVisibility.COORDINATORS
    personas.outsider.save(update_fields=["theme_visibility"])
    personas.outsider.themes.add(theme)
    url = reverse("members:directory")
    assert "Own theme" in _get(client_for(personas.outsider), url)
    assert "Own theme" not in _get(client_for(personas.member), url)
    assert "Own theme" in _get(client_for(personas.outsider), url)


def test_the_search_and_page_are_part_of_the_key(personas, client_for):
    client = client_for(personas.outsider)
    assert "Mila Member" in _get(client, reverse("members:directory") + "?q=mila")
    page = _get(client, reverse("members:directory") + "?q=otto")
    assert "Mila Member" not in page and "Otto Outsider" in page


def test_the_language_is_part_of_the_key(personas):
    circle_url = reverse("circles:list")
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl")
    english = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert "2 members" in _get(english, circle_url)
    assert "2 members" not in _get(dutch, circle_url)


# --- the consent gate, with the consent remembered in the session ---------------------------


def test_a_new_consent_text_is_asked_at_the_next_request_after_a_cached_one(personas, client_for):
    ConsentTextFactory(version=1)
    member_services.give_consent(member=personas.member, consent_text=selectors.current_consent_text(), language="nl")
    client = client_for(personas.member)
    _get(client, reverse("members:directory"))
    _get(client, reverse("members:directory"))  # the session now remembers version 1

    new = ConsentTextFactory(version=2, published_at=None)
    member_services.publish_consent_text(consent_text=new, actor=personas.coordinator)

    response = client.get(reverse("members:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:consent"))


def test_the_remembered_consent_belongs_to_one_member(personas, client_for):
    ConsentTextFactory(version=1)
    member_services.give_consent(member=personas.member, consent_text=selectors.current_consent_text(), language="nl")
    refuser = MemberFactory(name="Rita", consented=False)
    client = client_for(personas.member)
    _get(client, reverse("members:directory"))
    session = client.session
    remembered = session["samenspel_consent_version"]
    client.force_login(refuser)
    session = client.session
    session["samenspel_consent_version"] = remembered  # as if the session had been kept
    session.save()
    response = client.get(reverse("members:directory"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("members:consent"))


# --- fewer queries the second time ------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_second_request_runs_fewer_queries(personas, client_for):
    ConsentTextFactory(version=1)
    for _ in range(30):
        circle = CircleFactory()
        CircleUpdateFactory(circle=circle)
    for _ in range(60):
        MemberFactory()
    member_services.give_consent(member=personas.outsider, consent_text=selectors.current_consent_text(), language="nl")
    visitor = Client()
    member = client_for(personas.outsider)
    pages = [
        (visitor, reverse("home"), 1),
        (visitor, reverse("circles:list"), 1),
        (visitor, _circle_url(personas.circle), 1),
        # the session and the versions; the member comes from the cache (consent remembered in the session)
        (member, reverse("members:directory"), 2),
    ]
    member.get(reverse("members:privacy"))  # the gate checks the consent once per session
    for client, url, cached_queries in pages:
        first = _queries(client, url)
        second = _queries(client, url)
        assert second < first, url
        assert second == cached_queries, url


# --- the members' menu ----------------------------------------------------------------------


def _menu(client) -> str:
    body = _get(client, reverse("home"))
    return body[body.index('aria-label="Main menu"') : body.index("</nav>")]


def test_the_members_menu_follows_a_new_representation_and_role(personas, client_for):
    """The member's menu is cached under their own version (member:<id>): a change shows at the next request."""
    client = client_for(personas.member)
    menu = _menu(client)
    assert "Experts and tandems" not in menu and "Coordination" not in menu
    member = Member.objects.get(pk=personas.member.pk)
    member.organisation = personas.organisation
    member.save()
    personas.organisation.representatives.add(member)
    assert "Experts and tandems" in _menu(client)
    personas.organisation.representatives.remove(member)
    assert "Experts and tandems" not in _menu(client)
    member.is_municipality_viewer = True
    member.save()
    assert "Experts and tandems" in _menu(client)


def test_one_members_menu_never_reaches_another(personas, client_for):
    assert "Coordination" in _menu(client_for(personas.coordinator))
    assert "Coordination" not in _menu(client_for(personas.member))
    visitor_menu = _menu(client_for(None))
    assert "Log in" in visitor_menu and "My profile" not in visitor_menu


def test_the_logout_form_carries_this_requests_csrf_token(personas):
    """The cached part of the menu holds no form: the logout button of a cached menu works."""
    import re

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.member)
    _menu(client)  # fills the cache
    menu = _menu(client)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', menu).group(1)
    response = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Log in" in _menu(client)


def test_a_menu_kept_from_another_device_logs_out_with_this_devices_token(personas):
    """The whole menu is kept per member (templatetags/page_header.py) with a placeholder for the
    logout form's token: a second device, with its own CSRF secret, gets a token that works."""
    import re

    devices = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for device in devices:
        device.force_login(personas.member)
        menu = _menu(device)  # the first device fills the cache, the second reads it
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', menu).group(1))
    assert tokens[0] != tokens[1]
    response = devices[1].post(reverse("account_logout"), {"csrfmiddlewaretoken": tokens[1]})
    assert response.status_code == 302
    assert "Log in" in _menu(devices[1])


def test_the_unread_count_in_a_kept_menu_follows_new_messages(personas, client_for):
    from samenspel.notifications import services as notification_services
    from samenspel.notifications.models import Kind

    client = client_for(personas.member)
    assert "samenspel-nav__count" not in _menu(client)
    notification_services.notify(
        recipients=[personas.member],
        kind=Kind.CIRCLE_UPDATE,
        message="circle_update.published",
        params={"circle": "Kring Onderzoek", "title": "Nieuws"},
        link="/circles/onderzoek/updates/",
    )
    assert "1 unread" in _menu(client)


# --- each viewer gets their own answer from a warm cache ------------------------------------


def test_two_viewers_get_their_own_answer_from_a_warm_circle_page(personas, client_for):
    """The circle is cached for everyone; who may see and do what is decided per request."""
    url = _circle_url(personas.circle)
    visitor_page = _get(Client(), url)  # warms the cached circle and its public fragment
    assert "Log in to join this circle" in visitor_page
    assert "Post an update" not in visitor_page

    lead_page = _get(client_for(personas.kartrekker), url)
    assert "You lead this circle." in lead_page
    assert "Post an update" in lead_page
    outsider_page = _get(client_for(personas.outsider), url)
    assert "Join this circle" in outsider_page or "Ask to join" in outsider_page
    assert "Post an update" not in outsider_page
    assert "Post an update" not in _get(Client(), url)


def test_an_inactive_circle_is_hidden_even_when_its_copy_is_cached(personas, client_for):
    url = _circle_url(personas.circle)
    _get(client_for(personas.coordinator), url)
    personas.circle.is_active = False
    personas.circle.save()
    for person in (None, personas.kartrekker, personas.coordinator):
        assert client_for(person).get(url).status_code == 404
