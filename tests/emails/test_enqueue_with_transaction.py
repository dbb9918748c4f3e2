"""Emails are queued with the caller's transaction: with the queue in the database the task's row
is written inside it (one commit, and nothing queued when it rolls back); with another queue the
task is queued when the transaction commits."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from samenspel.core.emails import send_templated_email

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


def _send():
    send_templated_email(to="iemand@example.org", template="notifications/notification", context={"name": "Iemand"})


def test_with_the_database_queue_the_task_is_written_inside_the_transaction(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with transaction.atomic():
        _send()
        assert DBTaskResult.objects.count() == 1  # in the transaction already, not after it
    assert DBTaskResult.objects.count() == 1


def test_with_the_database_queue_a_rolled_back_transaction_queues_nothing(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(Rollback), transaction.atomic():
        _send()
        raise Rollback
    assert DBTaskResult.objects.count() == 0


def test_with_another_queue_the_task_is_queued_when_the_transaction_commits(settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with transaction.atomic():
        _send()
        assert mailoutbox == []  # not yet: the transaction has not committed
    assert len(mailoutbox) == 1
    with pytest.raises(Rollback), transaction.atomic():
        _send()
        raise Rollback
    assert len(mailoutbox) == 1
