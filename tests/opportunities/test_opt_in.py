"""The opt-in page: asking for invitations is recorded like consent; wishes change; withdrawing stops it all."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from samenspel.opportunities.models import WEEKDAYS, MatchingOptIn, Opportunity, kind_bit
from samenspel.opportunities.texts import OPT_IN_TEXT_VERSION, opt_in_text
from tests.factories.members import MemberFactory
from tests.factories.opportunities import AreaFactory, MatchingOptInFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = reverse("opportunities:invitations")
WITHDRAW = reverse("opportunities:invitations_withdraw")
MONDAY, TUESDAY = WEEKDAYS[0][0], WEEKDAYS[1][0]


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def areas():
    return [AreaFactory(name_nl="Zuidoost", name_en="South-East"), AreaFactory(name_nl="Noord", name_en="North")]


def test_opting_in_records_the_words_shown_version_date_and_language(client_for, member, areas):
    client = client_for(member)
    data = {
        "agree": "on",
        "kinds": [Opportunity.Kind.PAID_JOB, Opportunity.Kind.DESIGN_SESSION],
        "days": [str(MONDAY), str(TUESDAY)],
        "hours_per_month": "12",
        "areas": [areas[0].pk],
    }
    response = client.post(URL, data, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302 and response["Location"] == URL
    choice = MatchingOptIn.objects.get(member=member)
    with translation.override("nl"):
        assert choice.text == opt_in_text()
    assert choice.text_version == OPT_IN_TEXT_VERSION
    assert choice.language == "nl"
    assert choice.opted_in_at is not None and choice.withdrawn_at is None
    assert choice.kinds == kind_bit(Opportunity.Kind.PAID_JOB) | kind_bit(Opportunity.Kind.DESIGN_SESSION)
    assert choice.days == MONDAY | TUESDAY
    assert choice.hours_per_month == 12
    assert list(choice.areas.all()) == [areas[0]]
    assert choice.online_ok is False  # the box was not ticked
    assert AuditLogEntry.objects.filter(action="opportunities.opt_in.given").count() == 1


def test_the_page_shows_the_words_and_the_wishes_read_back(client_for, member, areas):
    client = client_for(member)
    page = client.get(URL).content.decode()
    assert "I want invitations for opportunities that fit my themes" in page
    client.post(URL, {"agree": "on", "days": [str(TUESDAY)], "areas": [areas[1].pk], "online_ok": "on"})
    page = client.get(URL).content.decode()
    assert "You asked for invitations on" in page
    assert 'name="agree"' not in page  # asked once; the wishes change without asking again
    assert f'name="days" value="{TUESDAY}" id="id_days_1" checked' in page
    assert f'name="days" value="{MONDAY}" id="id_days_0">' in page
    assert re.search(f'name="areas" value="{areas[1].pk}" id="id_areas_\\d" checked', page)
    assert not re.search(f'name="areas" value="{areas[0].pk}" id="id_areas_\\d" checked', page)


def test_without_agreeing_nothing_is_recorded_and_the_wishes_stay(client_for, member, areas):
    response = client_for(member).post(URL, {"hours_per_month": "10", "areas": [areas[0].pk]})
    assert response.status_code == 400
    assert "Tick the box to say yes." in response.content.decode()
    assert 'value="10"' in response.content.decode()  # nothing typed is lost
    assert not MatchingOptIn.objects.exists()


def test_changing_the_wishes_keeps_the_consent(client_for, member, areas):
    choice = MatchingOptInFactory(member=member, hours_per_month=4)
    choice.areas.set(areas)
    response = client_for(member).post(URL, {"kinds": [Opportunity.Kind.RESEARCH], "hours_per_month": ""})
    assert response.status_code == 302
    choice.refresh_from_db()
    assert MatchingOptIn.objects.filter(member=member).count() == 1
    assert choice.kinds == kind_bit(Opportunity.Kind.RESEARCH)
    assert choice.hours_per_month is None
    assert list(choice.areas.all()) == []
    assert AuditLogEntry.objects.filter(action="opportunities.opt_in.changed").count() == 1


def test_withdrawing_keeps_the_record_with_the_date(client_for, member):
    choice = MatchingOptInFactory(member=member)
    client = client_for(member)
    response = client.post(WITHDRAW)
    assert response.status_code == 302
    choice.refresh_from_db()
    assert choice.withdrawn_at is not None
    assert AuditLogEntry.objects.filter(action="opportunities.opt_in.withdrawn").count() == 1
    page = client.get(URL).content.decode()
    assert "You do not get invitations now." in page and 'name="agree"' in page


def test_withdrawing_is_a_post(client_for, member):
    MatchingOptInFactory(member=member)
    assert client_for(member).get(WITHDRAW).status_code == 405
    assert MatchingOptIn.objects.get(member=member).withdrawn_at is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"hours_per_month": "0"}, "hours_per_month", "Fill in at least 1 hour, or leave it empty."),
        ({"hours_per_month": "-3"}, "hours_per_month", "Fill in at least 1 hour, or leave it empty."),
        ({"hours_per_month": "301"}, "hours_per_month", "Fill in at most 300 hours."),
        ({"hours_per_month": "veel"}, "hours_per_month", "Fill in a whole number of hours, like 8."),
        ({"hours_per_month": "9" * 40}, "hours_per_month", "Fill in at most 300 hours."),
        ({"kinds": ["<script>alert(1)</script>"]}, "kinds", "Choose a kind from the list."),
        ({"days": ["128"]}, "days", "Choose a day from the list."),
        ({"days": ["x"]}, "days", "Choose a day from the list."),
        ({"areas": ["999999"]}, "areas", "Choose a part of the city from the list."),
        ({"areas": ["<b>"]}, "areas", "Choose a part of the city from the list."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_for, member, data, field, message):
    response = client_for(member).post(URL, {"agree": "on", **data})
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "<script>alert(1)</script>" not in content
    assert not MatchingOptIn.objects.exists()


def test_an_inactive_area_is_a_foreign_id(client_for, member):
    hidden = AreaFactory(is_active=False)
    response = client_for(member).post(URL, {"agree": "on", "areas": [hidden.pk]})
    assert response.status_code == 400
    assert not MatchingOptIn.objects.exists()


def test_a_visitor_is_sent_to_log_in(client):
    for url in (URL, reverse("opportunities:for_you")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    response = client.post(WITHDRAW)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not MatchingOptIn.objects.exists()


def test_a_member_waiting_for_approval_is_refused(client_for):
    pending = MemberFactory(status=Member.Status.PENDING)
    client = client_for(pending)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"agree": "on"}).status_code == 403
    assert client.post(WITHDRAW).status_code == 403
    assert client.get(reverse("opportunities:for_you")).status_code == 403
    assert not MatchingOptIn.objects.exists()


def test_asking_twice_makes_one_choice(client_for, member):
    client = client_for(member)
    client.post(URL, {"agree": "on"})
    client.post(URL, {"agree": "on", "hours_per_month": "5"})
    assert MatchingOptIn.objects.filter(member=member, withdrawn_at__isnull=True).count() == 1
