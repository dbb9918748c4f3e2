"""A round with more comments than its page shows: a member reaches a paragraph's comments with
the keyboard, agrees with one, and comes back to that comment; axe checks both pages."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, CommentSupport, Round
from tests.factories.consultations import CommentFactory, DocumentFactory, ParagraphFactory, VersionFactory
from tests.factories.members import ConsentTextFactory, MemberFactory

from .helpers import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def test_a_member_reads_and_supports_comments_on_a_paragraph_page(new_page, settings):
    settings.CONSULTATION_INLINE_COMMENTS = 3
    ConsentTextFactory(version=1)
    member = MemberFactory(name="Mila Member", email="mila@example.org", preferred_language="nl")
    member.set_password(PASSWORD)
    member.save()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    version = VersionFactory(document=DocumentFactory(title="Advies", slug="advies"), label="1")
    first = ParagraphFactory(version=version, text="De gemeente betaalt de opleiding.")
    ParagraphFactory(version=version, text="Het netwerk volgt elk jaar hoe het gaat.")
    now = timezone.now()
    round_ = Round.objects.create(
        version=version,
        title="Reacties op het concept",
        audience=Round.Audience.MEMBERS,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
    )
    comments = [CommentFactory(round=round_, paragraph=first, body=f"Reactie nummer {n}") for n in range(5)]

    page = new_page()
    login(page, member.email, PASSWORD)
    page.goto(reverse("consultations:round_detail", args=[round_.pk]))
    assert_accessible(page, "round-many-comments")
    main = page.locator("main")
    assert "Reactie nummer 0" not in main.inner_text()
    link = main.locator(f"a[href='{reverse('consultations:round_paragraph', args=[round_.pk, first.pk])}']")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page, "round-paragraph-comments")
    text = page.locator("main").inner_text()
    assert all(f"Reactie nummer {n}" in text for n in range(5))
    agree = page.locator(f"#comment-{comments[2].pk} button[type=submit]")
    agree.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert CommentSupport.objects.filter(comment=comments[2], member=member).exists()
    assert page.url.endswith(f"#comment-{comments[2].pk}")
    assert "Reactie nummer 2" in page.locator("main").inner_text()
    assert Comment.objects.filter(round=round_).count() == 5
