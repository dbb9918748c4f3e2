"""Constant query counts: a document of 200 paragraphs with 2,000 remarks, the list, a version and the diff."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, Document, Paragraph, ParagraphKey, Round, Version
from tests.factories.members import MemberFactory


def build(slug: str, paragraphs: int, comments: int, versions: int = 2) -> Document:
    """A document with `versions` published versions of `paragraphs` paragraphs (every 4th edited in the
    next version), and `comments` remarks on the last version's open round, made in bulk."""
    document = Document.objects.create(title=slug, slug=slug, kind=Document.Kind.ADVICE)
    keys = ParagraphKey.objects.bulk_create(ParagraphKey(document=document) for _ in range(paragraphs))
    version = None
    for number in range(1, versions + 1):
        version = Version.objects.create(
            document=document, number=number, label=str(number), status="published", published_at=timezone.now()
        )
        Paragraph.objects.bulk_create(
            Paragraph(
                version=version,
                key=key,
                position=index + 1,
                kind=Paragraph.Kind.HEADING if index % 10 == 0 else Paragraph.Kind.PARAGRAPH,
                level=1 if index % 10 == 0 else 0,
                text=f"Alinea {index} over ervaringskennis in de buurtteams{' (bewerkt)' * (number * (index % 4 == 0))}.",
            )
            for index, key in enumerate(keys)
        )
    if comments:
        now = timezone.now()
        round_ = Round.objects.create(
            version=version,
            title="Ronde",
            audience=Round.Audience.MEMBERS,
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=10),
        )
        author = MemberFactory()
        targets = [*version.paragraphs.all(), None]
        Comment.objects.bulk_create(
            Comment(round=round_, paragraph=targets[i % len(targets)], author=author, body=f"Opmerking {i}")
            for i in range(comments)
        )
    return document


def warm_up(client):
    """The first request of a session loads a few things once (session, user); count the ones after it."""
    client.get(reverse("consultations:document_list"))


def count_queries(client, url, django_assert_max_num_queries, limit=15):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # Compare the page's own queries: the session and login middleware cache a few things now and then.
    return sum(1 for query in captured.captured_queries if "consultations_" in query["sql"])


@pytest.mark.parametrize("persona", ["visitor", "member", "coordinator"])
def test_a_document_page_with_200_paragraphs_and_2000_remarks_takes_constant_queries(
    personas, client_for, django_assert_max_num_queries, persona
):
    client = client_for(personas.as_dict()[persona])
    build("klein", paragraphs=3, comments=5)
    build("groot", paragraphs=200, comments=2000)
    warm_up(client)
    small, large = (
        count_queries(client, reverse("consultations:document_detail", args=[slug]), django_assert_max_num_queries)
        for slug in ("klein", "groot")
    )
    assert small == large
    content = client.get(reverse("consultations:document_detail", args=["groot"])).content.decode()
    assert content.count('class="samenspel-paragraph__number"') == 200


def test_a_version_page_and_the_diff_take_constant_queries(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.member)
    build("klein", paragraphs=3, comments=0)
    build("groot", paragraphs=200, comments=2000)
    warm_up(client)
    for name, kwargs in (("version_detail", {"number": 1}), ("compare", {})):
        small, large = (
            count_queries(
                client, reverse(f"consultations:{name}", kwargs={"slug": slug, **kwargs}), django_assert_max_num_queries
            )
            for slug in ("klein", "groot")
        )
        assert small == large, name
    response = client.get(reverse("consultations:compare", args=["groot"]), {"old": 1, "new": 2, "view": "inline"})
    assert response.context["summary"]["changed"] == 50


def test_the_list_takes_constant_queries_with_many_documents(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.coordinator)
    build("een", paragraphs=2, comments=1, versions=1)
    warm_up(client)
    one = count_queries(client, reverse("consultations:document_list"), django_assert_max_num_queries)
    for index in range(25):
        build(f"doc-{index:02d}", paragraphs=2, comments=1, versions=3)
    many = count_queries(client, reverse("consultations:document_list"), django_assert_max_num_queries)
    assert one == many
