"""The consultation cycle in a real browser: a member comments on two paragraphs; the coordinator
enters a remark that came in by email; the round closes; the coordinator writes and publishes
version 2, sets the outcomes and publishes the reactienota; the member is notified by email and
follows the link to the change and to the diff. axe checks every page."""

import re
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Comment, Paragraph, Round, Version
from tests.factories.consultations import DocumentFactory, ParagraphFactory, VersionFactory
from tests.factories.members import ConsentTextFactory

from .helpers import TOTP_SECRET, assert_accessible, login, login_with_totp, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
MEMBER_EMAIL = "mila@example.org"
COORDINATOR_EMAIL = "coco@example.org"
CHANGED_TEXT = "De gemeente betaalt de opleiding van ervaringsdeskundigen en de begeleiding op de werkplek."


def submit(page, form_selector: str = "main form") -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").last.click()


@pytest.fixture
def consultation(db, settings):
    settings.SITE_URL = "http://testserver.example"
    ConsentTextFactory(version=1)
    person("Mila Member", MEMBER_EMAIL, preferred_language="nl")
    coordinator = person("Coco Coordinator", COORDINATOR_EMAIL, is_coordinator=True)
    TOTP.activate(coordinator, TOTP_SECRET)
    document = DocumentFactory(title="Advies ervaringsdeskundigen in de buurtteams", slug="advies-buurtteams")
    version = VersionFactory(document=document, label="1")
    ParagraphFactory(version=version, kind=Paragraph.Kind.HEADING, level=2, text="Randvoorwaarden")
    ParagraphFactory(version=version, text="De gemeente betaalt de opleiding van ervaringsdeskundigen.")
    ParagraphFactory(version=version, text="Ervaringsdeskundigen krijgen tijd voor intervisie met elkaar.")
    ParagraphFactory(version=version, text="Het netwerk volgt elk jaar hoe het gaat.")
    now = timezone.now()
    return Round.objects.create(
        version=version,
        title="Reacties op het concept",
        introduction="Wat vind je van het concept?",
        audience=Round.Audience.MEMBERS,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
    )


def comment_on(page, round_, paragraph, text: str) -> None:
    link = page.locator(
        f"main a[href='{reverse('consultations:comment_create', args=[round_.pk])}?paragraph={paragraph.pk}']"
    )
    with page.expect_navigation():
        link.click()
    assert_accessible(page, f"consultations-flow-comment-form-{paragraph.position}")
    page.fill("textarea[name=body]", text)
    page.check("input[name=display][value=name]")  # the form proposes the role; this member signs
    submit(page)
    assert text in page.locator("main").inner_text()


def test_comment_outcome_reactienota_and_the_link_to_the_change(new_page, consultation):
    round_ = consultation
    document = round_.version.document
    first, second, third = round_.version.paragraphs.order_by("position")[1:4]
    round_url = reverse("consultations:round_detail", args=[round_.pk])

    # The member comments on two paragraphs, by name.
    member = new_page()
    login(member, MEMBER_EMAIL, PASSWORD)
    member.goto(round_url)
    assert_accessible(member, "consultations-flow-round-member")
    comment_on(member, round_, first, "Betaal ook de begeleiding op het werk.")
    assert_accessible(member, "consultations-flow-round-commented")
    comment_on(member, round_, second, "Intervisie buiten de eigen organisatie is belangrijk.")
    mila_comments = Comment.objects.filter(round=round_, author__email=MEMBER_EMAIL)
    assert sorted(mila_comments.values_list("paragraph_id", flat=True)) == sorted([first.pk, second.pk])

    # The coordinator enters a remark that came in by email, on the third paragraph.
    coordinator = new_page()
    login_with_totp(coordinator, COORDINATOR_EMAIL, PASSWORD)
    coordinator.goto(reverse("consultations:remark_create", args=[round_.pk]) + f"?paragraph={third.pk}")
    assert_accessible(coordinator, "consultations-flow-remark-form")
    coordinator.fill("textarea[name=body]", "Per mail: deel de uitkomsten ook met de ervaringsdeskundigen.")
    coordinator.fill("input[name=submitter_name]", "Bas de Wit")
    coordinator.fill("input[name=submitter_role]", "Een teamleider")
    coordinator.check("input[name=source][value=email]")
    coordinator.check("input[name=display][value=role]")
    submit(coordinator)
    remark = Comment.objects.get(round=round_, source=Comment.Source.EMAIL)
    assert remark.paragraph_id == third.pk and remark.entered_by.email == COORDINATOR_EMAIL

    # The round closes.
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(minutes=1))

    # The coordinator writes version 2 (a copy of version 1), changes one paragraph and publishes it.
    coordinator.goto(reverse("consultations:version_create", args=[document.slug]))
    assert_accessible(coordinator, "consultations-flow-version-create")
    coordinator.fill("input[name=label]", "2")
    coordinator.fill("textarea[name=note]", "Met de reacties op het concept.")
    submit(coordinator)
    assert_accessible(coordinator, "consultations-flow-version-text")
    text = coordinator.input_value("textarea[name=text]")
    assert first.text in text
    coordinator.fill("textarea[name=text]", text.replace(first.text, CHANGED_TEXT))
    submit(coordinator, "main form[enctype]")
    assert_accessible(coordinator, "consultations-flow-version-review")
    submit(coordinator, f"form[action='{reverse('consultations:version_text_save', args=[document.slug, 2])}']")
    submit(coordinator, f"form[action='{reverse('consultations:version_publish', args=[document.slug, 2])}']")
    version_2 = Version.objects.get(document=document, number=2)
    assert version_2.status == Version.Status.PUBLISHED
    changed = version_2.paragraphs.get(key_id=first.key_id)  # the paragraph kept its identity
    assert changed.text == CHANGED_TEXT

    # Outcomes: the next version, then one outcome per comment (htmx saves each form in place).
    outcomes_url = reverse("consultations:outcomes", args=[round_.pk])
    coordinator.goto(outcomes_url)
    assert_accessible(coordinator, "consultations-flow-outcomes")
    coordinator.select_option("select[name=version]", value=str(version_2.pk))
    submit(coordinator, f"form[action='{reverse('consultations:next_version_set', args=[round_.pk])}']")
    mila_first = mila_comments.get(paragraph=first)
    mila_second = mila_comments.get(paragraph=second)
    answers = [
        (mila_first, "adopted", "", "2"),
        (mila_second, "covered", "Dit staat al in alinea 3.", ""),
        (remark, "not_adopted", "Het advies gaat over wat de gemeente regelt.", ""),
    ]
    for item, outcome, reason, changed_in in answers:
        block = coordinator.locator(f"#outcome-{item.pk}")
        block.locator("select[name$=outcome]").select_option(outcome)
        block.locator("textarea[name$=reason]").fill(reason)
        block.locator("input[name$=changed_in]").fill(changed_in)
        block.locator("button[type=submit]").click()
        coordinator.locator(f"#outcome-{item.pk} [role=status]").wait_for()
    assert_accessible(coordinator, "consultations-flow-outcomes-saved")
    assert list(mila_first.changed_paragraphs.all()) == [changed]
    assert not Comment.objects.filter(round=round_, outcome="").exists()

    # The coordinator previews the reactienota and publishes it; the member gets an email.
    mail.outbox.clear()
    coordinator.goto(reverse("consultations:reactienota", args=[round_.pk]))
    assert_accessible(coordinator, "consultations-flow-reactienota-draft")
    submit(coordinator, f"form[action='{reverse('consultations:reactienota_publish', args=[round_.pk])}']")
    round_.refresh_from_db()
    assert round_.reactienota_published_at is not None
    assert_accessible(coordinator, "consultations-flow-reactienota-published")
    to_mila = [message for message in mail.outbox if MEMBER_EMAIL in message.to]
    assert len(to_mila) == 1 and len(mail.outbox) == 1  # the email remark has no account to write to
    match = re.search(r"https?://[^/\s]+(/consultations/rounds/\d+/reactienota/)", to_mila[0].body)
    assert match, to_mila[0].body

    # The member follows the link, sees what was done with her comments, and opens the change.
    member.goto(match.group(1))
    assert_accessible(member, "consultations-flow-reactienota-member")
    main = member.locator("main")
    assert "Bas de Wit" not in main.inner_text() and "Een teamleider" in main.inner_text()
    change_link = main.locator(f"#comment-{mila_first.pk} a[href$='#p-{first.key_id}']").first
    with member.expect_navigation():
        change_link.click()
    assert member.url.endswith(reverse("consultations:version_detail", args=[document.slug, 2]) + f"#p-{first.key_id}")
    assert CHANGED_TEXT in member.locator(f"#p-{first.key_id}").inner_text()
    assert_accessible(member, "consultations-flow-version-2")

    # And the diff: the same paragraph, with the inserted words marked for screen readers too.
    member.go_back()
    diff_link = member.locator(f"#comment-{mila_first.pk} a[href*='/compare/']").first
    with member.expect_navigation():
        diff_link.click()
    assert f"#p-{first.key_id}" in member.url
    entry = member.locator(f"#p-{first.key_id}")
    assert entry.locator("ins").count() >= 1
    assert "begeleiding op de werkplek" in entry.inner_text()
    assert_accessible(member, "consultations-flow-diff")
