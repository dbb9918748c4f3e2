"""The cycle of a meeting in a real browser: a visitor registers for a full meeting and lands on
the waitlist; a participant cancels and the visitor is promoted (read from the emailed message,
with the online link); the kartrekker makes a breakout group and puts people in it; the
note-taker writes the outcomes; the report is published and read. axe checks every page."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from samenspel.circles.models import CircleMembership
from samenspel.meetings.models import BreakoutGroup, Registration, Report, Visibility
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import ConsentTextFactory, MemberFactory

from .helpers import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
ONLINE_URL = "https://meet.example.org/samenspel-in-de-stad"
VISITOR_EMAIL = "vera.visitor@example.org"


def emailed_path(email: str, kind: str) -> str:
    """The path of the registration link (kind: confirm or cancel) in the last email to this address."""
    messages = [message for message in mail.outbox if email in message.to]
    assert messages, f"no email to {email}; outbox: {[m.to for m in mail.outbox]}"
    match = re.search(rf"https?://[^/\s]+(/meetings/registration/[^\s/]+/{kind}/)", messages[-1].body)
    assert match, messages[-1].body
    return match.group(1)


def submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").last.click()


def member(name: str, email: str):
    person = MemberFactory(name=name, email=email)
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    return person


@pytest.fixture
def meeting(db, settings):
    settings.SITE_URL = "http://testserver.example"
    ConsentTextFactory(version=1)
    circle = CircleFactory(name="Kring Armoede", slug="armoede")
    kartrekker = member("Karim Kartrekker", "karim@example.org")
    CircleMembershipFactory(circle=circle, member=kartrekker, role=CircleMembership.Role.LEAD)
    meeting = MeetingFactory(
        title="Samenspel in de stad",
        circle=circle,
        visibility=Visibility.PUBLIC,
        online_url=ONLINE_URL,
        location="",
        capacity=2,
    )
    paula = member("Paula Participant", "paula@example.org")
    nora = member("Nora Notulist", "nora@example.org")
    RegistrationFactory(meeting=meeting, member=paula, role="professional")
    RegistrationFactory(meeting=meeting, member=nora, role="expert")
    return meeting


def test_waitlist_promotion_groups_outcomes_and_report(new_page, meeting):
    detail = reverse("meetings:detail", args=[meeting.pk])

    # A visitor opens the full public meeting: no online link, a form to register with name and email.
    visitor = new_page()
    visitor.goto(detail)
    assert ONLINE_URL not in visitor.content()
    assert_accessible(visitor, "meetings-flow-visitor-detail")
    visitor_form = f"form[action='{reverse('meetings:register_visitor', args=[meeting.pk])}']"
    submit(visitor, visitor_form)  # empty: the errors show on the visitor form page
    assert visitor.locator(".utrecht-form-field--invalid").count() >= 2
    assert_accessible(visitor, "meetings-flow-visitor-form-errors")
    visitor.fill("input[name=name]", "Vera Visitor")
    visitor.fill("input[name=email]", VISITOR_EMAIL)
    submit(visitor, visitor_form)
    assert visitor.url.endswith(detail)
    registration = Registration.objects.get(meeting=meeting, email=VISITOR_EMAIL)
    assert registration.status == Registration.Status.UNCONFIRMED
    assert_accessible(visitor, "meetings-flow-visitor-check-email")

    # The emailed link shows a button; confirming puts her on the waitlist (the meeting is full).
    visitor.goto(emailed_path(VISITOR_EMAIL, "confirm"))
    assert_accessible(visitor, "meetings-flow-confirm")
    submit(visitor, "main form")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.WAITLISTED
    assert ONLINE_URL not in visitor.content()
    assert_accessible(visitor, "meetings-flow-waitlisted")

    # Paula cancels from the meeting page; Vera moves up at once and is emailed.
    paula = new_page()
    login(paula, "paula@example.org", PASSWORD)
    paula.goto(detail)
    assert ONLINE_URL in paula.locator("main").inner_text()  # confirmed participants see the link
    assert_accessible(paula, "meetings-flow-participant-detail")
    mail.outbox.clear()
    submit(paula, f"form[action='{reverse('meetings:cancel_registration', args=[meeting.pk])}']")
    assert Registration.objects.get(meeting=meeting, member__email="paula@example.org").status == "cancelled"
    assert ONLINE_URL not in paula.locator("main").inner_text()
    assert_accessible(paula, "meetings-flow-participant-cancelled")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    promoted = [message for message in mail.outbox if VISITOR_EMAIL in message.to]
    assert len(promoted) == 1
    assert ONLINE_URL in promoted[0].body
    html = promoted[0].alternatives[0][0]
    assert ONLINE_URL in html
    assert any(name == "meeting.ics" for name, _content, _type in promoted[0].attachments)

    # Vera sees the online link in the email; the cancel link in it opens an accessible page.
    visitor.goto(emailed_path(VISITOR_EMAIL, "cancel"))
    assert_accessible(visitor, "meetings-flow-cancel-link")

    # The kartrekker makes a breakout group with Nora as note-taker and puts people in it.
    nora = registration.meeting.registrations.get(member__email="nora@example.org")
    organiser = new_page()
    login(organiser, "karim@example.org", PASSWORD)
    organiser.goto(detail)
    assert_accessible(organiser, "meetings-flow-organiser-detail")
    organiser.locator(f"main a[href='{reverse('meetings:groups', args=[meeting.pk])}']").click()
    organiser.wait_for_url(f"**{reverse('meetings:groups', args=[meeting.pk])}")
    assert_accessible(organiser, "meetings-flow-groups-empty")
    add_group = f"form[action='{reverse('meetings:groups', args=[meeting.pk])}']"
    submit(organiser, add_group)  # empty: errors
    assert organiser.locator(".utrecht-form-field--invalid").count() >= 2
    assert_accessible(organiser, "meetings-flow-groups-errors")
    organiser.fill("input[name=name]", "Groep Wonen")
    organiser.fill("textarea[name=question]", "Wat helpt als je huur niet meer lukt?")
    organiser.select_option("select[name=note_taker]", value=str(nora.member_id))
    submit(organiser, add_group)
    group = BreakoutGroup.objects.get(meeting=meeting)
    assert group.note_taker_id == nora.member_id
    organiser.select_option(f"select[name=registration_{registration.pk}]", value=str(group.pk))
    organiser.select_option(f"select[name=registration_{nora.pk}]", value=str(group.pk))
    submit(organiser, f"form[action='{reverse('meetings:group_assign', args=[meeting.pk])}']")
    assert set(group.participants.values_list("pk", flat=True)) == {registration.pk, nora.pk}
    assert_accessible(organiser, "meetings-flow-groups-assigned")

    # Nora, the note-taker, finds her group on the meeting page and writes the outcomes.
    notetaker = new_page()
    login(notetaker, "nora@example.org", PASSWORD)
    notetaker.goto(detail)
    outcomes_url = reverse("meetings:group_outcomes", args=[meeting.pk, group.pk])
    notetaker.locator(f"main a[href='{outcomes_url}']").click()
    notetaker.wait_for_url(f"**{outcomes_url}")
    assert_accessible(notetaker, "meetings-flow-outcomes-form")
    notetaker.fill("textarea[name=outcomes]", "- Eerder **hulp** vragen\n- Een vast aanspreekpunt")
    submit(notetaker, "main form")
    group.refresh_from_db()
    assert "<strong>hulp</strong>" in group.outcomes_html
    notetaker.goto(outcomes_url)
    assert notetaker.locator("main .samenspel-rich-text li").count() == 2
    assert_accessible(notetaker, "meetings-flow-outcomes-saved")

    # The kartrekker writes the introduction and publishes the report for everyone.
    organiser.goto(reverse("meetings:report_edit", args=[meeting.pk]))
    assert_accessible(organiser, "meetings-flow-report-edit")
    organiser.fill("textarea[name=introduction]", "Met **35** mensen spraken we over de stad.")
    submit(organiser, f"form[action='{reverse('meetings:report_edit', args=[meeting.pk])}']")
    mail.outbox.clear()
    organiser.goto(reverse("meetings:report_edit", args=[meeting.pk]))
    organiser.check("input[name=visibility][value=public]")
    submit(organiser, f"form[action='{reverse('meetings:report_publish', args=[meeting.pk])}']")
    report = Report.objects.get(meeting=meeting)
    assert report.published_at is not None and report.visibility == "public"
    assert_accessible(organiser, "meetings-flow-report-published")
    notified = {address for message in mail.outbox for address in message.to}
    assert {VISITOR_EMAIL, "nora@example.org"} <= notified
    assert "paula@example.org" not in notified  # she cancelled

    # Anyone can read it now: the visitor opens it without an account.
    visitor.goto(reverse("meetings:report", args=[meeting.pk]))
    main = visitor.locator("main")
    assert "Groep Wonen" in main.inner_text()
    assert main.locator("strong", has_text="hulp").count() == 1
    assert main.locator("strong", has_text="35").count() == 1
    assert_accessible(visitor, "meetings-flow-report")
