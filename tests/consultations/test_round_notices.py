"""A round's audience is told when it opens and two days before it closes: once, as each chose."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from samenspel.consultations.models import Round, RoundInvitee
from samenspel.consultations.services import rounds
from samenspel.consultations.services.round_notices import notify_rounds
from samenspel.notifications.models import EmailState, Kind, Notification
from tests.factories.consultations import CommentFactory
from tests.factories.members import MemberFactory

from .helpers_rounds import DAY, NOW, make_round

pytestmark = pytest.mark.usefixtures("frozen")


def told(kind):
    return {row.recipient for row in Notification.objects.filter(kind=kind)}


def test_a_members_round_that_opened_tells_every_approved_member_once(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    setup = make_round()
    english = MemberFactory(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_rounds() == (1, 0)
    assert personas.member in told(Kind.ROUND_OPENED) and english in told(Kind.ROUND_OPENED)
    assert personas.pending not in told(Kind.ROUND_OPENED)
    row = Notification.objects.get(kind=Kind.ROUND_OPENED, recipient=english)
    assert row.link == reverse("consultations:round_detail", args=[setup.round.pk])
    assert row.email_state == EmailState.SENT  # at once, by default
    message = next(m for m in mailoutbox if m.to == [english.email])
    assert (
        message.subject
        == "A consultation round is open for you: " + setup.round.title + " (until 11 March 2030, 11:00)"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_rounds() == (0, 0)
    assert Notification.objects.filter(kind=Kind.ROUND_OPENED, recipient=english).count() == 1


def test_a_round_that_has_not_opened_yet_waits(personas):
    make_round(opens_at=NOW + DAY)
    assert notify_rounds() == (0, 0)
    assert not Notification.objects.exists()


def test_two_days_before_the_end_those_who_did_not_comment_are_told(personas):
    setup = make_round(closes_at=NOW + 2 * DAY - datetime.timedelta(hours=1))
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
    assert notify_rounds() == (1, 1)
    assert personas.member not in told(Kind.ROUND_CLOSING)
    assert personas.outsider in told(Kind.ROUND_CLOSING)
    assert notify_rounds() == (0, 0)


def test_an_invited_round_tells_only_its_invitees_and_in_the_app_only(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    setup = make_round(audience=Round.Audience.INVITED)
    RoundInvitee.objects.create(round=setup.round, member=personas.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        notify_rounds()
    assert told(Kind.ROUND_OPENED) == {personas.outsider}
    assert Notification.objects.get().email_state == EmailState.NONE  # they had the invitation email
    assert mailoutbox == []


def test_a_later_closing_date_sends_the_closing_notice_again(personas, setup):
    round_ = setup.round
    round_.closes_at = NOW + DAY
    round_.save()
    notify_rounds()
    assert Notification.objects.filter(kind=Kind.ROUND_CLOSING).exists()
    rounds.update_round(
        actor=personas.coordinator,
        round_=round_,
        title=round_.title,
        introduction="",
        audience=round_.audience,
        opens_at=round_.opens_at,
        closes_at=NOW + 10 * DAY,
        questions=[],
    )
    round_.refresh_from_db()
    assert round_.closing_notice_at is None


def test_the_command_runs_it(personas, capsys):
    make_round()
    call_command("notify_consultation_rounds")
    assert "Rounds opened: 1; rounds closing soon: 0." in capsys.readouterr().out
