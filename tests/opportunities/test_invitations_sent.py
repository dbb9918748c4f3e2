"""When an opportunity is published, the members it fits are told: at once or in their summary, as they chose."""

import pytest
from django.core import mail
from django.utils import timezone

from samenspel.notifications.models import EmailState, Frequency, Kind, Notification, NotificationSetting
from samenspel.notifications.selectors import kinds_for
from samenspel.opportunities.models import MatchingOptIn, Opportunity
from samenspel.opportunities.services import matching
from samenspel.opportunities.signals import opportunity_published
from tests.factories.members import MemberFactory, ThemeFactory
from tests.factories.opportunities import MatchingOptInFactory, OpportunityFactory

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("english")]


def _publish(opportunity, django_capture_on_commit_callbacks):
    """As the posting part does: the signal is sent once the approval is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_published.send(sender=Opportunity, opportunity=opportunity)


@pytest.fixture
def theme():
    return ThemeFactory()


def _opted_in(theme, **kwargs):
    person = MemberFactory(**kwargs)
    person.themes.add(theme)
    MatchingOptInFactory(member=person)
    return person


def test_publishing_tells_every_member_it_fits_and_nobody_else(theme, django_capture_on_commit_callbacks):
    fitting = [_opted_in(theme) for _ in range(3)]
    other_theme = _opted_in(ThemeFactory())
    not_opted_in = MemberFactory()
    not_opted_in.themes.add(theme)
    opportunity = OpportunityFactory(themes=[theme], title="Ontwerpsessie Instantiekapitaal")
    _publish(opportunity, django_capture_on_commit_callbacks)
    told = Notification.objects.filter(kind=Kind.OPPORTUNITY)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(person.pk for person in fitting)
    assert not told.filter(recipient__in=[other_theme, not_opted_in]).exists()
    row = told.first()
    assert row.link == f"/opportunities/{opportunity.pk}/"
    assert row.params == {"title": "Ontwerpsessie Instantiekapitaal"}


def test_at_once_by_default_or_in_the_summary_as_chosen(theme, django_capture_on_commit_callbacks):
    at_once = _opted_in(theme, email="at.once@example.org")
    daily = _opted_in(theme, email="daily@example.org")
    never = _opted_in(theme, email="never@example.org")
    NotificationSetting.objects.create(member=daily, kind=Kind.OPPORTUNITY, frequency=Frequency.DAILY)
    NotificationSetting.objects.create(member=never, kind=Kind.OPPORTUNITY, frequency=Frequency.NEVER)
    mail.outbox = []
    _publish(OpportunityFactory(themes=[theme], title="Betaalde baan"), django_capture_on_commit_callbacks)
    states = dict(Notification.objects.values_list("recipient__email", "email_state"))
    assert states == {
        "at.once@example.org": EmailState.SENT,
        "daily@example.org": EmailState.PENDING,
        "never@example.org": EmailState.NONE,
    }
    assert [message.to for message in mail.outbox] == [[at_once.email]]
    assert "Betaalde baan" in mail.outbox[0].subject + mail.outbox[0].body


def test_a_second_run_tells_nobody_twice(theme, django_capture_on_commit_callbacks):
    _opted_in(theme)
    opportunity = OpportunityFactory(themes=[theme])
    _publish(opportunity, django_capture_on_commit_callbacks)
    assert matching.invite_matches(opportunity.pk) == 0
    late = _opted_in(theme)  # opted in between the runs: told on the second
    assert matching.invite_matches(opportunity.pk) == 1
    assert Notification.objects.filter(kind=Kind.OPPORTUNITY).count() == 2
    assert Notification.objects.filter(recipient=late).count() == 1


def test_members_are_told_in_chunks_and_each_once(theme):
    people = [_opted_in(theme) for _ in range(7)]
    opportunity = OpportunityFactory(themes=[theme])
    assert matching.invite_matches(opportunity.pk, chunk=3) == 7
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(p.pk for p in people)


def test_the_queries_per_chunk_do_not_grow_with_its_size(theme, django_assert_max_num_queries):
    for _ in range(40):
        person = _opted_in(theme)
        NotificationSetting.objects.create(member=person, kind=Kind.OPPORTUNITY, frequency=Frequency.WEEKLY)
    opportunity = OpportunityFactory(themes=[theme])
    # The opportunity, then per chunk: its ids, its members, the settings, one insert (and savepoints); one empty read.
    with django_assert_max_num_queries(12):
        assert matching.invite_matches(opportunity.pk, chunk=40) == 40


def test_nothing_is_sent_for_an_opportunity_no_longer_open(theme, django_capture_on_commit_callbacks):
    _opted_in(theme)
    opportunity = OpportunityFactory(themes=[theme])
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.CLOSED)
    _publish(opportunity, django_capture_on_commit_callbacks)
    assert not Notification.objects.exists()


def test_withdrawing_stops_the_invitations_still_waiting_for_a_summary(theme, django_capture_on_commit_callbacks):
    person = _opted_in(theme)
    NotificationSetting.objects.create(member=person, kind=Kind.OPPORTUNITY, frequency=Frequency.WEEKLY)
    _publish(OpportunityFactory(themes=[theme]), django_capture_on_commit_callbacks)
    assert Notification.objects.get(recipient=person).email_state == EmailState.PENDING
    matching.withdraw(member=person)
    assert Notification.objects.get(recipient=person).email_state == EmailState.NONE
    _publish(OpportunityFactory(themes=[theme]), django_capture_on_commit_callbacks)
    assert Notification.objects.filter(recipient=person).count() == 1  # nothing new after withdrawing


def test_the_kind_is_offered_in_the_members_settings():
    assert Kind.OPPORTUNITY in kinds_for(MemberFactory())


def test_the_message_reads_in_dutch(theme, django_capture_on_commit_callbacks):
    from django.utils import translation

    from samenspel.notifications import messages

    person = _opted_in(theme)
    _publish(OpportunityFactory(themes=[theme], title="Werkgroep Herstel-Lab"), django_capture_on_commit_callbacks)
    row = Notification.objects.get(recipient=person)
    with translation.override("nl"):
        assert messages.text(kind=row.kind, message=row.message, params=row.params) == (
            "Er is een nieuwe kans die bij je past: Werkgroep Herstel-Lab"
        )
    assert MatchingOptIn.objects.filter(member=person, withdrawn_at__isnull=True).exists()
    assert row.created_at <= timezone.now()
