"""Who may open the pages of this part: every persona against every URL."""

import pytest
from django.urls import reverse

from tests.factories.members import ConsentTextFactory, MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NOT_COORDINATORS = ["pending", "member", "outsider", "kartrekker", "orgrep", "municipality"]


@pytest.fixture
def objects(personas):
    return {
        "pending_pk": personas.pending.pk,
        "member_pk": personas.member.pk,
        "theme_pk": ThemeFactory().pk,
        "text_pk": ConsentTextFactory(published_at=None).pk,
    }


def coordinator_gets(objects):
    return [
        ("get", reverse("coordination:index")),
        ("get", reverse("coordination:audit")),
        ("get", reverse("members:pending")),
        ("post", reverse("members:decide", args=[objects["pending_pk"]])),
        ("get", reverse("members:manage_list")),
        ("get", reverse("members:manage_detail", args=[objects["member_pk"]])),
        ("post", reverse("members:manage_detail", args=[objects["member_pk"]])),
        ("get", reverse("members:import")),
        ("post", reverse("members:import")),
        ("get", reverse("members:export")),
        ("get", reverse("members:themes")),
        ("post", reverse("members:themes")),
        ("get", reverse("members:theme_edit", args=[objects["theme_pk"]])),
        ("post", reverse("members:theme_edit", args=[objects["theme_pk"]])),
        ("get", reverse("members:consent_texts")),
        ("post", reverse("members:consent_texts")),
        ("get", reverse("members:consent_text_edit", args=[objects["text_pk"]])),
        ("post", reverse("members:consent_text_publish", args=[objects["text_pk"]])),
    ]


@pytest.mark.parametrize("persona", NOT_COORDINATORS)
def test_coordinator_pages_answer_403_to_everyone_else(personas, client_for, objects, persona):
    client = client_for(personas.as_dict()[persona])
    for method, url in coordinator_gets(objects):
        response = getattr(client, method)(url, {"decision": "approve", "name_nl": "x", "name_en": "y"})
        assert response.status_code == 403, (persona, method, url)
    personas.pending.refresh_from_db()
    assert personas.pending.status == "pending"


def test_coordinator_pages_send_visitors_to_login(personas, client_for, objects):
    client = client_for(None)
    for method, url in coordinator_gets(objects):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("account_login")), url


def test_coordinator_opens_every_page(personas, client_for, objects):
    client = client_for(personas.coordinator)
    for method, url in coordinator_gets(objects):
        if method == "get":
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "orgrep", "municipality", "coordinator"])
def test_member_page_is_for_approved_members(personas, client_for, persona):
    response = client_for(personas.as_dict()[persona]).get(reverse("members:detail", args=[personas.member.pk]))
    assert response.status_code == 200


def test_member_page_answers_403_to_pending_and_login_to_visitors(personas, client_for):
    url = reverse("members:detail", args=[personas.member.pk])
    assert client_for(personas.pending).get(url).status_code == 403
    response = client_for(None).get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", ["member", "outsider", "kartrekker", "orgrep", "municipality"])
def test_pending_refused_and_unknown_members_are_hidden_from_members(personas, client_for, persona):
    client = client_for(personas.as_dict()[persona])
    refused = MemberFactory(status="refused")
    inactive = MemberFactory(is_active=False)
    for pk in (personas.pending.pk, refused.pk, inactive.pk, 999999):
        assert client.get(reverse("members:detail", args=[pk])).status_code == 404


def test_coordinator_sees_a_pending_members_page(personas, client_for):
    response = client_for(personas.coordinator).get(reverse("members:detail", args=[personas.pending.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "persona", ["pending", "member", "outsider", "kartrekker", "coordinator", "orgrep", "municipality"]
)
def test_own_data_pages_are_open_to_every_logged_in_person(personas, client_for, persona):
    client = client_for(personas.as_dict()[persona])
    assert client.get(reverse("members:my_data")).status_code == 200
    assert client.get(reverse("members:delete_account")).status_code == 200


def test_own_data_pages_send_visitors_to_login(client_for, db):
    client = client_for(None)
    for name in ("members:my_data", "members:delete_account"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_unknown_ids_answer_404_to_coordinators(personas, client_for):
    client = client_for(personas.coordinator)
    assert client.get(reverse("members:manage_detail", args=[999999])).status_code == 404
    assert client.get(reverse("members:theme_edit", args=[999999])).status_code == 404
    assert client.get(reverse("members:consent_text_edit", args=[999999])).status_code == 404
    assert client.post(reverse("members:consent_text_publish", args=[999999])).status_code == 404
    assert client.post(reverse("members:decide", args=[999999]), {"decision": "approve"}).status_code == 404
    # An approved member is no longer a sign-up to decide on.
    assert client.post(reverse("members:decide", args=[personas.member.pk]), {"decision": "refuse"}).status_code == 404


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def test_the_audit_log_has_no_edit_urls_and_refuses_posts(personas, client_for):
    from django.urls import get_resolver

    audit_routes = [route for route in _routes(get_resolver().url_patterns) if "audit" in route]
    assert audit_routes == ["coordination/audit/"]
    assert client_for(personas.coordinator).post(reverse("coordination:audit")).status_code == 405
