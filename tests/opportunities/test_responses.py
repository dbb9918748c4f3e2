"""Responding to an opportunity: who may, bad input, twice, after closing, withdrawing; the poster told."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.core.models import AuditLogEntry
from samenspel.notifications.models import Notification
from samenspel.opportunities.models import Opportunity, Response
from samenspel.opportunities.services import responses as services
from tests.factories.opportunities import OpportunityFactory, ResponseFactory

pytestmark = pytest.mark.usefixtures("english")

GOOD = {"note": "Ik ken de buurt goed en wil graag meedoen.", "share_name": "on", "share_email": "on"}


def respond_url(opportunity):
    return reverse("opportunities:respond", args=[opportunity.pk])


def test_a_member_responds_and_reads_their_response_back(personas, client_for, opportunity):
    data = {**GOOD, "share_phone": "on", "phone": "06 12345678", "share_themes": "on"}
    response = client_for(personas.outsider).post(respond_url(opportunity), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunities:my_response", args=[opportunity.pk])
    saved = Response.objects.get(opportunity=opportunity, member=personas.outsider)
    assert saved.note == GOOD["note"]
    assert (saved.share_name, saved.share_email, saved.share_phone, saved.share_themes) == (True, True, True, True)
    assert saved.phone == "06 12345678"
    assert saved.status == Response.Status.NEW
    assert AuditLogEntry.objects.filter(action="opportunity.response.created", actor=personas.outsider).exists()
    page = client_for(personas.outsider).get(response["Location"])
    assert page.status_code == 200
    assert "06 12345678" in page.content.decode()


def test_the_phone_number_is_not_stored_when_it_is_not_shared(personas, client_for, opportunity):
    client_for(personas.outsider).post(respond_url(opportunity), {**GOOD, "phone": "06 12345678"})
    assert Response.objects.get(member=personas.outsider).phone == ""


def test_the_posters_are_told_and_emailed_but_not_who_responded(
    personas, client_for, opportunity, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.outsider).post(respond_url(opportunity), GOOD)
    told = Notification.objects.filter(kind="opportunity_response")
    assert [n.recipient for n in told] == [personas.kartrekker]
    assert told[0].link == reverse("opportunities:responses", args=[opportunity.pk])
    assert "Otto" not in str(told[0].params)
    assert [mail.to for mail in mailoutbox] == [[personas.kartrekker.email]]
    assert "Iemand reageerde op Ervaringsdeskundige buurtteam Zuidoost" in mailoutbox[0].body


def test_coordinators_are_told_when_no_one_else_manages_it(personas, client_for):
    submitted = OpportunityFactory(created_by=None, contact_name="Partner", contact_email="partner@example.org")
    client_for(personas.outsider).post(respond_url(submitted), GOOD)
    assert [n.recipient for n in Notification.objects.filter(kind="opportunity_response")] == [personas.coordinator]


def test_a_poster_who_chose_no_email_gets_the_message_only(personas, client_for, opportunity, mailoutbox):
    from samenspel.notifications.models import NotificationSetting

    NotificationSetting.objects.create(member=personas.kartrekker, kind="opportunity_response", frequency="never")
    client_for(personas.outsider).post(respond_url(opportunity), GOOD)
    assert Notification.objects.filter(recipient=personas.kartrekker, kind="opportunity_response").exists()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "note": ""}, "Write a short note."),
        ({**GOOD, "note": "x" * 1001}, "Use at most 1000 characters"),
        ({**GOOD, "note": "Kijk op https://example.org"}, "Leave out web addresses"),
        ({**GOOD, "note": "Zie www.voorbeeld.nl voor meer"}, "Leave out web addresses"),
        ({**GOOD, "note": "Mail me op iemand@example.org"}, "Leave out web addresses"),
        ({**GOOD, "share_phone": "on", "phone": ""}, "Fill in your phone number"),
        ({**GOOD, "share_phone": "on", "phone": "bel me"}, "Fill in a phone number with digits"),
        ({"note": "Hallo", "share_name": "on"}, "Share at least your email address or your phone number"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(personas, client_for, opportunity, data, message):
    response = client_for(personas.outsider).post(respond_url(opportunity), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists()
    if data["note"] and len(data["note"]) < 100:
        assert data["note"] in response.content.decode()  # nothing the person typed is lost


def test_html_in_a_note_is_stored_as_text_and_shown_escaped(personas, client_for, opportunity):
    note = "<script>alert(1)</script> <b>graag</b>"
    client_for(personas.outsider).post(respond_url(opportunity), {**GOOD, "note": note})
    assert Response.objects.get().note == note
    page = client_for(personas.kartrekker).get(reverse("opportunities:responses", args=[opportunity.pk]))
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_responding_twice_says_so_and_keeps_the_first(personas, client_for, opportunity):
    client = client_for(personas.outsider)
    client.post(respond_url(opportunity), GOOD)
    second = client.post(respond_url(opportunity), {**GOOD, "note": "Nog een keer"}, follow=True)
    assert "You already responded to this opportunity" in second.content.decode()
    assert list(Response.objects.values_list("note", flat=True)) == [GOOD["note"]]


def test_the_service_turns_a_race_into_already_responded(personas, opportunity):
    ResponseFactory(opportunity=opportunity, member=personas.outsider)
    with pytest.raises(services.AlreadyResponded):
        services.respond(
            opportunity=opportunity,
            member=personas.outsider,
            note="Twee keer",
            share_name=True,
            share_email=True,
            share_phone=False,
            share_themes=False,
        )
    assert Response.objects.count() == 1


@pytest.mark.parametrize("change", ["deadline", "closed", "filled"])
def test_after_closing_or_the_deadline_no_response_is_taken(personas, client_for, opportunity, change):
    if change == "deadline":
        opportunity.respond_by = timezone.localdate() - datetime.timedelta(days=1)
    else:
        opportunity.status = change
    opportunity.save()
    response = client_for(personas.outsider).post(respond_url(opportunity), GOOD)
    assert response.status_code == 200
    assert "no longer takes responses" in response.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_a_closed_opportunity(personas, opportunity):
    opportunity.status = Opportunity.Status.CLOSED
    opportunity.save()
    with pytest.raises(services.ClosedForResponses):
        services.respond(
            opportunity=opportunity,
            member=personas.outsider,
            note="Te laat",
            share_name=True,
            share_email=True,
            share_phone=False,
            share_themes=False,
        )


def test_a_visitor_sees_sign_up_to_respond_on_a_public_opportunity(db, client):
    public = OpportunityFactory(audience=Opportunity.Audience.PUBLIC)
    page = client.get(respond_url(public))
    assert page.status_code == 200
    assert "Sign up to respond" in page.content.decode()
    assert client.post(respond_url(public), GOOD).status_code == 403
    assert not Response.objects.exists()


def test_members_only_and_drafts_are_hidden(personas, client_for, opportunity):
    assert client_for(None).get(respond_url(opportunity)).status_code == 404
    assert client_for(personas.pending).get(respond_url(opportunity)).status_code == 404
    draft = OpportunityFactory(status=Opportunity.Status.DRAFT)
    assert client_for(personas.outsider).post(respond_url(draft), GOOD).status_code == 404
    assert not Response.objects.exists()


def test_a_pending_member_may_not_respond_to_a_public_opportunity(personas, client_for):
    public = OpportunityFactory(audience=Opportunity.Audience.PUBLIC)
    assert client_for(personas.pending).post(respond_url(public), GOOD).status_code == 403
    assert not Response.objects.exists()


def test_a_member_withdraws_and_the_poster_sees_no_details(personas, client_for, opportunity):
    ResponseFactory(opportunity=opportunity, member=personas.outsider, note="Graag!")
    client = client_for(personas.outsider)
    response = client.post(reverse("opportunities:response_withdraw", args=[opportunity.pk]))
    assert response.status_code == 302
    assert Response.objects.get().status == Response.Status.WITHDRAWN
    page = client_for(personas.kartrekker).get(reverse("opportunities:responses", args=[opportunity.pk]))
    assert "withdrew their response" in page.content.decode()
    assert personas.outsider.email not in page.content.decode()


def test_a_chosen_response_cannot_be_withdrawn_here(personas, client_for, opportunity):
    ResponseFactory(opportunity=opportunity, member=personas.outsider, status=Response.Status.CHOSEN)
    page = client_for(personas.outsider).post(
        reverse("opportunities:response_withdraw", args=[opportunity.pk]), follow=True
    )
    assert "already answered your response" in page.content.decode()
    assert Response.objects.get().status == Response.Status.CHOSEN


def test_someone_without_a_response_gets_404_on_my_response_and_withdraw(personas, client_for, opportunity):
    ResponseFactory(opportunity=opportunity, member=personas.member)
    client = client_for(personas.outsider)
    assert client.get(reverse("opportunities:my_response", args=[opportunity.pk])).status_code == 404
    assert client.post(reverse("opportunities:response_withdraw", args=[opportunity.pk])).status_code == 404
    assert Response.objects.get().status == Response.Status.NEW


def test_an_unknown_or_absurd_id_is_404(personas, client_for):
    client = client_for(personas.outsider)
    assert client.get("/opportunities/999999/respond/").status_code == 404
    assert client.get("/opportunities/99999999999999999999999/respond/").status_code == 404
