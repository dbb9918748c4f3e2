"""axe on every meetings page, as the persona that may see it.

Each page is checked at 1024 px with axe (WCAG 2.1 A and AA: zero violations, one h1) and at
320 px for sideways scrolling. Forms are also checked with their errors shown.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from samenspel.lib.tokens import new_token
from samenspel.meetings.models import Attachment, BreakoutGroup, Meeting, Registration, Report, Visibility
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.factories.members import ConsentTextFactory

from .helpers import check, check_errors, login, person, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def world(db, settings, tmp_path):
    """A circle with its kartrekker and a member; meetings upcoming (public, full, online), past and held."""
    settings.MEDIA_ROOT = tmp_path / "media"
    ConsentTextFactory(version=1)
    circle = CircleFactory(name="Kring Armoede en Bestaanszekerheid", slug="armoede")
    kartrekker = person("Karim Kartrekker", "karim@example.org")
    member = person("Mira Member-met-een-heel-lange-achternaam", "mira@example.org")
    CircleMembershipFactory(circle=circle, member=kartrekker, role=CircleMembership.Role.LEAD)
    CircleMembershipFactory(circle=circle, member=member)
    soon = timezone.now() + datetime.timedelta(days=10)

    public = MeetingFactory(
        title="Samenspel in de stad: hoe werken ervaringsdeskundigen en professionals samen?",
        circle=circle,
        visibility=Visibility.PUBLIC,
        online_url="https://meet.example.org/samenspel-in-de-stad-met-een-lange-link-die-niet-past",
        location="",
        capacity=3,
        description="We praten in **drie** deelgroepen.\n\n- wonen\n- werk\n- zorg",
    )
    RegistrationFactory(meeting=public, member=member, role="expert", access_needs="Een rolstoelplek graag.")
    RegistrationFactory(meeting=public, role="professional")
    RegistrationFactory(meeting=public, member=None, name="Vera Bezoeker", email="vera@example.org", role="policy")
    RegistrationFactory(meeting=public, role="expert", status=Registration.Status.WAITLISTED)
    confirm_token, confirm_hash = new_token()
    RegistrationFactory(
        meeting=public,
        member=None,
        name="Una Onbevestigd",
        email="una@example.org",
        status=Registration.Status.UNCONFIRMED,
        token_hash=confirm_hash,
    )
    cancel_token, cancel_hash = new_token()
    RegistrationFactory(
        meeting=public, member=None, name="Cas Bezoeker", email="cas@example.org", token_hash=cancel_hash
    )
    public.capacity = 4
    public.save(update_fields=["capacity"])

    circle_only = MeetingFactory(
        title="Maandelijkse kring", circle=circle, visibility=Visibility.CIRCLE, starts_at=soon
    )
    MeetingFactory(title="Netwerkbijeenkomst december", visibility=Visibility.MEMBERS)
    MeetingFactory(title="Geannuleerd overleg", circle=circle, status=Meeting.Status.CANCELLED)
    MeetingFactory(title="Nog een concept", circle=circle, status=Meeting.Status.DRAFT)

    past = timezone.now() - datetime.timedelta(days=20)
    held = MeetingFactory(
        title="Samenspel in februari",
        circle=circle,
        visibility=Visibility.MEMBERS,
        status=Meeting.Status.HELD,
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=2),
        online_url="https://meet.example.org/februari",
        location="",
    )
    group = BreakoutGroup.objects.create(
        meeting=held, name="Wonen", question="Wat helpt als de huur niet lukt?", note_taker=member
    )
    BreakoutGroup.objects.create(meeting=held, name="Werk", question="Hoe vind je werk dat past?")
    RegistrationFactory(meeting=held, member=member, role="expert", group=group, attended=True)
    RegistrationFactory(meeting=held, member=kartrekker, role="professional", group=group, attended=False)
    RegistrationFactory(meeting=held, role="policy", attended=True)
    group.outcomes = "- Eerder **hulp** vragen"
    group.outcomes_html = "<ul><li>Eerder <strong>hulp</strong> vragen</li></ul>"
    group.save()
    Report.objects.create(
        meeting=held,
        introduction="Met 35 mensen",
        introduction_html="<p>Met 35 mensen.</p>",
        decisions_html="<p>We gaan door.</p>",
        follow_up_html="<ul><li>Nieuwe bijeenkomst plannen</li></ul>",
        visibility="members",
        published_at=timezone.now(),
    )
    return {
        "circle": circle,
        "kartrekker": kartrekker,
        "member": member,
        "public": public,
        "circle_only": circle_only,
        "held": held,
        "group": group,
        "confirm_token": confirm_token,
        "cancel_token": cancel_token,
    }


def test_visitor_pages(new_page, world):
    public = world["public"]
    page = new_page()
    check(page, reverse("meetings:list"), "meetings-visitor-list")
    check(page, reverse("meetings:list") + "?where=online", "meetings-visitor-list-online")
    check(page, reverse("meetings:detail", args=[public.pk]), "meetings-visitor-detail")
    check(page, reverse("meetings:register_visitor", args=[public.pk]), "meetings-visitor-register-form")
    submit(page)
    check_errors(page, "meetings-visitor-register-form-errors", 2)
    page.fill("input[name=name]", "<script>alert(1)</script>")
    page.fill("input[name=email]", "not an email")
    submit(page)
    check_errors(page, "meetings-visitor-register-form-bad-input", 1)

    confirm = reverse("meetings:registration_confirm", args=[world["confirm_token"]])
    check(page, confirm, "meetings-visitor-confirm")
    submit(page, "main form")
    check(page, "", "meetings-visitor-confirmed-waitlist")
    check(page, confirm, "meetings-visitor-confirm-used")
    cancel = reverse("meetings:registration_cancel_link", args=[world["cancel_token"]])
    check(page, cancel, "meetings-visitor-cancel-link")
    submit(page, "main form")
    check(page, "", "meetings-visitor-cancelled")
    check(page, cancel, "meetings-visitor-cancel-link-again")
    check(
        page,
        reverse("meetings:registration_confirm", args=["no-such-token"]),
        "meetings-visitor-link-unknown",
        status=404,
    )


def test_visitor_archive_and_public_report(new_page, world):
    """The archive by year and month, and a report for everyone of a members' meeting."""
    held = world["held"]
    Report.objects.filter(meeting=held).update(visibility="public")
    year = timezone.localtime(held.starts_at).year
    page = new_page()
    check(page, reverse("meetings:archive_year", args=[year]), "meetings-visitor-archive")
    assert page.locator(f"a[href='{reverse('meetings:report', args=[held.pk])}']").count() == 1
    check(page, reverse("meetings:report", args=[held.pk]), "meetings-visitor-public-report")
    assert "Wat helpt als de huur niet lukt?" in page.locator("main").inner_text()
    page.goto(reverse("meetings:list"))
    with page.expect_navigation():
        page.locator(f"a[href='{reverse('meetings:archive')}']").click()
    check(page, "", "meetings-visitor-archive-from-list")


def test_member_pages(new_page, world):
    page = new_page()
    login(page, world["member"].email, PASSWORD)
    circle = world["circle"]
    held = world["held"]
    month = timezone.localtime(world["circle_only"].starts_at).strftime("%Y-%m")
    for name, url in [
        ("list", reverse("meetings:list")),
        ("list-filtered", reverse("meetings:list") + f"?circle={circle.pk}&month={month}&where=location"),
        ("list-network", reverse("meetings:list") + "?circle=network"),
        ("list-nothing-found", reverse("meetings:list") + "?circle=network&where=online&month=2031-01"),
        ("detail-registered", reverse("meetings:detail", args=[world["public"].pk])),
        ("detail-circle", reverse("meetings:detail", args=[world["circle_only"].pk])),
        ("detail-held", reverse("meetings:detail", args=[held.pk])),
        ("outcomes-note-taker", reverse("meetings:group_outcomes", args=[held.pk, world["group"].pk])),
        ("report", reverse("meetings:report", args=[held.pk])),
        ("my-calendar", reverse("meetings:my_calendar")),
        ("archive", reverse("meetings:archive_year", args=[timezone.localtime(held.starts_at).year])),
    ]:
        check(page, url, f"meetings-member-{name}")
    page.goto(reverse("meetings:detail", args=[held.pk]))
    own_group = page.locator(".samenspel-own-group")  # their group, its question, and that they take notes
    assert "Wonen" in own_group.inner_text() and "Wat helpt als de huur niet lukt?" in own_group.inner_text()
    check(page, reverse("meetings:list") + "?month=februari&where=boat", "meetings-member-list-bad-filter", 200)
    check(page, reverse("meetings:participants", args=[held.pk]), "meetings-member-403", status=403)


def test_organiser_pages(new_page, world):
    public, held, group = world["public"], world["held"], world["group"]
    attachment_count = Attachment.objects.count()
    page = new_page()
    login(page, world["kartrekker"].email, PASSWORD)
    for name, url in [
        ("detail", reverse("meetings:detail", args=[public.pk])),
        ("detail-held", reverse("meetings:detail", args=[held.pk])),
        ("participants", reverse("meetings:participants", args=[public.pk])),
        ("groups", reverse("meetings:groups", args=[held.pk])),
        ("group-edit", reverse("meetings:group_edit", args=[held.pk, group.pk])),
        ("group-delete", reverse("meetings:group_delete", args=[held.pk, group.pk])),
        ("outcomes", reverse("meetings:group_outcomes", args=[held.pk, group.pk])),
        ("checkin", reverse("meetings:checkin", args=[held.pk])),
        ("checkin-before", reverse("meetings:checkin", args=[public.pk])),
        ("circle-attendance", reverse("meetings:circle_attendance", args=[world["circle"].slug])),
        ("report-edit", reverse("meetings:report_edit", args=[held.pk])),
        ("report-edit-new", reverse("meetings:report_edit", args=[public.pk])),
        ("report", reverse("meetings:report", args=[held.pk])),
        ("cancel", reverse("meetings:cancel", args=[public.pk])),
        ("create", reverse("meetings:create")),
        ("edit", reverse("meetings:edit", args=[public.pk])),
        ("series", reverse("meetings:series_create")),
    ]:
        check(page, url, f"meetings-organiser-{name}")

    # Forms with their errors shown.
    groups = reverse("meetings:groups", args=[held.pk])
    for name, url, form in [
        ("create", reverse("meetings:create"), "main form[novalidate]"),
        ("series", reverse("meetings:series_create"), "main form[novalidate]"),
        ("group-add", groups, f"form[action='{groups}']"),
        ("cancel", reverse("meetings:cancel", args=[public.pk]), "main form[novalidate]"),
    ]:
        page.goto(url)
        submit(page, form)
        check_errors(page, f"meetings-organiser-{name}-errors", 1)
    page.goto(reverse("meetings:edit", args=[public.pk]))
    page.fill("input[name=title]", "")
    page.fill("input[name=capacity]", "0")
    page.fill("input[name=online_url]", "javascript:alert(1)")
    submit(page)
    check_errors(page, "meetings-organiser-edit-errors", 2)
    page.goto(reverse("meetings:participants", args=[public.pk]))
    page.fill("input[name=capacity]", "-1")
    submit(page, f"form[action='{reverse('meetings:change_capacity', args=[public.pk])}']")
    check_errors(page, "meetings-organiser-capacity-errors")
    page.goto(reverse("meetings:participants", args=[public.pk]))
    page.fill("input[name=expert]", "0")
    submit(page, f"form[action='{reverse('meetings:change_role_limits', args=[public.pk])}']")
    check_errors(page, "meetings-organiser-role-limits-errors")
    page.goto(reverse("meetings:report_edit", args=[held.pk]))
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "slides.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 not a pdf"}],
    )
    submit(page, f"form[action='{reverse('meetings:attachment_add', args=[held.pk])}']")
    check_errors(page, "meetings-organiser-attachment-errors")
    page.set_input_files(
        "input[name=file]", files=[{"name": "slides.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.fill("input[name=title]", "Presentatie")
    submit(page, f"form[action='{reverse('meetings:attachment_add', args=[held.pk])}']")
    assert Attachment.objects.count() == attachment_count + 1
    check(page, reverse("meetings:report_edit", args=[held.pk]), "meetings-organiser-report-edit-attachment")
    check(page, reverse("meetings:report", args=[held.pk]), "meetings-organiser-report-attachment")
