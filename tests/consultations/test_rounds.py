"""Creating and changing rounds: coordinators only, on published versions, with questions."""

from django.urls import reverse

from samenspel.consultations.models import Question, Round
from samenspel.core.models import AuditLogEntry
from tests.factories.consultations import CommentFactory, VersionFactory

from .helpers_rounds import NOW, make_round


def round_data(version=None, **overrides):
    data = {
        "title": "Reacties op het concept-advies",
        "introduction": "Wat vind **jij**?",
        "audience": "members",
        "opens_at": "2030-03-01T09:00",
        "closes_at": "2030-03-15T17:00",
        "questions": "Mist er iets?\n\nIs de taal duidelijk?",
    }
    if version is not None:
        data["version"] = version.pk
    data.update(overrides)
    return data


def test_a_coordinator_starts_a_round_with_questions(setup, personas, client_for):
    client = client_for(personas.coordinator)
    url = reverse("consultations:round_create")
    assert client.get(url, {"version": setup.version.pk}).status_code == 200
    response = client.post(url, round_data(setup.version))
    round_ = Round.objects.exclude(pk=setup.round.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:round_detail", args=[round_.pk])
    assert [q.text for q in round_.questions.all()] == ["Mist er iets?", "Is de taal duidelijk?"]
    assert round_.created_by == personas.coordinator
    assert AuditLogEntry.objects.filter(action="consultation.round.created", target_id=str(round_.pk)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "<strong>jij</strong>" in page and "Mist er iets?" in page


def test_a_round_for_invited_people_continues_to_the_invitations(setup, personas, client_for):
    response = client_for(personas.coordinator).post(
        reverse("consultations:round_create"), round_data(setup.version, audience="invited")
    )
    round_ = Round.objects.get(audience="invited")
    assert response["Location"] == reverse("consultations:round_invitees", args=[round_.pk])


def test_only_coordinators_start_or_change_rounds(setup, personas, client_for):
    for person in (personas.member, personas.kartrekker, personas.outsider, personas.pending):
        client = client_for(person)
        assert client.get(reverse("consultations:round_create")).status_code == 403
        assert client.post(reverse("consultations:round_create"), round_data(setup.version)).status_code == 403
        assert client.post(reverse("consultations:round_edit", args=[setup.round.pk]), round_data()).status_code == 403
    assert client_for(None).get(reverse("consultations:round_create"))["Location"].startswith("/accounts/")
    assert Round.objects.count() == 1


def test_a_round_needs_a_published_version_and_a_closing_after_the_opening(setup, personas, client_for):
    client = client_for(personas.coordinator)
    url = reverse("consultations:round_create")
    draft = VersionFactory(document=setup.document, label="2", status="draft")
    response = client.post(url, round_data(draft))
    assert response.status_code == 400
    response = client.post(url, round_data(setup.version, closes_at="2030-03-01T08:00"))
    assert response.status_code == 400
    assert "The round must close after it opens" in response.content.decode()
    for bad in ({"opens_at": "morgen"}, {"title": ""}, {"title": "x" * 201}, {"audience": "cats"}):
        assert client.post(url, round_data(setup.version, **bad)).status_code == 400
    assert client.post(url, {**round_data(), "version": "x"}).status_code == 400
    too_many = "\n".join(f"Vraag {n}?" for n in range(21))
    assert "at most 20 questions" in client.post(url, round_data(setup.version, questions=too_many)).content.decode()
    assert Round.objects.count() == 1


def test_changing_a_round_keeps_answered_questions(setup, personas, client_for):
    question = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    CommentFactory(round=setup.round, paragraph=None, question=question, author=personas.member)
    client = client_for(personas.coordinator)
    url = reverse("consultations:round_edit", args=[setup.round.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, round_data(questions=""))
    assert response.status_code == 400
    assert "cannot be removed" in response.content.decode()
    response = client.post(url, round_data(questions="Mist er nog iets?\nNieuwe vraag?"))
    assert response.status_code == 302
    setup.round.refresh_from_db()
    assert setup.round.title == "Reacties op het concept-advies"
    assert [q.text for q in setup.round.questions.all()] == ["Mist er nog iets?", "Nieuwe vraag?"]
    assert setup.round.questions.first().pk == question.pk


def test_a_later_closing_date_sends_the_reminder_again(setup, personas, client_for):
    setup.round.reminder_sent_at = NOW
    setup.round.save()
    client_for(personas.coordinator).post(
        reverse("consultations:round_edit", args=[setup.round.pk]), round_data(closes_at="2030-04-01T17:00")
    )
    setup.round.refresh_from_db()
    assert setup.round.reminder_sent_at is None


def test_the_round_list_groups_open_coming_and_closed_rounds(
    setup, personas, client_for, django_assert_max_num_queries
):
    from datetime import timedelta

    later = make_round(opens_at=NOW + timedelta(days=5), closes_at=NOW + timedelta(days=9))
    closed = make_round(opens_at=NOW - timedelta(days=9), closes_at=NOW - timedelta(days=5))
    hidden = make_round(is_public=False)
    for _ in range(30):
        make_round()
    visitor = client_for(None)
    with django_assert_max_num_queries(3):
        response = visitor.get(reverse("consultations:round_list"))
    page = response.content.decode()
    assert page.index("Open now") < page.index(setup.round.title) < page.index("Coming soon")
    assert page.index("Coming soon") < page.index(later.round.title) < page.index(closed.round.title)
    assert hidden.round.title not in page
    assert hidden.round.title in client_for(personas.member).get(reverse("consultations:round_list")).content.decode()


def test_the_document_headings_on_the_round_page_skip_no_level(frozen, personas, client_for):
    """The parts are h2: the document's first heading is an h3, and a jump from 2 to 4 becomes h3 to h4."""
    import re

    from samenspel.consultations.models import Paragraph
    from tests.factories.consultations import ParagraphFactory

    setup = make_round(is_public=True, paragraphs=1)
    setup.paragraphs[0].level = 2
    setup.paragraphs[0].save()
    ParagraphFactory(version=setup.version, kind=Paragraph.Kind.HEADING, level=4, text="Details")
    html = (
        client_for(personas.member).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    )
    assert re.findall(r'<(h\d) class="utrecht-heading-\d">(Inleiding|Details)<', html) == [
        ("h3", "Inleiding"),
        ("h4", "Details"),
    ]
