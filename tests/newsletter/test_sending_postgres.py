"""Two sending workers at once, and two coordinators pressing "send" at once: real threads on PostgreSQL.

SQLite serialises every write, so these run only against PostgreSQL (CI runs the suite on both).
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from samenspel.newsletter.errors import AlreadySent
from samenspel.newsletter.models import Delivery, Edition, Subscriber
from samenspel.newsletter.services import editions, sending
from tests.factories.members import MemberFactory
from tests.factories.newsletter import EditionFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]


def run_at_once(count: int, work) -> tuple[list, list]:
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def target(i):
        try:
            barrier.wait()
            result = work(i)
            with lock:
                results.append(result)
        except Exception as exc:  # collected and asserted on by the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


class Slow:
    """A locmem-like backend that takes a moment per message, so the two workers overlap."""

    lock = threading.Lock()

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        threading.Event().wait(0.002)
        with Slow.lock:
            mail.outbox.extend(messages)
        return len(messages)


def sending_edition(count: int) -> Edition:
    Subscriber.objects.bulk_create(
        Subscriber(email=f"lezer{n:04}@example.net", text_version=1, text="Ja", confirmed_at="2024-01-01T00:00Z")
        for n in range(count)
    )
    edition = EditionFactory(status=Edition.Status.SENDING)
    assert sending.queue_recipients(edition.pk) == count
    return edition


def test_two_workers_send_each_address_exactly_once(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.newsletter.test_sending_postgres.Slow"
    edition = sending_edition(300)

    results, errors = run_at_once(2, lambda i: sending.send_batches(edition_id=edition.pk, batch_size=10))

    assert errors == []
    sent = sorted(address for message in mail.outbox for address in message.to)
    assert sent == [f"lezer{n:04}@example.net" for n in range(300)]  # none twice, none missing
    assert all(result.get("sent", 0) > 0 for result in results)  # both workers did part of it
    assert sum(result.get("sent", 0) for result in results) == 300
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.sent_count == 300
    assert not Delivery.objects.exclude(status="sent").exists()


def test_two_coordinators_pressing_send_at_once_send_one_edition(settings):
    Subscriber.objects.create(email="lezer@example.net", text_version=1, text="Ja", confirmed_at="2024-01-01T00:00Z")
    edition = EditionFactory()
    coordinator = MemberFactory(is_coordinator=True)

    results, errors = run_at_once(4, lambda i: editions.start_sending(edition=edition, actor=coordinator))

    assert len(results) == 1
    assert len(errors) == 3 and all(isinstance(error, AlreadySent) for error in errors)
    edition.refresh_from_db()
    assert edition.status in (Edition.Status.SENDING, Edition.Status.SENT)
    assert edition.items.count() == edition.items.values("position").distinct().count()
