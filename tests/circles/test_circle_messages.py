"""A kartrekker writes to the whole circle through the platform (issue 16).

Every active member except the author gets a notification of kind `circle_message` (each email
to one person); the messages are read on the circle's messages page by its members.
"""

import json

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from samenspel.circles import services
from samenspel.circles.models import CircleMembership, CircleMessage
from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from samenspel.notifications.messages import text
from samenspel.notifications.models import DEFAULT_FREQUENCY, Frequency, Kind, Notification, NotificationSetting
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory
from tests.round_trip import assert_page_offers, assert_saved

pytestmark = pytest.mark.django_db


def write_url(circle):
    return reverse("circles:message_create", args=[circle.slug])


def list_url(circle):
    return reverse("circles:messages", args=[circle.slug])


def test_round_trip_stores_the_message_and_tells_exactly_the_active_members(
    personas, client_for, django_capture_on_commit_callbacks
):
    circle = personas.circle
    second = MemberFactory(name="Sam Second")
    CircleMembershipFactory(circle=circle, member=second)
    requested = CircleMembershipFactory(circle=circle, status=CircleMembership.Status.REQUESTED).member
    waiting = CircleMembershipFactory(circle=circle, status=CircleMembership.Status.AFTER_SIGN_UP).member
    gone = MemberFactory(is_active=False)
    CircleMembershipFactory(circle=circle, member=gone)
    other_circle_member = CircleMembershipFactory(circle=CircleFactory()).member
    client = client_for(personas.kartrekker)
    data = {"subject": "Volgende keer", "body": "Neem je **verhaal** mee."}
    assert_page_offers(client.get(write_url(circle)), data)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url(circle), data)

    assert response.status_code == 302
    assert response.url == list_url(circle)
    message = CircleMessage.objects.get(circle=circle)
    assert_saved(message, data)
    assert message.author == personas.kartrekker
    assert "<strong>verhaal</strong>" in message.body_html
    told = set(Notification.objects.filter(kind=Kind.CIRCLE_MESSAGE).values_list("recipient_id", flat=True))
    assert told == {personas.member.pk, second.pk}
    assert not told & {personas.kartrekker.pk, requested.pk, waiting.pk, gone.pk, other_circle_member.pk}
    assert message.recipient_count == 2
    notification = Notification.objects.filter(kind=Kind.CIRCLE_MESSAGE).first()
    assert notification.link == list_url(circle)
    assert notification.params == {"circle": circle.name, "subject": "Volgende keer"}
    # At once by default; each email goes to one person: no one sees another's address.
    sent = [email for email in mail.outbox if "Volgende keer" in email.subject]
    assert sorted(address for email in sent for address in email.to) == sorted([personas.member.email, second.email])
    assert all(len(email.to) == 1 and not email.cc and not email.bcc for email in sent)
    assert AuditLogEntry.objects.filter(action="circle.message.sent", actor=personas.kartrekker).exists()
    page = client_for(personas.member).get(list_url(circle)).content.decode()
    assert "Volgende keer" in page and "<strong>verhaal</strong>" in page


def test_the_default_is_at_once():
    assert DEFAULT_FREQUENCY[Kind.CIRCLE_MESSAGE] == Frequency.IMMEDIATE


def test_a_member_who_chose_never_still_reads_it_on_the_page(personas, client_for):
    NotificationSetting.objects.create(member=personas.member, kind=Kind.CIRCLE_MESSAGE, frequency=Frequency.NEVER)
    mail.outbox.clear()
    services.write_to_circle(circle=personas.circle, author=personas.kartrekker, subject="Alleen hier", body="Tekst")
    assert not [email for email in mail.outbox if "Alleen hier" in email.subject]
    assert "Alleen hier" in client_for(personas.member).get(list_url(personas.circle)).content.decode()


def test_coordinator_may_write(personas, client_for):
    response = client_for(personas.coordinator).post(
        write_url(personas.circle), {"subject": "Van de coördinator", "body": "Hoi"}
    )
    assert response.status_code == 302
    assert CircleMessage.objects.get(circle=personas.circle).author == personas.coordinator


@pytest.mark.parametrize(
    "data,error",
    [
        ({"subject": "", "body": "Tekst"}, "Fill in a subject."),
        ({"subject": "   ", "body": "Tekst"}, "Fill in a subject."),
        ({"subject": "Onderwerp", "body": ""}, "Write your message."),
        ({"subject": "x" * 151, "body": "Tekst"}, "The subject is too long. Use at most 150 characters (now 151)."),
        (
            {"subject": "Onderwerp", "body": "x" * 5001},
            "The message is too long. Use at most 5000 characters (now 5001).",
        ),
        ({"subject": ["a", "b"], "body": "Tekst"}, None),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(personas, client_for, data, error):
    response = client_for(personas.kartrekker).post(write_url(personas.circle), data)
    if error is None:  # a list where one value is expected: the last one counts, no crash
        assert response.status_code in (200, 302)
        return
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not CircleMessage.objects.exists()
    assert not Notification.objects.filter(kind=Kind.CIRCLE_MESSAGE).exists()


@pytest.mark.parametrize(
    "body,forbidden",
    [
        ("<script>alert('x')</script>Hallo", "<script"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ],
)
def test_html_and_script_are_sanitised(personas, client_for, body, forbidden):
    client_for(personas.kartrekker).post(write_url(personas.circle), {"subject": "<b>Kop</b>", "body": body})
    message = CircleMessage.objects.get(circle=personas.circle)
    assert forbidden not in message.body_html
    page = client_for(personas.member).get(list_url(personas.circle)).content.decode()
    assert forbidden not in page.split("<main", 1)[1]
    assert "&lt;b&gt;Kop&lt;/b&gt;" in page


def test_too_many_messages_in_a_day_is_a_clear_error(personas, client_for):
    for number in range(services.MESSAGES_PER_DAY):
        services.write_to_circle(circle=personas.circle, author=personas.kartrekker, subject=f"S{number}", body="x")
    response = client_for(personas.kartrekker).post(write_url(personas.circle), {"subject": "Nog een", "body": "x"})
    assert response.status_code == 200
    assert "Try again tomorrow." in response.content.decode()
    assert CircleMessage.objects.count() == services.MESSAGES_PER_DAY


@pytest.mark.parametrize("who", ["member", "outsider", "orgrep", "municipality", "pending"])
def test_others_may_not_write(personas, client_for, who):
    client = client_for(getattr(personas, who))
    assert client.get(write_url(personas.circle)).status_code == 403
    assert client.post(write_url(personas.circle), {"subject": "Hoi", "body": "Hoi"}).status_code == 403
    assert not CircleMessage.objects.exists()


def test_visitor_is_sent_to_log_in(personas, client_for):
    for url in (write_url(personas.circle), list_url(personas.circle)):
        response = client_for(None).get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_kartrekker_of_circle_a_cannot_write_to_circle_b(personas, client_for):
    other = CircleFactory(name="Kring B", slug="kring-b")
    CircleMembershipFactory(circle=other, member=MemberFactory())
    client = client_for(personas.kartrekker)
    assert client.get(write_url(other)).status_code == 403
    assert client.post(write_url(other), {"subject": "Hoi", "body": "Hoi"}).status_code == 403
    assert client.get(list_url(other)).status_code == 403
    assert not CircleMessage.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "orgrep", "municipality", "pending"])
def test_non_members_may_not_read_the_messages(personas, client_for, who):
    services.write_to_circle(circle=personas.circle, author=personas.kartrekker, subject="Geheim", body="x")
    response = client_for(getattr(personas, who)).get(list_url(personas.circle))
    assert response.status_code == 403
    assert "Geheim" not in response.content.decode()


def test_a_requested_member_may_not_read_the_messages(personas, client_for):
    requested = CircleMembershipFactory(circle=personas.circle, status=CircleMembership.Status.REQUESTED).member
    assert client_for(requested).get(list_url(personas.circle)).status_code == 403


@pytest.mark.parametrize("who", ["member", "kartrekker", "coordinator", "outsider"])
def test_a_hidden_circle_is_404(personas, client_for, who):
    personas.circle.is_active = False
    personas.circle.save()
    client = client_for(getattr(personas, who))
    assert client.get(list_url(personas.circle)).status_code == 404
    assert client.get(write_url(personas.circle)).status_code == 404
    assert client.get(reverse("circles:messages", args=["no-such-circle"])).status_code == 404


def test_circle_page_offers_the_links_to_whom_they_are_for(personas, client_for, english):
    detail = reverse("circles:detail", args=[personas.circle.slug])
    lead_page = client_for(personas.kartrekker).get(detail).content.decode()
    assert write_url(personas.circle) in lead_page and "Write to the circle" in lead_page
    member_page = client_for(personas.member).get(detail).content.decode()
    assert write_url(personas.circle) not in member_page
    assert list_url(personas.circle) in member_page
    outsider_page = client_for(personas.outsider).get(detail).content.decode()
    assert write_url(personas.circle) not in outsider_page and list_url(personas.circle) not in outsider_page


@pytest.fixture
def dutch(settings):
    settings.LANGUAGE_CODE = "nl"
    with translation.override("nl"):
        yield


def test_texts_in_dutch_and_english(personas, client_for, dutch):
    client = client_for(personas.kartrekker)
    dutch = client.get(write_url(personas.circle)).content.decode()
    assert "Schrijf de kring" in dutch and "Verstuur naar de kring" in dutch
    response = client.post(write_url(personas.circle), {"subject": "Hoi", "body": "x"}, follow=True)
    assert "Je bericht is verstuurd naar 1 lid." in response.content.decode()
    notification = Notification.objects.get(kind=Kind.CIRCLE_MESSAGE)
    shown = {"kind": notification.kind, "message": notification.message, "params": notification.params}
    with translation.override("nl"):
        assert text(**shown) == "Bericht aan Kring Onderzoek: Hoi"
        assert str(Kind.CIRCLE_MESSAGE.label) == "Bericht van de kartrekker van mijn kring"
    with translation.override("en"):
        assert text(**shown) == "Message to Kring Onderzoek: Hoi"
        assert str(Kind.CIRCLE_MESSAGE.label) == "Message from my circle's kartrekker"


def test_texts_in_english(personas, client_for, english):
    client = client_for(personas.kartrekker)
    page = client.get(write_url(personas.circle)).content.decode()
    assert "Write to the circle" in page and "Send to the circle" in page
    response = client.post(write_url(personas.circle), {"subject": "", "body": ""})
    assert "Fill in a subject." in response.content.decode() and "Write your message." in response.content.decode()
    response = client.post(write_url(personas.circle), {"subject": "Hi", "body": "x"}, follow=True)
    assert "Your message has been sent to 1 member." in response.content.decode()
    assert "No one has written" not in response.content.decode()


def test_messages_page_is_newest_first_with_constant_queries(personas, client_for, django_assert_max_num_queries):
    authors = [MemberFactory() for _ in range(5)]
    for author in authors:
        CircleMembershipFactory(circle=personas.circle, member=author, role=CircleMembership.Role.LEAD)
    for number in range(25):
        CircleMessage.objects.create(
            circle=personas.circle,
            author=authors[number % 5],
            subject=f"Bericht {number:02d}",
            body="x",
            body_html="<p>x</p>",
        )
    client = client_for(personas.member)
    with django_assert_max_num_queries(12):
        response = client.get(list_url(personas.circle))
    page = response.content.decode()
    assert page.count('class="samenspel-update"') == 20
    assert page.index("Bericht 24") < page.index("Bericht 23")
    assert "Bericht 04" not in page


def test_the_author_keeps_the_messages_in_their_export_and_they_stay_without_name(personas, client_for):
    from samenspel.members import services as member_services

    message = services.write_to_circle(circle=personas.circle, author=personas.kartrekker, subject="Mijn", body="x")
    export = json.loads(client_for(personas.kartrekker).get(reverse("members:my_data")).content)
    assert export["circle_messages_written"] == [
        {
            "circle__name": personas.circle.name,
            "subject": "Mijn",
            "body": "x",
            "sent_at": export["circle_messages_written"][0]["sent_at"],
        }
    ]
    member_services.delete_account(member=Member.objects.get(pk=personas.kartrekker.pk))
    message.refresh_from_db()
    assert message.author is None and message.subject == "Mijn"
    assert "Mijn" in client_for(personas.member).get(list_url(personas.circle)).content.decode()
