"""An anonymous author's name never appears on a page or export that is not the coordinators'."""

import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Question
from tests.factories.consultations import CommentFactory
from tests.factories.members import MemberFactory

from .helpers_rounds import NOW

SECRET = "Zara Zwijgzaam"


def _pages(setup, comment):
    round_ = setup.round
    return [
        reverse("consultations:round_detail", args=[round_.pk]),
        reverse("consultations:round_list"),
        reverse("consultations:comment_create", args=[round_.pk]) + f"?paragraph={comment.paragraph_id}",
        reverse("consultations:document_detail", args=[setup.document.slug]),
        reverse("consultations:document_list"),
        reverse("consultations:version_detail", args=[setup.document.slug, setup.version.number]),
    ]


def test_an_anonymous_name_is_shown_to_coordinators_only(setup, personas, client_for):
    author = MemberFactory(name=SECRET)
    comment = CommentFactory(
        round=setup.round, paragraph=setup.paragraphs[1], author=author, display="anonymous", body="Geheim verhaal"
    )
    question = Question.objects.create(round=setup.round, position=1, text="Mist er iets?")
    CommentFactory(round=setup.round, paragraph=None, question=question, author=author, display="anonymous")
    CommentFactory(round=setup.round, paragraph=None, submitter_name="Zeno Zender", author=None, display="anonymous")
    for persona in ("visitor", "pending", "member", "outsider", "kartrekker", "orgrep", "municipality"):
        client = client_for(personas.as_dict()[persona])
        for url in _pages(setup, comment):
            response = client.get(url)
            if response.status_code == 200:
                body = response.content.decode()
                assert SECRET not in body, (persona, url)
                assert "Zeno Zender" not in body, (persona, url)
    round_page = client_for(personas.member).get(_pages(setup, comment)[0]).content.decode()
    assert "Geheim verhaal" in round_page and "Anonymous" in round_page
    coordinator_page = client_for(personas.coordinator).get(_pages(setup, comment)[0]).content.decode()
    assert SECRET in coordinator_page and "Zeno Zender" in coordinator_page


def test_the_author_sees_their_own_anonymous_comment_marked_as_theirs(setup, personas, client_for):
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member, display="anonymous")
    page = client_for(personas.member).get(reverse("consultations:round_detail", args=[setup.round.pk])).content
    assert b"Anonymous</strong> (you)" in page
    comment_html = page.split(b'class="samenspel-comment', 1)[1].split(b"</li>", 1)[0]
    assert b"Mila Member" not in comment_html


def test_role_only_shows_the_kind_of_member_not_the_name(setup, personas, client_for):
    author = MemberFactory(name=SECRET, kind="ally")
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=author, display="role")
    page = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert SECRET not in page
    assert "<strong>An ally</strong>" in page


def test_the_published_reactienota_and_its_download_stay_anonymous(setup, personas, client_for):
    author = MemberFactory(name=SECRET)
    CommentFactory(
        round=setup.round,
        paragraph=setup.paragraphs[1],
        author=author,
        display="anonymous",
        outcome="covered",
        reason="Staat al in alinea 3.",
    )
    setup.round.closes_at = NOW
    setup.round.reactienota_published_at = timezone.now()
    setup.round.save()
    page = client_for(None).get(reverse("consultations:reactienota", args=[setup.round.pk]))
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    download = client_for(None).get(reverse("consultations:reactienota_download", args=[setup.round.pk]))
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        text = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    assert SECRET not in text
