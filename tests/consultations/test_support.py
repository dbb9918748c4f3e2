"""'I agree': approved members (kartrekkers included) support others' comments while the round is open."""

import time_machine
from django.urls import reverse

from samenspel.consultations.models import CommentSupport
from tests.factories.consultations import CommentFactory

from .helpers_rounds import DAY, NOW, make_round


def support_url(comment):
    return reverse("consultations:comment_support", args=[comment.round_id, comment.pk])


def test_members_and_kartrekkers_support_and_the_count_is_visible(setup, personas, client_for):
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.outsider)
    for person in (personas.member, personas.kartrekker):
        response = client_for(person).post(support_url(comment), {"action": "support"})
        assert response.status_code == 302
        assert response["Location"].endswith(f"#comment-{comment.pk}")
    client_for(personas.member).post(support_url(comment), {"action": "support"})  # twice counts once
    assert CommentSupport.objects.filter(comment=comment).count() == 2
    page = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "2 people agree" in page
    member_page = client_for(personas.member).get(reverse("consultations:round_detail", args=[setup.round.pk]))
    assert "I no longer agree" in member_page.content.decode()
    client_for(personas.member).post(support_url(comment), {"action": "withdraw"})
    assert CommentSupport.objects.filter(comment=comment).count() == 1


def test_visitors_pending_people_and_own_comments_cannot_support(setup, personas, client_for):
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
    assert client_for(None).post(support_url(comment))["Location"].startswith(reverse("account_login"))
    assert client_for(personas.pending).post(support_url(comment)).status_code == 403
    response = client_for(personas.member).post(support_url(comment), follow=True)
    assert "You cannot support your own comment" in response.content.decode()
    assert not CommentSupport.objects.exists()


def test_withdrawn_hidden_and_foreign_comments_answer_404(setup, personas, client_for):
    withdrawn = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], withdrawn_at=NOW)
    assert client_for(personas.member).post(support_url(withdrawn)).status_code == 404
    hidden = make_round(is_public=False)
    secret = CommentFactory(round=hidden.round, paragraph=hidden.paragraphs[1])
    assert client_for(personas.pending).post(support_url(secret)).status_code == 404
    other = make_round()
    wrong = reverse("consultations:comment_support", args=[other.round.pk, secret.pk])
    assert client_for(personas.member).post(wrong).status_code == 404
    assert not CommentSupport.objects.exists()


def test_support_cannot_change_after_closing(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        setup = make_round(closes_at=NOW + DAY)
        comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1])
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        response = client_for(personas.member).post(support_url(comment), follow=True)
        assert "This round is closed" in response.content.decode()
        page = response.content.decode()
        assert "I agree" not in page
    assert not CommentSupport.objects.exists()


def test_a_comment_nobody_supports_says_so_in_words(setup, personas, client_for):
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.outsider)
    url = reverse("consultations:round_detail", args=[setup.round.pk])
    page = client_for(None).get(url).content.decode()
    assert "Nobody agrees yet" in page and "0 people agree" not in page
    dutch = client_for(None).get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Nog niemand is het ermee eens" in dutch and "0 mensen" not in dutch
