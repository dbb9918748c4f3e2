"""A coordinator starts an edition: the kartrekkers are asked, reminded once; the text and order change."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.core.models import AuditLogEntry
from samenspel.newsletter import sections
from samenspel.newsletter.models import Edition, UpdateRequest
from samenspel.newsletter.services import editions
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory
from tests.round_trip import assert_page_offers, assert_saved

# Every registered section (the newsletter's four and the opportunities'), in their default order.
SECTION_KEYS = [section.key for section in sections.registered()]

TODAY = timezone.localdate()


def form_data(**overrides) -> dict:
    data = {
        "title": "Stand van zaken vanuit de kringen",
        "issue_date": (TODAY + datetime.timedelta(days=14)).isoformat(),
        "deadline": (TODAY + datetime.timedelta(days=7)).isoformat(),
        "audience": "everyone",
        "circle": "",
        "visibility": "public",
        "introduction": "Hier alvast een **voorproefje**.",
    }
    return {**data, **overrides}


def test_a_coordinator_starts_an_edition_and_each_kartrekker_is_asked(
    client_for, personas, mailoutbox, django_capture_on_commit_callbacks
):
    other = CircleFactory(name="Kring Nieuw Werk")
    lead = MemberFactory(name="Lotte Lead", preferred_language="en")
    CircleMembershipFactory(circle=other, member=lead, role=CircleMembership.Role.LEAD)
    CircleFactory(name="Kring zonder kartrekker")
    client = client_for(personas.coordinator)
    assert_page_offers(client.get(reverse("newsletter:create")), form_data())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletter:create"), form_data())

    edition = Edition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:manage", args=[edition.pk])
    assert_saved(
        edition, {"title": "Stand van zaken vanuit de kringen", "audience": "everyone", "visibility": "public"}
    )
    assert edition.issue_date == TODAY + datetime.timedelta(days=14)
    assert "<strong>voorproefje</strong>" in edition.introduction_html
    assert edition.status == Edition.Status.DRAFT and edition.created_by == personas.coordinator
    assert UpdateRequest.objects.filter(edition=edition).count() == 3  # every active circle, also without a lead
    to = {message.to[0]: message for message in mailoutbox}
    assert set(to) == {personas.kartrekker.email, lead.email}
    assert to[lead.email].subject == "Please write the update of Kring Nieuw Werk for the newsletter"
    request = UpdateRequest.objects.get(edition=edition, circle=other)
    assert reverse("newsletter:request", args=[request.pk]) in to[lead.email].body
    assert AuditLogEntry.objects.filter(action="newsletter.edition.created").count() == 1


def test_the_request_email_is_in_the_kartrekkers_language(personas, mailoutbox, django_capture_on_commit_callbacks):
    personas.kartrekker.preferred_language = "nl"
    personas.kartrekker.save()
    with django_capture_on_commit_callbacks(execute=True):
        editions.create_edition(actor=personas.coordinator, **{k: v for k, v in form_data().items() if k != "circle"})
    assert mailoutbox[0].subject == "Schrijf je de update van Kring Onderzoek voor de nieuwsbrief?"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 151}, "title"),
        ({"issue_date": ""}, "issue_date"),
        ({"issue_date": "8 februari"}, "issue_date"),
        ({"deadline": (TODAY + datetime.timedelta(days=30)).isoformat()}, "deadline"),
        ({"audience": "everybody-and-their-dog"}, "audience"),
        ({"audience": "circle", "circle": ""}, "circle"),
        ({"audience": "circle", "circle": "999999"}, "circle"),
        ({"audience": "circle", "circle": "<script>"}, "circle"),
        ({"audience": "subscribers", "visibility": "members"}, "visibility"),
        ({"introduction": "x" * 10001}, "introduction"),
    ],
)
def test_bad_input_starts_nothing(client_for, personas, overrides, field):
    response = client_for(personas.coordinator).post(reverse("newsletter:create"), form_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Edition.objects.exists()


def test_an_inactive_circle_is_a_foreign_id_for_the_circle_audience(client_for, personas):
    gone = CircleFactory(is_active=False)
    response = client_for(personas.coordinator).post(
        reverse("newsletter:create"), form_data(audience="circle", circle=str(gone.pk), visibility="members")
    )
    assert response.status_code == 400
    assert "circle" in response.context["form"].errors


def test_html_in_the_introduction_is_sanitised(client_for, edition, personas):
    data = form_data(introduction='<script>alert(1)</script>Hallo <a href="javascript:alert(1)">klik</a> <b>vet</b>')
    data.update({f"order-position_{key}": str(i) for i, key in enumerate(SECTION_KEYS, 1)})
    data.update({f"order-show_{key}": "on" for key in SECTION_KEYS})
    response = client_for(personas.coordinator).post(reverse("newsletter:edit", args=[edition.pk]), data)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert "<script" not in edition.introduction_html
    assert "javascript:" not in edition.introduction_html
    assert "<b>vet</b>" in edition.introduction_html
    page = client_for(None).get(reverse("newsletter:archive"))
    assert b"<script>alert" not in page.content


def test_the_coordinator_changes_the_order_and_hides_a_section(client_for, edition, personas):
    client = client_for(personas.coordinator)
    data = form_data(introduction="Nieuw")
    data.update(
        {
            "order-position_updates": "3",
            "order-position_meetings": "1",
            "order-position_rounds": "2",
            "order-position_reports": "4",
            "order-position_opportunities": "5",
            "order-show_updates": "on",
            "order-show_meetings": "on",
            "order-show_reports": "on",
            "order-show_opportunities": "on",
        }
    )
    assert_page_offers(client.get(reverse("newsletter:edit", args=[edition.pk])), data)

    response = client.post(reverse("newsletter:edit", args=[edition.pk]), data)

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.sections == [
        {"key": "meetings", "show": True},
        {"key": "rounds", "show": False},
        {"key": "updates", "show": True},
        {"key": "reports", "show": True},
        {"key": "opportunities", "show": True},
    ]
    assert edition.introduction == "Nieuw"
    preview = client.get(reverse("newsletter:preview", args=[edition.pk])).content.decode()
    assert preview.index("Upcoming meetings") < preview.index("News from the circles")
    assert "Give your opinion" not in preview


@pytest.mark.parametrize("value", ["", "0", str(len(SECTION_KEYS) + 1), "-1", "twee", "1e3"])
def test_a_bad_place_in_the_order_is_refused(client_for, edition, personas, value):
    data = form_data()
    data.update({f"order-position_{key}": str(i) for i, key in enumerate(SECTION_KEYS, 1)})
    data["order-position_rounds"] = value
    response = client_for(personas.coordinator).post(reverse("newsletter:edit", args=[edition.pk]), data)
    assert response.status_code == 400
    assert "position_rounds" in response.context["order_form"].errors


def test_a_sent_edition_can_no_longer_be_edited(client_for, edition, personas):
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENT)
    client = client_for(personas.coordinator)
    response = client.post(reverse("newsletter:edit", args=[edition.pk]), form_data(title="Anders"))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.title == "Stand van zaken vanuit de kringen"
    with pytest.raises(editions.EditionClosed):
        editions.edit_edition(edition=edition, actor=personas.coordinator, title="Anders")


def test_the_kartrekkers_are_reminded_once_two_days_before_the_deadline(
    edition, personas, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    early = timezone.now() + datetime.timedelta(days=3)  # five days before the deadline: not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert editions.send_reminders(now=early) == 0
    due = timezone.now() + datetime.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert editions.send_reminders(now=due) == 1
        assert editions.send_reminders(now=due) == 0
    assert [message.to for message in mailoutbox] == [[personas.kartrekker.email]]
    assert mailoutbox[0].subject.startswith("Herinnering: de update van Kring Onderzoek")  # in their language (nl)


def test_no_reminder_when_the_update_is_written_or_the_edition_sent(edition, personas, update_request):
    from tests.factories.circles import CircleUpdateFactory

    update_request.update = CircleUpdateFactory(circle=personas.circle)
    update_request.save()
    assert editions.send_reminders(now=timezone.now() + datetime.timedelta(days=5)) == 0


def test_the_reminder_command_runs(edition, capsys):
    call_command("send_newsletter_reminders")
    assert "0" in capsys.readouterr().out


def test_asking_again_asks_only_new_circles(edition, personas, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    new = CircleFactory()
    CircleMembershipFactory(circle=new, member=MemberFactory(), role=CircleMembership.Role.LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        assert editions.ask_for_updates(edition=edition) == 1
        assert editions.ask_for_updates(edition=edition) == 0
    assert len(mailoutbox) == 1
