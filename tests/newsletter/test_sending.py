"""Sending an edition: each address once, in batches, resumable; bounces are blocked; an edition goes out once."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.newsletter import rendering, selectors
from samenspel.newsletter.errors import AlreadySent, NoRecipients
from samenspel.newsletter.models import Delivery, Edition, EditionItem, Suppression
from samenspel.newsletter.services import editions, sending
from tests.factories.circles import CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import MemberFactory
from tests.factories.newsletter import EditionFactory, MemberOptInFactory, SubscriberFactory

from .helpers import addresses, statuses


def start(edition, actor, capture) -> Edition:
    with capture(execute=True):
        return editions.start_sending(edition=edition, actor=actor)


def test_sending_reaches_every_member_who_chose_it_and_every_confirmed_subscriber_once(
    edition, personas, mailoutbox, django_capture_on_commit_callbacks
):
    MemberOptInFactory(member=personas.member)
    MemberOptInFactory(member=personas.outsider)
    MemberOptInFactory(member=personas.pending)  # not approved: no newsletter
    withdrawn = MemberOptInFactory(member=personas.orgrep)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    SubscriberFactory(email="lezer@example.net")
    SubscriberFactory(email="onbevestigd@example.net", confirmed_at=None)  # never gets an edition
    SubscriberFactory(email=personas.member.email)  # also a member: one email
    mailoutbox.clear()

    start(edition, personas.coordinator, django_capture_on_commit_callbacks)

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert addresses(mailoutbox) == sorted([personas.member.email, personas.outsider.email, "lezer@example.net"])
    assert edition.sent_count == 3 and edition.failed_count == 0
    assert selectors.progress(edition) == {"queued": 0, "sent": 3, "failed": 0, "total": 3}


def test_each_email_has_a_one_click_unsubscribe_of_its_own(
    edition, personas, mailoutbox, django_capture_on_commit_callbacks
):
    MemberOptInFactory(member=personas.member)
    subscriber = SubscriberFactory()
    mailoutbox.clear()
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)

    by_address = {message.to[0]: message for message in mailoutbox}
    member_mail = by_address[personas.member.email]
    header = member_mail.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    assert member_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in member_mail.body and header[1:-1] in member_mail.alternatives[0][0]
    assert rendering.PLACEHOLDER not in member_mail.body + member_mail.alternatives[0][0]
    other = by_address[subscriber.email].extra_headers["List-Unsubscribe"]
    assert other != header
    assert subscriber.email not in other and personas.member.email not in header
    message = member_mail.message()
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].startswith(f"<newsletter.{edition.pk}.")


def test_the_email_holds_the_edition_in_the_recipients_language(
    edition, personas, update_request, mailoutbox, django_capture_on_commit_callbacks
):
    update_request.update = CircleUpdateFactory(
        circle=personas.circle, title="Participatief onderzoek", body="Wij **zoeken** mee."
    )
    update_request.save()
    personas.member.preferred_language = "nl"
    personas.member.save()
    MemberOptInFactory(member=personas.member)
    SubscriberFactory(language="en")
    mailoutbox.clear()
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)

    dutch = next(m for m in mailoutbox if m.to == [personas.member.email])
    english = next(m for m in mailoutbox if m.to != [personas.member.email])
    assert "Participatief onderzoek" in dutch.body and "Wij **zoeken** mee." in dutch.body
    assert "<strong>zoeken</strong>" in dutch.alternatives[0][0]
    assert "Nieuws uit de kringen" in dutch.body
    assert "News from the circles" in english.body
    assert reverse("newsletter:edition", args=[edition.pk]) in english.body


def test_an_edition_is_sent_once(client_for, edition, personas, mailoutbox, django_capture_on_commit_callbacks):
    MemberOptInFactory(member=personas.member)
    client = client_for(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("newsletter:send", args=[edition.pk]), {"when": "now"})
    assert first.status_code == 302
    sent = len(mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("newsletter:send", args=[edition.pk]), {"when": "now"})

    assert again.status_code == 409
    assert "was already sent on" in again.content.decode()
    assert "An edition is sent only once." in again.content.decode()
    assert len(mailoutbox) == sent
    with pytest.raises(AlreadySent):
        editions.start_sending(edition=edition, actor=personas.coordinator)
    with pytest.raises(AlreadySent):
        editions.schedule(edition=edition, actor=personas.coordinator, when=timezone.now() + datetime.timedelta(days=1))


def test_an_edition_nobody_would_get_is_not_sent(client_for, edition, personas):
    response = client_for(personas.coordinator).post(reverse("newsletter:send", args=[edition.pk]), {"when": "now"})
    assert response.status_code == 400
    assert "Nobody would get this edition" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    with pytest.raises(NoRecipients):
        editions.start_sending(edition=edition, actor=personas.coordinator)


@pytest.mark.parametrize(
    "data",
    [{}, {"when": "yesterday"}, {"when": "later"}, {"when": "later", "send_at": "morgen"}, {"when": ["now", "later"]}],
)
def test_bad_send_input_sends_nothing(client_for, edition, personas, data):
    MemberOptInFactory(member=personas.member)
    response = client_for(personas.coordinator).post(reverse("newsletter:send", args=[edition.pk]), data)
    assert response.status_code == 400
    assert not Delivery.objects.exists()


def test_schedule_in_the_past_is_refused_and_in_the_future_starts_on_time(
    client_for, edition, personas, mailoutbox, django_capture_on_commit_callbacks
):
    MemberOptInFactory(member=personas.member)
    client = client_for(personas.coordinator)
    past = client.post(reverse("newsletter:send", args=[edition.pk]), {"when": "later", "send_at": "2020-01-01T10:00"})
    assert past.status_code == 400
    assert "Choose a moment in the future." in past.content.decode()

    later = (timezone.localtime() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("newsletter:send", args=[edition.pk]), {"when": "later", "send_at": later})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert editions.start_due(now=timezone.now()) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert editions.start_due(now=timezone.now() + datetime.timedelta(hours=3)) == 1
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert addresses(mailoutbox) == [personas.member.email]


def test_unscheduling_brings_it_back_to_preparation(client_for, edition, personas):
    MemberOptInFactory(member=personas.member)
    editions.schedule(edition=edition, actor=personas.coordinator, when=timezone.now() + datetime.timedelta(days=1))
    response = client_for(personas.coordinator).post(reverse("newsletter:unschedule", args=[edition.pk]))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and edition.scheduled_for is None


def test_a_circle_edition_goes_to_that_circles_members_who_chose_it(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    for person in (personas.member, personas.kartrekker, personas.outsider):
        MemberOptInFactory(member=person)
    CircleMembershipFactory(circle=personas.circle, member=MemberFactory())  # did not choose the newsletter
    SubscriberFactory()
    edition = EditionFactory(audience=Edition.Audience.CIRCLE, circle=personas.circle, visibility="members")
    mailoutbox.clear()
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)
    assert addresses(mailoutbox) == sorted([personas.member.email, personas.kartrekker.email])


def test_a_requested_member_is_not_yet_in_the_circle_audience(personas, mailoutbox, django_capture_on_commit_callbacks):
    asking = MemberFactory()
    CircleMembershipFactory(circle=personas.circle, member=asking, status=CircleMembership.Status.REQUESTED)
    MemberOptInFactory(member=asking)
    MemberOptInFactory(member=personas.member)
    edition = EditionFactory(audience=Edition.Audience.CIRCLE, circle=personas.circle, visibility="members")
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)
    assert addresses(mailoutbox) == [personas.member.email]


def test_subscribers_only_and_members_only(personas, mailoutbox, django_capture_on_commit_callbacks):
    MemberOptInFactory(member=personas.member)
    subscriber = SubscriberFactory()
    start(EditionFactory(audience="subscribers"), personas.coordinator, django_capture_on_commit_callbacks)
    assert addresses(mailoutbox) == [subscriber.email]
    mailoutbox.clear()
    start(
        EditionFactory(audience="members", visibility="members"),
        personas.coordinator,
        django_capture_on_commit_callbacks,
    )
    assert addresses(mailoutbox) == [personas.member.email]


def test_a_suppressed_address_is_skipped(edition, personas, mailoutbox, django_capture_on_commit_callbacks):
    MemberOptInFactory(member=personas.member)
    SubscriberFactory(email="stuitert@example.net")
    Suppression.objects.create(email="stuitert@example.net")
    mailoutbox.clear()
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)
    assert addresses(mailoutbox) == [personas.member.email]
    assert not Delivery.objects.filter(email="stuitert@example.net").exists()


class Refusing:
    """An email backend whose server refuses some addresses (5xx: for good, 4xx: for now)."""

    refuse: dict[str, int] = {}
    calls: list[str] = []

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send_messages(self, messages):
        for message in messages:
            Refusing.calls.append(message.to[0])
            code = Refusing.refuse.get(message.to[0])
            if code:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (code, b"no")})
            mail.outbox.append(message)
        return len(messages)


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.test_sending.Refusing"
    Refusing.refuse, Refusing.calls = {}, []
    return Refusing


def test_an_address_that_bounces_is_failed_and_blocked_without_retries(
    edition, personas, refusing, django_capture_on_commit_callbacks
):
    MemberOptInFactory(member=personas.member)
    SubscriberFactory(email="weg@example.net")
    refusing.refuse = {"weg@example.net": 550}
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)

    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert (edition.sent_count, edition.failed_count) == (1, 1)
    failed = Delivery.objects.get(email="weg@example.net")
    assert (failed.status, failed.error, failed.attempts) == ("failed", "refused", 1)
    assert Suppression.objects.filter(email="weg@example.net", reason="bounce").exists()
    assert refusing.calls.count("weg@example.net") == 1
    # The next edition skips it.
    refusing.calls.clear()
    start(EditionFactory(), personas.coordinator, django_capture_on_commit_callbacks)
    assert "weg@example.net" not in refusing.calls


def test_a_passing_failure_is_tried_again_a_bounded_number_of_times(
    edition, personas, refusing, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="vol@example.net")
    refusing.refuse = {"vol@example.net": 452}  # mailbox full: try again later
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == "queued" and delivery.not_before is not None

    later = timezone.now()
    for _ in range(sending.MAX_ATTEMPTS + 2):  # the retries fall due: the cron resumes each time
        later += datetime.timedelta(hours=1)
        Delivery.objects.filter(pk=delivery.pk, status="queued").update(not_before=later - datetime.timedelta(hours=2))
        sending.send_batches(edition_id=edition.pk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.error) == ("failed", "gave_up")
    assert refusing.calls.count("vol@example.net") == sending.MAX_ATTEMPTS
    assert not Suppression.objects.exists()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.failed_count == 1


class WorkerKilled(BaseException):
    """Stands for a worker process that dies (SIGKILL, out of memory) in the middle of a batch."""


class Dying:
    """An email backend that dies before the `die_at`-th message reaches the mail server."""

    die_at: int | None = None
    sent = 0

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        for message in messages:
            if Dying.die_at is not None and Dying.sent + 1 == Dying.die_at:
                raise WorkerKilled
            Dying.sent += 1
            mail.outbox.append(message)
        return len(messages)


def test_a_batch_killed_halfway_is_resumed_without_duplicates_or_gaps(
    edition, personas, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.newsletter.test_sending.Dying"
    for n in range(30):
        SubscriberFactory(email=f"lezer{n:02}@example.net")
    Dying.die_at, Dying.sent = 13, 0
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=False):  # the tasks are run by hand below
        editions.start_sending(edition=edition, actor=personas.coordinator)
    queued = sending.queue_recipients(edition.pk)  # what the task does before starting its workers
    assert queued == 30
    with pytest.raises(WorkerKilled):  # the worker dies while sending the 13th of its batch of 20
        sending.send_batches(edition_id=edition.pk, batch_size=20)
    assert statuses(edition) == {"sent": 12, "sending": 8, "queued": 10}

    Dying.die_at = None
    sending.send_batches(edition_id=edition.pk, batch_size=20)  # another worker: the dead one's rows hold a lease
    assert statuses(edition) == {"sent": 22, "sending": 8}
    Delivery.objects.filter(status="sending").update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    assert sending.resume() == 1  # the cron sees the lease ran out and starts workers again

    assert addresses(mailoutbox) == [f"lezer{n:02}@example.net" for n in range(30)]  # each once, none missing
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT and edition.sent_count == 30


def test_queueing_again_after_a_crash_adds_only_what_is_missing(edition, personas):
    for _ in range(5):
        SubscriberFactory()
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
    Delivery.objects.create(edition=edition, email=SubscriberFactory().email, subscriber=None, opt_in=None)
    assert sending.queue_recipients(edition.pk) == 6
    assert sending.queue_recipients(edition.pk) == 6


def test_a_crash_before_queueing_finished_is_resumed(edition, personas, mailoutbox):
    SubscriberFactory()
    started = timezone.now() - sending.LEASE - datetime.timedelta(minutes=1)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING, sending_started_at=started)
    mailoutbox.clear()
    assert sending.resume() == 1
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(mailoutbox) == 1


def test_what_was_sent_stays_as_it_was_sent(
    edition, personas, update_request, django_capture_on_commit_callbacks, client
):
    update = CircleUpdateFactory(circle=personas.circle, title="Zoals verstuurd")
    update_request.update = update
    update_request.save()
    SubscriberFactory()
    start(edition, personas.coordinator, django_capture_on_commit_callbacks)
    update.title = "Later veranderd"
    update.save()

    page = client.get(reverse("newsletter:edition", args=[edition.pk])).content.decode()
    assert "Zoals verstuurd" in page and "Later veranderd" not in page
    assert EditionItem.objects.filter(edition=edition, section="updates").count() == 1


def test_the_progress_shows_on_the_edition_page_and_in_its_fragment(client_for, edition, personas):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING, queued_at=timezone.now())
    subscribers = [SubscriberFactory() for _ in range(4)]
    for subscriber, status in zip(subscribers, ["sent", "sent", "failed", "queued"], strict=True):
        Delivery.objects.create(edition=edition, email=subscriber.email, subscriber=subscriber, status=status)
    client = client_for(personas.coordinator)

    page = client.get(reverse("newsletter:manage", args=[edition.pk])).content.decode()
    fragment = client.get(reverse("newsletter:progress", args=[edition.pk]), HTTP_HX_REQUEST="true")
    plain = client.get(reverse("newsletter:progress", args=[edition.pk]))

    assert "2 of 4 sent." in page
    assert 'data-hx-trigger="every 3s"' in page
    assert fragment.content.decode().lstrip().startswith('<div id="progress"')
    assert "<html" not in fragment.content.decode()
    assert "2 of 4 sent." in fragment.content.decode()
    assert "<html" in plain.content.decode() and "2 of 4 sent." in plain.content.decode()


def test_the_progress_stops_polling_when_the_sending_is_done(client_for, edition, personas):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENT, sent_count=5, failed_count=1)
    fragment = client_for(personas.coordinator).get(
        reverse("newsletter:progress", args=[edition.pk]), HTTP_HX_REQUEST="true"
    )
    assert "data-hx-trigger" not in fragment.content.decode()
    assert "5 of 6 sent." in fragment.content.decode()


def test_a_coordinator_makes_a_stopped_sending_go_on(client_for, edition, personas, mailoutbox):
    subscriber = SubscriberFactory()
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING, queued_at=timezone.now())
    Delivery.objects.create(
        edition=edition,
        email=subscriber.email,
        subscriber=subscriber,
        status="sending",
        claimed_by="dead-worker",
        lease_until=timezone.now() + datetime.timedelta(minutes=5),  # its worker died a minute ago
    )
    assert sending.resume() == 0  # the cron waits for the lease
    mailoutbox.clear()
    response = client_for(personas.coordinator).post(reverse("newsletter:resume", args=[edition.pk]))
    assert response.status_code == 302
    assert mailoutbox == []  # a live lease is never taken over, not even when asked
    Delivery.objects.update(lease_until=timezone.now() - datetime.timedelta(seconds=1))
    client_for(personas.coordinator).post(reverse("newsletter:resume", args=[edition.pk]))
    assert addresses(mailoutbox) == [subscriber.email]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
