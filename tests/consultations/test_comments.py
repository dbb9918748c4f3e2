"""Comments on a paragraph or the whole document: who, when (frozen clock), and bad input."""

import datetime

import time_machine
from django.urls import reverse

from samenspel.consultations.models import Comment, Round
from tests.factories.consultations import CommentFactory, ParagraphFactory, VersionFactory

from .helpers_rounds import DAY, NOW, confirm_email, make_round


def comment_url(round_):
    return reverse("consultations:comment_create", args=[round_.pk])


def post_comment(client, round_, paragraph=None, body="Dit mag duidelijker.", display="name"):
    data = {"body": body, "display": display}
    if paragraph is not None:
        data["paragraph"] = paragraph.pk
    return client.post(comment_url(round_), data)


def test_a_member_comments_on_a_paragraph_and_sees_it_on_the_round_page(setup, personas, client_for):
    client = client_for(personas.member)
    paragraph = setup.paragraphs[1]
    form = client.get(comment_url(setup.round), {"paragraph": paragraph.pk})
    assert form.status_code == 200
    assert paragraph.text in form.content.decode()
    response = post_comment(client, setup.round, paragraph)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert (comment.paragraph, comment.author, comment.source) == (paragraph, personas.member, "platform")
    page = client.get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "Dit mag duidelijker." in page
    assert f'id="p-{paragraph.key_id}"' in page
    assert "Mila Member" in page


def test_a_comment_on_the_whole_document_has_no_paragraph(setup, personas, client_for):
    response = post_comment(client_for(personas.kartrekker), setup.round)
    assert response.status_code == 302
    assert Comment.objects.get().paragraph is None


def test_visitors_log_in_and_pending_people_may_not_comment(setup, personas, client_for):
    assert post_comment(client_for(None), setup.round)["Location"].startswith(reverse("account_login"))
    assert post_comment(client_for(personas.pending), setup.round).status_code == 403
    assert client_for(personas.pending).get(comment_url(setup.round)).status_code == 403
    assert not Comment.objects.exists()


def test_a_comment_needs_a_confirmed_email_address(db, frozen, personas, client_for):
    setup = make_round(audience=Round.Audience.EVERYONE)
    assert post_comment(client_for(personas.outsider), setup.round).status_code == 403
    confirm_email(personas.outsider)
    assert post_comment(client_for(personas.outsider), setup.round).status_code == 302


def test_a_confirmed_email_counts_at_the_next_request_of_the_same_session(db, frozen, personas, client_for):
    """Whether the member has a confirmed address is read with the member at every request (one
    query, `core.member_counts`): a change made without a signal shows at once, both ways."""
    from allauth.account.models import EmailAddress

    setup = make_round(audience=Round.Audience.EVERYONE)
    client = client_for(personas.outsider)
    page = reverse("consultations:round_detail", args=[setup.round.pk])
    assert "Confirm your email address to comment" in client.get(page).content.decode()
    confirm_email(personas.outsider)
    assert comment_url(setup.round) in client.get(page).content.decode()
    assert post_comment(client, setup.round).status_code == 302
    EmailAddress.objects.filter(user=personas.outsider).update(verified=False)
    assert "Confirm your email address to comment" in client.get(page).content.decode()
    assert post_comment(client, setup.round).status_code == 403
    assert Comment.objects.count() == 1


def test_the_round_page_asks_no_query_of_its_own_whether_a_member_may_comment(
    db, frozen, personas, client_for, django_assert_max_num_queries
):
    """Whether the member has a confirmed address comes with the member's one query; invitations are
    not read for the page."""
    confirm_email(personas.member)
    setup = make_round()
    client = client_for(personas.member)
    page = reverse("consultations:round_detail", args=[setup.round.pk])
    client.get(page)
    with django_assert_max_num_queries(4) as context:
        response = client.get(page)
    assert comment_url(setup.round) in response.content.decode()
    tables = ("account_emailaddress", "consultations_roundinvitee")
    read = [query["sql"] for query in context.captured_queries if any(table in query["sql"] for table in tables)]
    assert len(read) == 1, read  # the member's query, with the count of confirmed addresses
    assert "core_cacheversion" in read[0]


def test_everyone_with_a_confirmed_email_may_comment_in_an_open_round_for_everyone(db, frozen, personas, client_for):
    setup = make_round(audience=Round.Audience.EVERYONE)
    confirm_email(personas.pending)
    assert post_comment(client_for(personas.pending), setup.round).status_code == 302


def test_a_closed_round_refuses_comments_with_a_message_and_keeps_the_text(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        confirm_email(personas.member)
        setup = make_round(closes_at=NOW + DAY)
    with time_machine.travel(NOW + DAY, tick=False):  # the exact closing moment: closed
        response = post_comment(client_for(personas.member), setup.round, body="Mijn lange reactie")
        assert response.status_code == 400
        assert "This round is closed" in response.content.decode()
        assert "Mijn lange reactie" in response.content.decode()
        get = client_for(personas.member).get(comment_url(setup.round))
        assert get.status_code == 302
    with time_machine.travel(NOW + DAY - datetime.timedelta(seconds=1), tick=False):
        assert post_comment(client_for(personas.member), setup.round).status_code == 302
    assert Comment.objects.count() == 1


def test_a_round_that_has_not_opened_refuses_comments(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        confirm_email(personas.member)
        setup = make_round(opens_at=NOW + DAY, closes_at=NOW + 3 * DAY)
        response = post_comment(client_for(personas.member), setup.round)
        assert response.status_code == 400
        assert "has not opened yet" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_hidden_round_answers_404(db, frozen, personas, client_for):
    setup = make_round(is_public=False)
    confirm_email(personas.pending)
    # a visitor is sent to log in first; a pending member (logged in) gets 404
    assert client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).status_code == 302
    assert post_comment(client_for(personas.pending), setup.round).status_code == 404
    draft = VersionFactory(document=setup.document, label="2", status="draft")
    draft_round = Round.objects.create(
        version=draft, title="Concept", audience="members", opens_at=NOW - DAY, closes_at=NOW + DAY
    )
    assert post_comment(client_for(personas.member), draft_round).status_code == 404
    assert client_for(personas.member).get(comment_url(draft_round)).status_code == 404


def test_a_paragraph_of_another_version_or_an_unknown_id_is_refused(setup, personas, client_for):
    client = client_for(personas.member)
    other_version = VersionFactory(document=setup.document, label="2")
    foreign = ParagraphFactory(version=other_version)
    response = post_comment(client, setup.round, foreign)
    assert response.status_code == 400
    assert "not part of the version of this round" in response.content.decode()
    response = client.post(comment_url(setup.round), {"paragraph": "999999", "body": "x", "display": "name"})
    assert response.status_code == 400
    response = client.post(comment_url(setup.round), {"paragraph": "abc", "body": "x", "display": "name"})
    assert response.status_code == 400
    assert client.get(comment_url(setup.round), {"paragraph": foreign.pk}).status_code == 404
    assert client.get(comment_url(setup.round), {"paragraph": "abc"}).status_code == 404
    assert not Comment.objects.exists()


def test_empty_too_long_and_bad_display_are_refused(setup, personas, client_for):
    client = client_for(personas.member)
    assert "The text is empty" in post_comment(client, setup.round, body="   ").content.decode()
    too_long = post_comment(client, setup.round, body="x" * 5001)
    assert too_long.status_code == 400
    assert "at most 5000 characters" in too_long.content.decode()
    assert post_comment(client, setup.round, display="famous").status_code == 400
    assert post_comment(client, setup.round, body="x" * 5000).status_code == 302
    assert Comment.objects.count() == 1


def test_html_and_script_are_shown_as_text(setup, personas, client_for):
    client = client_for(personas.member)
    post_comment(client, setup.round, body='<script>alert("x")</script><b>vet</b>')
    page = client_for(None).get(reverse("consultations:round_detail", args=[setup.round.pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;vet&lt;/b&gt;" in page


def test_a_posted_author_or_round_is_ignored(setup, personas, client_for):
    other = make_round()
    client = client_for(personas.member)
    client.post(
        comment_url(setup.round),
        {"body": "Echt", "display": "name", "author": personas.coordinator.pk, "round": other.round.pk},
    )
    comment = Comment.objects.get()
    assert (comment.author, comment.round) == (personas.member, setup.round)


def test_authors_change_their_own_comment_until_the_round_closes(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        setup = make_round(closes_at=NOW + DAY)
        comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
        client = client_for(personas.member)
        url = reverse("consultations:comment_edit", args=[setup.round.pk, comment.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"body": "Beter zo.", "display": "role"})
        assert response.status_code == 302
        comment.refresh_from_db()
        assert (comment.body, comment.display) == ("Beter zo.", "role")
        assert client.post(url, {"body": "", "display": "role"}).status_code == 400
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        response = client.post(url, {"body": "Te laat.", "display": "name"})
        assert response.status_code == 400
        assert "This round is closed" in response.content.decode()
        assert client.get(url).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Beter zo."


def test_nobody_edits_or_withdraws_anothers_comment(setup, personas, client_for):
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
    for person in (personas.outsider, personas.coordinator, personas.kartrekker):
        client = client_for(person)
        edit = reverse("consultations:comment_edit", args=[setup.round.pk, comment.pk])
        withdraw = reverse("consultations:comment_withdraw", args=[setup.round.pk, comment.pk])
        assert client.get(edit).status_code == 404
        assert client.post(edit, {"body": "Gekaapt", "display": "name"}).status_code == 404
        assert client.post(withdraw).status_code == 404
    other = make_round()
    wrong_round = reverse("consultations:comment_edit", args=[other.round.pk, comment.pk])
    assert client_for(personas.member).get(wrong_round).status_code == 404
    comment.refresh_from_db()
    assert comment.withdrawn_at is None and comment.body != "Gekaapt"


def test_withdrawing_hides_the_comment_from_all_but_coordinators(setup, personas, client_for):
    comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member, body="Weg ermee")
    client = client_for(personas.member)
    url = reverse("consultations:comment_withdraw", args=[setup.round.pk, comment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.withdrawn_at == NOW
    round_url = reverse("consultations:round_detail", args=[setup.round.pk])
    assert "Weg ermee" not in client_for(personas.outsider).get(round_url).content.decode()
    assert "Weg ermee" not in client_for(personas.member).get(round_url).content.decode()
    coordinator_page = client_for(personas.coordinator).get(round_url).content.decode()
    assert "Weg ermee" in coordinator_page and "Withdrawn" in coordinator_page
    # once withdrawn it cannot be changed or withdrawn again
    assert client.post(url).status_code == 404


def test_withdrawing_after_closing_is_refused(db, personas, client_for):
    with time_machine.travel(NOW, tick=False):
        setup = make_round(closes_at=NOW + DAY)
        comment = CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
    with time_machine.travel(NOW + 2 * DAY, tick=False):
        url = reverse("consultations:comment_withdraw", args=[setup.round.pk, comment.pk])
        response = client_for(personas.member).post(url, follow=True)
        assert "This round is closed" in response.content.decode()
    comment.refresh_from_db()
    assert comment.withdrawn_at is None


def test_only_invited_people_comment_in_a_round_for_invited_people(db, frozen, personas, client_for):
    from samenspel.consultations.models import RoundInvitee

    setup = make_round(audience=Round.Audience.INVITED)
    confirm_email(personas.member, personas.outsider)
    RoundInvitee.objects.create(round=setup.round, member=personas.member)
    assert post_comment(client_for(personas.outsider), setup.round).status_code == 403
    assert post_comment(client_for(personas.member), setup.round).status_code == 302


def test_a_members_count_takes_only_the_two_known_tests():
    """The counts read with the member are SQL built from model names and one of two tests."""
    import pytest
    from allauth.account.models import EmailAddress

    from samenspel.core.member_counts import rows_sql

    sql = rows_sql(EmailAddress, "user", "m.id", ("verified", "IS TRUE"))
    assert sql.endswith('= m.id AND t."verified" IS TRUE)')
    for bad in ("= 1", "IS TRUE; DROP TABLE x", ""):
        with pytest.raises(ValueError):
            rows_sql(EmailAddress, "user", "m.id", ("verified", bad))
