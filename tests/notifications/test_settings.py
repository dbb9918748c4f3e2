"""The settings page: one choice per kind, sensible defaults, saved and read back; bad input refused."""

import re

import pytest
from django.urls import reverse

from samenspel.notifications.models import DEFAULT_FREQUENCY, EmailState, Frequency, Kind, NotificationSetting
from tests.factories.notifications import NotificationFactory
from tests.round_trip import assert_page_offers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = reverse("notifications:settings")


def checked_value(html: str, kind: str) -> str | None:
    found = re.search(rf'<input type="radio" name="{kind}" value="([a-z]+)"[^>]*\bchecked', html)
    return found.group(1) if found else None


# Kinds only coordinators (sign-ups), circle leads (join requests) or who may post opportunities
# (responses) get; a plain member is not offered them. The answer to a member's own response is
# always emailed directly, so no one is offered a choice for it.
ROLE_KINDS = {
    Kind.SIGN_UP.value,
    Kind.JOIN_REQUEST.value,
    Kind.OPPORTUNITY_RESPONSE.value,
    Kind.OPPORTUNITY_OUTCOME.value,
}
MEMBER_KINDS = [kind for kind in Kind.values if kind not in ROLE_KINDS]


def all_kinds(kinds=MEMBER_KINDS, **overrides) -> dict[str, str]:
    return {kind: str(DEFAULT_FREQUENCY[Kind(kind)]) for kind in kinds} | overrides


def test_the_page_shows_the_defaults_for_someone_who_never_chose(personas, client_for):
    html = client_for(personas.member).get(URL).content.decode()
    for kind in MEMBER_KINDS:
        assert checked_value(html, kind) == DEFAULT_FREQUENCY[Kind(kind)], kind
    assert DEFAULT_FREQUENCY[Kind.JOIN_REQUEST] == Frequency.IMMEDIATE
    assert DEFAULT_FREQUENCY[Kind.SIGN_UP] == Frequency.IMMEDIATE
    assert DEFAULT_FREQUENCY[Kind.CIRCLE_UPDATE] == Frequency.WEEKLY


def test_choices_round_trip_through_the_page(personas, client_for):
    client = client_for(personas.member)
    data = all_kinds(circle_update="daily", meeting="never", reactienota="weekly", tandem="immediate")
    assert_page_offers(client.get(URL), data)

    response = client.post(URL, data)

    assert response.status_code == 302 and response["Location"] == URL
    saved = dict(NotificationSetting.objects.filter(member=personas.member).values_list("kind", "frequency"))
    assert saved == data
    page = client.get(URL).content.decode()
    assert "Your choices are saved." in page
    for kind, frequency in data.items():
        assert checked_value(page, kind) == frequency, kind


def test_switching_a_kind_to_never_stops_the_emails_that_still_wait(personas, client_for):
    waiting = NotificationFactory(recipient=personas.member, kind=Kind.CIRCLE_UPDATE)
    other = NotificationFactory(
        recipient=personas.member,
        kind=Kind.MEETING,
        message="meeting.planned",
        params={"meeting": "X", "starts_at": "2027-01-01T10:00:00+00:00"},
    )
    client_for(personas.member).post(URL, all_kinds(circle_update="never"))
    waiting.refresh_from_db(), other.refresh_from_db()
    assert waiting.email_state == EmailState.NONE
    assert other.email_state == EmailState.PENDING


def test_saving_changes_only_my_own_settings(personas, client_for):
    client_for(personas.member).post(URL, all_kinds(report="never"))
    assert not NotificationSetting.objects.exclude(member=personas.member).exists()


def test_each_person_is_offered_the_kinds_they_can_get(personas, client_for):
    """Sign-ups only for coordinators, join requests only for circle leads; the rest for everyone."""
    offered = {
        persona: {
            kind
            for kind in Kind.values
            if f'name="{kind}"' in client_for(getattr(personas, persona)).get(URL).content.decode()
        }
        for persona in ("member", "kartrekker", "coordinator")
    }
    assert offered["member"] == set(MEMBER_KINDS)
    assert offered["kartrekker"] == set(MEMBER_KINDS) | {Kind.JOIN_REQUEST.value, Kind.OPPORTUNITY_RESPONSE.value}
    assert Kind.SIGN_UP.value in offered["coordinator"]
    assert Kind.OPPORTUNITY_RESPONSE.value in offered["coordinator"]
    assert Kind.OPPORTUNITY_OUTCOME.value not in set().union(*offered.values())


def test_a_kind_a_member_is_not_offered_cannot_be_set_by_posting_it(personas, client_for):
    client_for(personas.member).post(URL, all_kinds(sign_up="never", join_request="never"))
    saved = set(NotificationSetting.objects.filter(member=personas.member).values_list("kind", flat=True))
    assert saved == set(MEMBER_KINDS)


def test_a_kartrekker_round_trips_the_join_request_choice(personas, client_for):
    client = client_for(personas.kartrekker)
    data = all_kinds(
        [*MEMBER_KINDS, Kind.JOIN_REQUEST.value, Kind.OPPORTUNITY_RESPONSE.value],
        join_request="daily",
        opportunity_response="weekly",
    )
    assert_page_offers(client.get(URL), data)
    assert client.post(URL, data).status_code == 302
    assert NotificationSetting.objects.get(member=personas.kartrekker, kind="join_request").frequency == "daily"
    saved = NotificationSetting.objects.get(member=personas.kartrekker, kind="opportunity_response")
    assert saved.frequency == "weekly"


@pytest.mark.parametrize(
    "bad",
    [
        {"circle_update": ""},
        {"circle_update": "hourly"},
        {"circle_update": "<script>alert(1)</script>"},
        {"circle_update": "x" * 5000},
        {"meeting": "1"},
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(personas, client_for, bad):
    data = all_kinds() | bad
    response = client_for(personas.member).post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "utrecht-form-field-error-message" in html
    assert not NotificationSetting.objects.exists()


def test_a_missing_kind_is_an_error_not_a_silent_default(personas, client_for):
    data = all_kinds()
    del data["tandem"]
    response = client_for(personas.member).post(URL, data)
    assert response.status_code == 400
    assert b"Choose how you want to get these messages." in response.content


def test_unknown_fields_and_a_foreign_member_id_are_ignored(personas, client_for):
    data = all_kinds(circle_update="daily") | {"member": personas.kartrekker.pk, "nonsense": "weekly"}
    client_for(personas.member).post(URL, data)
    assert NotificationSetting.objects.filter(member=personas.member, kind="circle_update", frequency="daily").exists()
    assert not NotificationSetting.objects.filter(member=personas.kartrekker).exists()


def test_a_visitor_is_sent_to_log_in(client):
    assert client.get(URL)["Location"].startswith(reverse("account_login"))
    assert client.post(URL, all_kinds())["Location"].startswith(reverse("account_login"))
    assert not NotificationSetting.objects.exists()
