"""Reminders to invitees three days before a round closes: once, only to those who did not comment yet."""

import datetime

from django.core.management import call_command

from samenspel.consultations.models import RoundInvitee
from samenspel.consultations.services.rounds import send_reminders
from tests.factories.consultations import CommentFactory
from tests.factories.members import MemberFactory

from .helpers_rounds import NOW, make_round

HOUR = datetime.timedelta(hours=1)


def invite(round_, *members):
    for member in members:
        RoundInvitee.objects.create(round=round_, member=member)


def test_invitees_without_a_comment_get_one_reminder(db, frozen, mailoutbox, django_capture_on_commit_callbacks):
    setup = make_round(closes_at=NOW + datetime.timedelta(days=3) - HOUR)
    quiet = MemberFactory(preferred_language="en")
    talker = MemberFactory()
    withdrew = MemberFactory()
    invite(setup.round, quiet, talker, withdrew)
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=talker)
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=withdrew, withdrawn_at=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([quiet.email, withdrew.email])
    english = next(m for m in mailoutbox if m.to == [quiet.email])
    assert english.subject.startswith("Reminder: comment on")
    setup.round.refresh_from_db()
    assert setup.round.reminder_sent_at == NOW
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert len(mailoutbox) == 2


def test_no_reminder_too_early_after_closing_or_before_opening(
    db, frozen, mailoutbox, django_capture_on_commit_callbacks
):
    far = make_round(closes_at=NOW + datetime.timedelta(days=3) + HOUR)
    closed = make_round(opens_at=NOW - datetime.timedelta(days=9), closes_at=NOW)
    not_open = make_round(opens_at=NOW + HOUR, closes_at=NOW + 2 * HOUR)
    for setup in (far, closed, not_open):
        invite(setup.round, MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == 0
    assert not mailoutbox


def test_the_management_command_sends_them(db, frozen, mailoutbox, django_capture_on_commit_callbacks, capsys):
    setup = make_round(closes_at=NOW + datetime.timedelta(days=1))
    invite(setup.round, MemberFactory())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_consultation_reminders")
    assert "Reminders sent for 1 round(s)." in capsys.readouterr().out
    assert len(mailoutbox) == 1
