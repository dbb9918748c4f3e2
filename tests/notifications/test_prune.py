"""Old messages are deleted: read ones after half a year, any after a year; waiting ones are kept."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from samenspel.notifications.models import EmailState, Notification
from tests.factories.notifications import NotificationFactory

pytestmark = pytest.mark.django_db


def _message(*, days_old: int, read: bool, state=EmailState.NONE):
    created = timezone.now() - datetime.timedelta(days=days_old)
    return NotificationFactory(created_at=created, read_at=created if read else None, email_state=state)


def test_the_command_deletes_only_what_is_old_enough(capsys):
    read_long_ago = _message(days_old=200, read=True)
    read_recently = _message(days_old=30, read=True)
    unread_half_year = _message(days_old=200, read=False)
    unread_over_a_year = _message(days_old=400, read=False)
    waiting_for_summary = _message(days_old=400, read=False, state=EmailState.PENDING)

    call_command("prune_notifications")

    left = set(Notification.objects.values_list("pk", flat=True))
    assert left == {read_recently.pk, unread_half_year.pk, waiting_for_summary.pk}
    assert read_long_ago.pk not in left and unread_over_a_year.pk not in left
    assert "2 old message(s) deleted." in capsys.readouterr().out


def test_running_it_again_deletes_nothing_more(capsys):
    _message(days_old=200, read=True)
    call_command("prune_notifications")
    call_command("prune_notifications")
    assert "0 old message(s) deleted." in capsys.readouterr().out.splitlines()[-1]
