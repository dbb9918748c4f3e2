"""Two rq workers (TASKS_BACKEND=rq) send a newsletter edition and the daily summaries: each email once.

Real processes: two `manage.py rqworker --burst` on one Redis queue and the test database, sending
to one SMTP server in this process. Both workers send the edition side by side (the SMTP server
holds the first message until the second worker is sending too), claiming their batches of
`Delivery` rows with SELECT ... FOR UPDATE SKIP LOCKED (docs/newsletter.md). The summaries are
queued by `send_summaries` here, as cron would, each a job that exactly one worker takes.
"""

import asyncio
import contextlib
import email
import email.policy
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from samenspel.newsletter.models import Delivery, Edition, Subscriber
from samenspel.newsletter.services import sending
from samenspel.notifications.models import EmailState, Kind, Notification
from samenspel.notifications.services import send_summaries
from tests.factories.members import MemberFactory
from tests.factories.newsletter import EditionFactory
from tests.factories.notifications import NotificationFactory

from .helpers import database_url, environment, free_port, missing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SUBSCRIBERS = 200
PEOPLE = 20


class Sink:
    """An SMTP server that keeps every message; the first ones wait (at most `hold` seconds) until
    `together` connections are sending, so that the workers are seen to work at the same time."""

    def __init__(self, together: int, hold: float):
        self.messages: list[tuple[list[str], bytes]] = []
        self.sessions: set[int] = set()
        self.together = together
        self.hold = hold
        self.met = None

    async def handle_DATA(self, server, session, envelope):
        if self.met is None:
            self.met = asyncio.Event()
        self.sessions.add(id(session))
        if len(self.sessions) >= self.together:
            self.met.set()
        with contextlib.suppress(TimeoutError):  # then the test fails on the workers' claims below
            await asyncio.wait_for(self.met.wait(), self.hold)
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def sink():
    handler = Sink(together=2, hold=15)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


@pytest.fixture
def rq_backend(settings, redis_url):
    """This process queues into Redis, as a web process with TASKS_BACKEND=rq does."""
    database_url()  # skips at once on SQLite, before anything is made
    try:
        import django_tasks_rq  # noqa: F401
    except ImportError:
        missing("needs django-tasks-rq (requirements/base.txt): make install")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 120}}
    settings.NEWSLETTER_WORKERS = 2
    return redis_url


def test_two_rq_workers_send_an_edition_and_the_summaries_each_once(rq_backend, sink, children):
    import django_rq
    from rq.registry import FailedJobRegistry

    handler, smtp_port = sink
    Subscriber.objects.bulk_create(
        Subscriber(email=f"lezer{n:03}@example.net", text_version=1, text="Ja", confirmed_at="2024-01-01T00:00Z")
        for n in range(SUBSCRIBERS)
    )
    edition = EditionFactory(status=Edition.Status.SENDING)
    assert sending.queue_recipients(edition.pk) == SUBSCRIBERS
    sending.start_workers(edition.pk)  # two jobs `send_edition_batches`, first in the queue
    people = MemberFactory.create_batch(PEOPLE)
    for person in people:
        NotificationFactory.create_batch(
            2,
            recipient=person,
            kind=Kind.MEETING,  # daily summary by default
            message="meeting.planned",
            params={"meeting": "Netwerkbijeenkomst", "starts_at": "2027-12-14T18:00:00+00:00"},
            link="/meetings/1/",
        )
    assert send_summaries(period="daily") == (PEOPLE, 2 * PEOPLE)
    assert send_summaries(period="daily") == (0, 0)  # a second run finds nothing waiting
    queue = django_rq.get_queue("default")
    assert queue.count == 2 + PEOPLE

    env = environment(
        TASKS_BACKEND="rq",
        TASKS_REDIS_URL=rq_backend,
        NEWSLETTER_WORKERS="2",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        SITE_URL="https://samenspel.example",
    )
    workers = [
        children.start(
            f"rqworker{n}",
            ["manage.py", "rqworker", "default", "--burst", "--name", f"test-worker-{n}"],
            env,
        )
        for n in (1, 2)
    ]
    for worker in workers:
        worker.wait(timeout=90)
    assert [worker.returncode for worker in workers] == [0, 0], children.output()
    assert FailedJobRegistry(queue=queue).count == 0, children.output()
    assert queue.count == 0
    assert "@example" not in children.output()  # no address in the workers' log (samenspel/core/rq_worker.py)

    received = Counter(rcpt for rcpts, _content in handler.messages for rcpt in rcpts)
    subscribers = {f"lezer{n:03}@example.net" for n in range(SUBSCRIBERS)}
    members = {person.email for person in people}
    assert len(handler.messages) == SUBSCRIBERS + PEOPLE
    assert set(received) == subscribers | members
    assert set(received.values()) == {1}  # every address once: no edition or summary twice
    subjects = Counter(
        email.message_from_bytes(content, policy=email.policy.default)["To"] in members
        for _rcpts, content in handler.messages
    )
    assert subjects == {False: SUBSCRIBERS, True: PEOPLE}

    deliveries = Delivery.objects.filter(edition=edition)
    assert set(deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert set(deliveries.values_list("attempts", flat=True)) == {1}
    assert deliveries.values("claimed_by").distinct().count() == 2  # both workers sent part of it
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.SENT
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()
