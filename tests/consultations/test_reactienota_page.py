"""The reactienota page and its .docx download: who reads them, what they show, anonymity, query count."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document as DocxDocument

from samenspel.consultations.models import Comment
from samenspel.consultations.services import reactienota
from samenspel.members.models import Member
from tests.factories.consultations import ParagraphFactory
from tests.factories.members import MemberFactory

from .helpers_reactienota import answer_all, carry_over, comment, make_consultation

pytestmark = pytest.mark.django_db


def page_url(consultation):
    return reverse("consultations:reactienota", args=[consultation.round.pk])


def download_url(consultation):
    return reverse("consultations:reactienota_download", args=[consultation.round.pk])


def docx_text(content: bytes) -> str:
    document = DocxDocument(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def publish(consultation, coordinator):
    answer_all(consultation, coordinator)
    reactienota.publish_reactienota(round_=consultation.round, actor=coordinator)


def test_a_draft_reactienota_is_for_coordinators_only(personas, client_for, consultation):
    comment(consultation)
    for url in [page_url(consultation), download_url(consultation)]:
        assert client_for(None).get(url).status_code == 302  # a visitor logs in first
        for name in ["pending", "member", "kartrekker", "orgrep", "municipality"]:
            assert client_for(personas.as_dict()[name]).get(url).status_code == 404, (url, name)
        assert client_for(personas.coordinator).get(url).status_code == 200
    page = client_for(personas.coordinator).get(page_url(consultation)).content.decode()
    assert "This reactienota is not published yet." in page
    assert "1 of 1 comments still has no outcome." in page
    assert reverse("consultations:reactienota_publish", args=[consultation.round.pk]) in page


def test_a_published_reactienota_of_a_public_document_is_public(personas, client_for, consultation):
    comment(consultation)
    publish(consultation, personas.coordinator)
    for name, person in personas.as_dict().items():
        assert client_for(person).get(page_url(consultation)).status_code == 200, name
        assert client_for(person).get(download_url(consultation)).status_code == 200, name
    page = client_for(None).get(page_url(consultation)).content.decode()
    assert "not published yet" not in page
    assert reverse("consultations:reactienota_publish", args=[consultation.round.pk]) not in page


def test_a_members_only_document_hides_its_reactienota_from_visitors(personas, client_for):
    private = make_consultation(is_public=False)
    comment(private)
    publish(private, personas.coordinator)
    assert client_for(None).get(page_url(private)).status_code == 302  # to the login page
    assert client_for(personas.pending).get(download_url(private)).status_code == 404
    assert client_for(personas.outsider).get(page_url(private)).status_code == 200
    assert client_for(personas.coordinator).get(reverse("consultations:reactienota", args=[999999])).status_code == 404


def test_each_comment_is_shown_as_its_author_chose(personas, client_for, consultation):
    named = MemberFactory(name="Naomi Named")
    by_role = MemberFactory(name="Rik Role", kind=Member.Kind.ALLY)
    hidden = MemberFactory(name="Anouk Anonymous")
    comment(consultation, author=named, body="Noem ook de bondgenoten.")
    comment(consultation, author=by_role, display=Comment.Display.ROLE, body="Meer geld voor scholing.")
    comment(consultation, author=hidden, display=Comment.Display.ANONYMOUS, body="Dit raakt mij persoonlijk.")
    comment(
        consultation,
        author=None,
        submitter_name="Esther Email",
        submitter_role="Een buurtteammedewerker",
        display=Comment.Display.ROLE,
        source=Comment.Source.EMAIL,
        index=None,
        body="Per mail: neem de teamleiders mee.",
    )
    publish(consultation, personas.coordinator)
    readers = ["visitor", "member", "outsider", "kartrekker", "orgrep", "municipality", "coordinator"]
    for name in readers:
        client = client_for(personas.as_dict()[name])
        page = client.get(page_url(consultation)).content.decode()
        document = docx_text(client.get(download_url(consultation)).content)
        for text in (page, document):
            assert "Naomi Named" in text
            assert "Rik Role" not in text and "An ally" in text
            assert "Esther Email" not in text and "Een buurtteammedewerker" in text
            assert "Anouk Anonymous" not in text and "Comment by Anonymous" in text
            assert "Dit raakt mij persoonlijk." in text
    # Only the coordinators' outcomes page names the anonymous author.
    outcomes = client_for(personas.coordinator).get(reverse("consultations:outcomes", args=[consultation.round.pk]))
    assert "Anouk Anonymous" in outcomes.content.decode()


def test_the_page_groups_comments_per_paragraph_with_outcome_reason_and_link_to_the_change(
    personas, client_for, consultation
):
    coordinator = personas.coordinator
    whole = comment(consultation, index=None, body="Over het hele advies.")
    on_first = comment(consultation, index=1, body="<b>Vetgedrukt</b> en <script>alert(1)</script>")
    on_second = comment(consultation, index=2, body="Dit klopt niet.")
    reactienota.set_next_version(round_=consultation.round, version=consultation.next_version, actor=coordinator)
    reactienota.set_outcome(
        round_=consultation.round,
        comment=on_first,
        outcome="adopted",
        reason="",
        changed_paragraphs=[consultation.next_paragraphs[1]],
        actor=coordinator,
    )
    reactienota.set_outcome(
        round_=consultation.round,
        comment=on_second,
        outcome="out_of_scope",
        reason="Gaat over iets anders.",
        actor=coordinator,
    )
    reactienota.set_outcome(
        round_=consultation.round,
        comment=whole,
        outcome="covered",
        reason="Staat al in paragraaf 3.",
        actor=coordinator,
    )
    reactienota.publish_reactienota(round_=consultation.round, actor=coordinator)
    page = client_for(personas.member).get(page_url(consultation)).content.decode()
    assert page.index("The document as a whole") < page.index("Paragraph 2") < page.index("Paragraph 3")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Adopted" in page and "Outside the scope" in page and "Gaat over iets anders." in page
    assert "Already covered" in page
    key = consultation.next_paragraphs[1].key_id
    assert f"#p-{key}" in page
    assert "Paragraph 2 of version 2" in page
    document = docx_text(client_for(personas.member).get(download_url(consultation)).content)
    assert "Changed in paragraph 2 of version 2" in document
    assert "Outcome: Outside the scope" in document and "Reason: Gaat over iets anders." in document


def test_the_download_is_a_docx_attachment(personas, client_for, consultation):
    comment(consultation, body="Tekst met een \x0b verticale tab.")
    publish(consultation, personas.coordinator)
    response = client_for(None).get(download_url(consultation))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == f'attachment; filename="reactienota-{consultation.document.slug}-1.docx"'
    text = docx_text(response.content)
    assert f"Reactienota: {consultation.document.title}" in text
    assert "Tekst met een  verticale tab." in text


def test_a_round_without_comments_says_so(personas, client_for, consultation):
    answer_all(consultation, personas.coordinator)
    reactienota.publish_reactienota(round_=consultation.round, actor=personas.coordinator)
    assert "There were no comments in this round." in client_for(None).get(page_url(consultation)).content.decode()
    assert "There were no comments in this round." in docx_text(
        client_for(None).get(download_url(consultation)).content
    )


def fill(consultation, paragraphs: int, comments: int):
    """Add paragraphs to both versions and spread comments (with supports and links) over them."""
    extra = [ParagraphFactory(version=consultation.version) for _ in range(paragraphs)]
    consultation.paragraphs += extra
    consultation.next_paragraphs += carry_over(consultation.next_version, extra)
    for index in range(comments):
        item = comment(
            consultation,
            index=1 + index % (len(consultation.paragraphs) - 1),
            display=[Comment.Display.NAME, Comment.Display.ROLE, Comment.Display.ANONYMOUS][index % 3],
            outcome="adopted",
        )
        if index % 4 == 0:
            item.changed_paragraphs.add(
                consultation.next_paragraphs[1 + index % (len(consultation.next_paragraphs) - 1)]
            )
        if index % 5 == 0:
            item.supports.create(member=item.author)


def test_page_and_download_take_a_constant_number_of_queries(personas, client_for, consultation):
    reactienota.set_next_version(
        round_=consultation.round, version=consultation.next_version, actor=personas.coordinator
    )
    consultation.round.refresh_from_db()
    fill(consultation, paragraphs=2, comments=3)
    client = client_for(personas.member)
    client.get(reverse("home"))  # the member is cached now (under their own version, which fill() leaves alone)
    consultation.round.reactienota_published_at = consultation.round.closes_at
    consultation.round.save()
    client.get(page_url(consultation))  # the member's circle roles are cached now (under their version too)
    counts = []
    for size in [(0, 0), (60, 300)]:
        fill(consultation, *size)
        consultation.round.save()  # both counts after a change: the page is read and rendered again
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(consultation)).status_code == 200
        with CaptureQueriesContext(connection) as download_queries:
            assert client.get(download_url(consultation)).status_code == 200
        counts.append((len(queries), len(download_queries)))
    assert counts[0] == counts[1], counts
    assert counts[1][0] <= 15 and counts[1][1] <= 15


def test_a_published_reactienota_is_cached_until_something_it_shows_changes(
    personas, client_for, consultation, django_assert_max_num_queries
):
    author = MemberFactory(name="Oude Naam")
    comment(consultation, author=author)
    publish(consultation, personas.coordinator)
    client = client_for(None)
    assert "Oude Naam" in client.get(page_url(consultation)).content.decode()
    docx_before = client.get(download_url(consultation)).content
    with django_assert_max_num_queries(4):  # the round, the versions: no comments are read
        assert "Oude Naam" in client.get(page_url(consultation)).content.decode()
    with django_assert_max_num_queries(4):
        assert client.get(download_url(consultation)).content == docx_before

    author.name = "Nieuwe Naam"
    author.save()  # a change of name bumps the round's version: the next request renders afresh

    page = client.get(page_url(consultation)).content.decode()
    assert "Nieuwe Naam" in page and "Oude Naam" not in page
    assert "Nieuwe Naam" in docx_text(client.get(download_url(consultation)).content)


def test_a_draft_reactienota_is_never_cached(personas, client_for, consultation):
    item = comment(consultation)
    client = client_for(personas.coordinator)
    assert "No outcome yet" in client.get(page_url(consultation)).content.decode()
    reactienota.set_outcome(
        round_=consultation.round, comment=item, outcome="covered", reason="Staat er al.", actor=personas.coordinator
    )
    page = client.get(page_url(consultation)).content.decode()
    assert "Already covered" in page and "No outcome yet" not in page
