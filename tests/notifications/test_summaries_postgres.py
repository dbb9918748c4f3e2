"""Two summary runs at the same moment on PostgreSQL: each notification is emailed once.

The runs lock a person's waiting rows with SELECT ... FOR UPDATE SKIP LOCKED and mark them
emailed in the same transaction; the other run skips what is locked and finds nothing left after.
"""

import threading

import pytest
from django.db import connection, connections, transaction

from samenspel.notifications import services
from samenspel.notifications.models import EmailState, Kind, Notification
from samenspel.notifications.services import send_summaries
from tests.factories.members import MemberFactory
from tests.factories.notifications import NotificationFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]


def test_two_runs_at_once_email_each_person_once_and_each_notification_once(monkeypatch):
    people = MemberFactory.create_batch(40)
    for person in people:
        for _ in range(3):
            NotificationFactory(
                recipient=person,
                kind=Kind.MEETING,
                message="meeting.planned",
                params={"meeting": "Netwerkbijeenkomst", "starts_at": "2027-12-14T18:00:00+00:00"},
                link="/meetings/1/",
            )

    queued = []
    lock = threading.Lock()

    def record(*, to, context, **kwargs):  # what would be queued when the transaction commits
        def queue():
            with lock:
                queued.append((to, tuple(row.pk for row in context["notifications"])))

        transaction.on_commit(queue)

    monkeypatch.setattr(services, "send_templated_email", record)

    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(send_summaries(period="daily"))
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sum(emails for emails, _ in results) == 40
    assert sum(count for _, count in results) == 120
    addresses = [to for to, _ in queued]
    assert sorted(addresses) == sorted(person.email for person in people)  # one email per person
    emailed = [pk for _, pks in queued for pk in pks]
    assert len(emailed) == len(set(emailed)) == 120  # each notification once
    assert not Notification.objects.exclude(email_state=EmailState.SENT).exists()
