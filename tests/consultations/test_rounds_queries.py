"""The round page answers in a constant number of queries: 200 paragraphs and 2,000 comments.

The small round's page shows its comments; the big one's (over CONSULTATION_INLINE_COMMENTS)
shows each part's number of comments, and each paragraph's page shows them all.
"""

import pytest
from django.urls import reverse

from samenspel.consultations.models import Comment, CommentSupport, Paragraph, ParagraphKey, Question
from tests.factories.members import MemberFactory

from .helpers_rounds import confirm_email, make_round


def fill(setup, *, paragraphs: int, comments: int, authors: list) -> None:
    keys = ParagraphKey.objects.bulk_create(ParagraphKey(document=setup.document) for _ in range(paragraphs))
    start = setup.version.paragraphs.count()
    rows = Paragraph.objects.bulk_create(
        Paragraph(version=setup.version, key=key, position=start + i + 1, text=f"Alinea {i} over ervaringskennis.")
        for i, key in enumerate(keys)
    )
    displays = ["name", "role", "anonymous"]
    made = Comment.objects.bulk_create(
        Comment(
            round=setup.round,
            paragraph=rows[i % len(rows)] if i % 10 else None,
            author=authors[i % len(authors)],
            display=displays[i % 3],
            body=f"Reactie {i}",
        )
        for i in range(comments)
    )
    CommentSupport.objects.bulk_create(
        CommentSupport(comment=comment, member=authors[(n + 1) % len(authors)]) for n, comment in enumerate(made[:300])
    )
    question = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    Comment.objects.bulk_create(
        Comment(round=setup.round, question=question, author=a, body="Antwoord") for a in authors[:5]
    )


@pytest.mark.parametrize("persona", ["visitor", "member", "coordinator"])
def test_the_round_page_has_a_constant_number_of_queries(
    db, frozen, personas, client_for, django_assert_max_num_queries, persona
):
    confirm_email(personas.member, personas.coordinator)
    small = make_round()
    big = make_round()
    authors = [MemberFactory() for _ in range(20)]
    fill(small, paragraphs=3, comments=10, authors=authors)
    fill(big, paragraphs=200, comments=2000, authors=authors)
    client = client_for(personas.as_dict()[persona])
    client.get(reverse("consultations:round_list"))  # the first request of a session does its own bookkeeping
    counts = []
    for setup in (small, big):
        with django_assert_max_num_queries(15) as context:
            response = client.get(reverse("consultations:round_detail", args=[setup.round.pk]))
        assert response.status_code == 200
        counts.append(len(context))
    # The big round's page reads the numbers of comments, not the comments: never more queries.
    assert counts[1] <= counts[0]
    assert "Reactie 9" in client.get(reverse("consultations:round_detail", args=[small.round.pk])).content.decode()
    assert "Reactie 1999" not in response.content.decode()  # 2,005 comments: their numbers and links
    last = Comment.objects.get(round=big.round, body="Reactie 1999")
    paragraph_url = reverse("consultations:round_paragraph", args=[big.round.pk, last.paragraph_id])
    assert paragraph_url in response.content.decode()
    with django_assert_max_num_queries(15):
        assert "Reactie 1999" in client.get(paragraph_url).content.decode()
