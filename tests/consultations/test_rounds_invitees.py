"""Inviting people by email address: an email in their language; unknown addresses are reported."""

from django.urls import reverse

from samenspel.consultations.models import Round, RoundInvitee
from tests.factories.members import MemberFactory

from .helpers_rounds import DAY, NOW, confirm_email, make_round


def invite(client, round_, emails):
    return client.post(reverse("consultations:round_invitees", args=[round_.pk]), {"emails": emails})


def test_a_coordinator_invites_accounts_and_they_get_an_email_in_their_language(
    setup, personas, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    english = MemberFactory(email="Ed.English@example.org", name="Ed English", preferred_language="en")
    client = client_for(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, setup.round, f"ed.english@EXAMPLE.org, {personas.member.email}\nnobody@example.org")
    assert response.status_code == 302
    assert set(RoundInvitee.objects.values_list("member", flat=True)) == {english.pk, personas.member.pk}
    assert len(mailoutbox) == 2
    mail = next(m for m in mailoutbox if m.to == [english.email])
    assert mail.subject == f"You are invited to comment on {setup.document.title}"
    assert reverse("consultations:round_detail", args=[setup.round.pk]) in mail.body
    dutch = next(m for m in mailoutbox if m.to == [personas.member.email])
    assert dutch.subject.startswith("Je bent uitgenodigd")
    page = client.get(response["Location"]).content.decode()
    assert "nobody@example.org" in page  # reported back: no account
    assert "Ed English" in page
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, setup.round, english.email)
    assert len(mailoutbox) == 2  # invited once


def test_bad_addresses_are_refused_and_nobody_is_invited(setup, personas, client_for, mailoutbox):
    client = client_for(personas.coordinator)
    for bad in ("", "geen-adres", f"{personas.member.email}, <script>@x", "a@example.org " * 201):
        response = invite(client, setup.round, bad)
        assert response.status_code == 400
    assert not RoundInvitee.objects.exists()
    assert not mailoutbox


def test_only_coordinators_manage_invitees(setup, personas, client_for):
    invitee = RoundInvitee.objects.create(round=setup.round, member=personas.member)
    for person in (personas.member, personas.kartrekker, personas.outsider):
        client = client_for(person)
        assert client.get(reverse("consultations:round_invitees", args=[setup.round.pk])).status_code == 403
        assert invite(client, setup.round, personas.outsider.email).status_code == 403
        remove = reverse("consultations:round_invitee_remove", args=[setup.round.pk, invitee.pk])
        assert client.post(remove).status_code == 403
    assert RoundInvitee.objects.count() == 1


def test_a_coordinator_takes_an_invitation_back(setup, personas, client_for):
    invitee = RoundInvitee.objects.create(round=setup.round, member=personas.member)
    other = make_round()
    client = client_for(personas.coordinator)
    wrong = reverse("consultations:round_invitee_remove", args=[other.round.pk, invitee.pk])
    assert client.post(wrong).status_code == 404
    assert (
        client.post(reverse("consultations:round_invitee_remove", args=[setup.round.pk, invitee.pk])).status_code == 302
    )
    assert not RoundInvitee.objects.exists()


def test_an_invited_person_reads_a_members_only_round_and_comments(db, frozen, personas, client_for):
    setup = make_round(is_public=False, audience=Round.Audience.INVITED)
    guest = MemberFactory(status="pending", name="Gerda Gast")
    confirm_email(guest)
    url = reverse("consultations:round_detail", args=[setup.round.pk])
    assert client_for(guest).get(url).status_code == 404
    RoundInvitee.objects.create(round=setup.round, member=guest)
    assert client_for(guest).get(url).status_code == 200
    response = client_for(guest).post(
        reverse("consultations:comment_create", args=[setup.round.pk]), {"body": "Goed plan", "display": "role"}
    )
    assert response.status_code == 302
    # the document itself stays hidden for someone who is not an approved member
    assert (
        client_for(guest).get(reverse("consultations:document_detail", args=[setup.document.slug])).status_code == 404
    )


def test_inviting_after_closing_is_refused(db, personas, client_for):
    import time_machine

    with time_machine.travel(NOW, tick=False):
        setup = make_round(closes_at=NOW + DAY)
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        response = invite(client_for(personas.coordinator), setup.round, personas.member.email)
        assert response.status_code == 400
        assert "This round is closed" in response.content.decode()
    assert not RoundInvitee.objects.exists()
