"""Circles run their own consultations ("We agenderen en reageren").

A circle's kartrekker makes a document for their circle, writes and publishes its versions and starts
rounds for the circle's members, like a coordinator but only for their own circle. Only the circle's
active members (and coordinators) read the document and its rounds; everyone else gets 404.
A kartrekker who steps down loses these rights at once.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.consultations.models import Comment, Document, Round, Version
from samenspel.consultations.services import rounds as round_services
from samenspel.consultations.services.round_notices import _audience
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.consultations import DocumentFactory, ParagraphFactory, RoundFactory, VersionFactory
from tests.factories.members import MemberFactory
from tests.round_trip import assert_page_offers, assert_saved

from .helpers_rounds import confirm_email

pytestmark = pytest.mark.django_db

CREATE = reverse("consultations:document_create")
TEXT = """# Doel van de functie

De ervaringsdeskundige zet eigen ervaring bewust in.

## Taken

Je gaat mee naar gesprekken met bewoners.
"""


def document_url(name, document, number=None):
    args = [document.slug] if number is None else [document.slug, number]
    return reverse(f"consultations:{name}", args=args)


def local(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


@pytest.fixture
def circle_round(personas):
    """An open round for the members of the personas' circle, on a published version of its document."""
    document = DocumentFactory(circle=personas.circle, is_public=False, title="Functieprofiel", slug="functieprofiel")
    version = VersionFactory(document=document, label="1")
    ParagraphFactory(version=version)
    return RoundFactory(version=version, audience=Round.Audience.CIRCLE, title="Reageer op het functieprofiel")


@pytest.fixture
def other_lead(db):
    """The kartrekker of another circle: an approved member, not in the personas' circle."""
    lead = MemberFactory(name="Anouk Andere-Kring")
    CircleMembershipFactory(circle=CircleFactory(name="Kring Armoede", slug="armoede"), member=lead, role="lead")
    return lead


def test_the_kartrekker_makes_a_document_version_and_round_for_their_circle(personas, client_for):
    client = client_for(personas.kartrekker)
    confirm_email(personas.kartrekker)
    data = {
        "title": "Functieprofiel ervaringsdeskundige",
        "slug": "functieprofiel",
        "kind": Document.Kind.JOB_PROFILE,
        "summary": "Wat een ervaringsdeskundige in het buurtteam doet.",
        "circle": personas.circle.pk,
    }
    page = client.get(CREATE, {"circle": personas.circle.pk})
    assert_page_offers(page, data)
    assert page.context["form"]["circle"].value() == str(personas.circle.pk)
    response = client.post(CREATE, data)
    assert response.status_code == 302
    document = Document.objects.get()
    assert_saved(document, {key: value for key, value in data.items() if key != "circle"})
    assert (document.circle, document.created_by, document.is_public) == (personas.circle, personas.kartrekker, False)

    # Its first version: made, written, reviewed, saved and published by the kartrekker.
    assert client.post(document_url("version_create", document), {"label": "0.1", "note": ""}).status_code == 302
    review = client.post(document_url("version_text", document, 1), {"text": TEXT})
    assert review.status_code == 200
    token = review.context["confirm_form"]["reviewed"].value()
    assert client.post(document_url("version_text_save", document, 1), {"reviewed": token}).status_code == 302
    assert client.post(document_url("version_publish", document, 1)).status_code == 302
    version = Version.objects.get(document=document)
    assert version.status == Version.Status.PUBLISHED and version.paragraphs.count() == 4

    # A round for the circle's members; the round form offers only the kartrekker's circle documents.
    DocumentFactory(slug="landelijk")  # a network document: not theirs to start a round on
    round_data = {
        "version": version.pk,
        "title": "Reageer op het functieprofiel",
        "introduction": "We agenderen en reageren.",
        "audience": Round.Audience.CIRCLE,
        "opens_at": "2030-03-02T09:00",
        "closes_at": "2030-03-20T17:30",
        "questions": "Mist er iets?",
    }
    form_page = client.get(reverse("consultations:round_create"))
    assert_page_offers(form_page, round_data)
    assert list(form_page.context["form"].fields["version"].queryset) == [version]
    assert client.post(reverse("consultations:round_create"), round_data).status_code == 302
    round_ = Round.objects.get()
    assert (round_.version, round_.title, round_.introduction, round_.audience) == (
        version,
        round_data["title"],
        round_data["introduction"],
        Round.Audience.CIRCLE,
    )
    assert (round_.opens_at, round_.closes_at) == (local("2030-03-02T09:00"), local("2030-03-20T17:30"))
    assert [q.text for q in round_.questions.all()] == ["Mist er iets?"]
    # ... and manages it: its edit page, invitations and outcomes.
    for name in ("round_edit", "round_invitees", "outcomes"):
        assert client.get(reverse(f"consultations:{name}", args=[round_.pk])).status_code == 200, name


def test_a_circle_round_is_for_the_members_of_the_circle_only(personas, client_for):
    version = VersionFactory(document=DocumentFactory(circle=personas.circle), label="1")
    network = VersionFactory(document=DocumentFactory(), label="1")
    when = {"opens_at": timezone.now(), "closes_at": timezone.now() + datetime.timedelta(days=7)}
    with pytest.raises(round_services.RoundError):
        round_services.create_round(
            actor=personas.kartrekker, version=version, title="Ronde", audience=Round.Audience.MEMBERS, **when
        )
    with pytest.raises(round_services.RoundError):
        round_services.create_round(
            actor=personas.coordinator, version=network, title="Ronde", audience=Round.Audience.CIRCLE, **when
        )


def test_a_foreign_circle_in_the_form_gets_a_clear_error(personas, client_for, other_lead, english):
    client = client_for(other_lead)
    data = {"title": "Gekaapt", "slug": "", "kind": Document.Kind.OTHER, "summary": "", "circle": personas.circle.pk}
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["circle"] == ["Choose a circle you lead."]
    assert client.post(CREATE, {**data, "circle": "abc"}).status_code == 200
    assert not Document.objects.exists()


@pytest.mark.parametrize("persona", ["member", "outsider", "orgrep", "municipality"])
def test_people_who_lead_no_circle_make_no_document(personas, client_for, persona):
    response = client_for(personas.as_dict()[persona]).post(CREATE, {"title": "Gekaapt", "kind": "other"})
    assert response.status_code == 403
    assert not Document.objects.exists()


def test_a_kartrekker_of_another_circle_gets_404_on_the_circles_document_and_round(
    personas, client_for, circle_round, other_lead
):
    document = circle_round.version.document
    client = client_for(other_lead)
    for url in (
        document_url("document_detail", document),
        document_url("document_edit", document),
        document_url("version_create", document),
        document_url("version_detail", document, 1),
        reverse("consultations:round_detail", args=[circle_round.pk]),
        reverse("consultations:round_edit", args=[circle_round.pk]),
        reverse("consultations:outcomes", args=[circle_round.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(document_url("version_publish", document, 1)).status_code == 404
    # Not on the lists either, and they cannot start a round on its version.
    assert "Functieprofiel" not in client.get(reverse("consultations:document_list")).content.decode()
    assert "Reageer op het functieprofiel" not in client.get(reverse("consultations:round_list")).content.decode()
    assert client.get(reverse("consultations:round_create")).status_code == 403


@pytest.mark.parametrize(("persona", "expected"), [("outsider", 404), ("orgrep", 404), ("pending", 404)])
def test_people_outside_the_circle_get_404_on_its_round(personas, client_for, circle_round, persona, expected):
    client = client_for(personas.as_dict()[persona])
    round_url = reverse("consultations:round_detail", args=[circle_round.pk])
    assert client.get(round_url).status_code == expected
    assert client.get(reverse("consultations:comment_create", args=[circle_round.pk])).status_code == expected
    assert client.get(document_url("document_detail", circle_round.version.document)).status_code == expected


def test_a_visitor_is_sent_to_log_in(client, circle_round):
    response = client.get(reverse("consultations:round_detail", args=[circle_round.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_of_the_circle_comments(personas, client_for, circle_round):
    confirm_email(personas.member)
    client = client_for(personas.member)
    assert client.get(reverse("consultations:round_detail", args=[circle_round.pk])).status_code == 200
    paragraph = circle_round.version.paragraphs.get()
    data = {"paragraph": paragraph.pk, "body": "Zet er ook intervisie bij.", "display": Comment.Display.NAME}
    response = client.post(reverse("consultations:comment_create", args=[circle_round.pk]), data)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.round, comment.paragraph, comment.author, comment.body) == (
        circle_round,
        paragraph,
        personas.member,
        "Zet er ook intervisie bij.",
    )
    # A member does not manage the round.
    assert client.get(reverse("consultations:round_edit", args=[circle_round.pk])).status_code == 403


def test_a_member_who_asked_to_join_does_not_see_the_round(personas, client_for, circle_round):
    waiting = MemberFactory()
    CircleMembershipFactory(circle=personas.circle, member=waiting, status=CircleMembership.Status.REQUESTED)
    assert client_for(waiting).get(reverse("consultations:round_detail", args=[circle_round.pk])).status_code == 404


def test_coordinators_keep_all_rights_on_a_circles_document(personas, client_for, circle_round):
    client = client_for(personas.coordinator)
    assert client.get(document_url("document_edit", circle_round.version.document)).status_code == 200
    assert client.get(reverse("consultations:round_edit", args=[circle_round.pk])).status_code == 200


def test_a_kartrekker_who_steps_down_can_no_longer_edit(personas, client_for, circle_round):
    client = client_for(personas.kartrekker)
    document = circle_round.version.document
    assert client.get(document_url("document_edit", document)).status_code == 200
    CircleMembership.objects.filter(circle=personas.circle, member=personas.kartrekker).update(
        role=CircleMembership.Role.MEMBER
    )
    for url in (
        document_url("document_edit", document),
        document_url("version_create", document),
        reverse("consultations:round_edit", args=[circle_round.pk]),
        reverse("consultations:outcomes", args=[circle_round.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(document_url("document_edit", document), {"title": "Weg", "kind": "other"}).status_code == 403
    document.refresh_from_db()
    assert document.title == "Functieprofiel"
    # Still a member: they read the round.
    assert client.get(reverse("consultations:round_detail", args=[circle_round.pk])).status_code == 200


def test_only_the_circles_members_are_told_the_round_opened(personas, circle_round):
    assert set(_audience(circle_round)) == {personas.member, personas.kartrekker}


def test_the_circle_page_lists_its_consultations(personas, client_for, circle_round, english):
    url = reverse("circles:detail", args=[personas.circle.slug])
    lead_page = client_for(personas.kartrekker).get(url).content.decode()
    assert "Reageer op het functieprofiel" in lead_page
    assert f"{CREATE}?circle={personas.circle.pk}" in lead_page
    member_page = client_for(personas.member).get(url).content.decode()
    assert "Reageer op het functieprofiel" in member_page and f"{CREATE}?circle=" not in member_page
    outsider_page = client_for(personas.outsider).get(url).content.decode()
    assert "Reageer op het functieprofiel" not in outsider_page and "Functieprofiel" not in outsider_page
