"""axe on the opportunities pages of posting and approval, as the persona that may see each.

Each page is checked at 1024 px with axe (zero violations, one h1) and at 320 px for sideways
scrolling; forms also with their errors shown. A representative posts an opportunity through
the form, sends it for approval, and a coordinator approves it: it is then on the public list.
"""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from samenspel.opportunities.models import Opportunity
from tests.factories.members import ConsentTextFactory, ThemeFactory
from tests.factories.opportunities import AreaFactory, OpportunityFactory
from tests.factories.organisations import OrganisationFactory

from .helpers import (
    TOTP_SECRET,
    check,
    check_errors,
    login,
    login_with_totp,
    person,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def world(db):
    ConsentTextFactory(version=1)
    organisation = OrganisationFactory(name="Buurtteam Organisatie Zuidoost met een lange naam")
    orgrep = person("Olga Orgrep", "olga@example.org", organisation=organisation)
    organisation.representatives.add(orgrep)
    coordinator = person("Coco Coordinator", "coco@example.org", is_coordinator=True)
    TOTP.activate(coordinator, TOTP_SECRET)
    themes = [ThemeFactory(name_nl="Armoede", name_en="Poverty"), ThemeFactory(name_nl="Schulden", name_en="Debt")]
    area = AreaFactory(name_nl="Zuidoost", name_en="South-East")
    soon = timezone.localdate() + datetime.timedelta(days=20)
    published = OpportunityFactory(
        title="Ervaringsdeskundige gezocht voor het buurtteam in Zuidoost, twee dagen per week",
        kind="paid_job",
        offered_by="Buurtteam Zuidoost",
        organisation=organisation,
        pay="hourly",
        hourly_rate="21.50",
        expense_allowance=True,
        hours=16,
        hours_unit="week",
        area=area,
        location="Bijlmerplein 1",
        is_online=True,
        starts_on=soon,
        ends_on=soon + datetime.timedelta(days=180),
        days=2 | 8,
        themes=themes,
        description="## Wat je doet\n\nJe werkt **mee** in het team.\n\n- luisteren\n- meedenken",
    )
    OpportunityFactory.create_batch(22, kind="research", themes=themes[:1])
    pending = OpportunityFactory(
        title="Ontwerpsessie Instantiekapitaal",
        status="pending",
        contact_name="Pia Partner",
        contact_email="pia@example.org",
        submitted_at=timezone.now(),
        published_at=None,
    )
    return {
        "orgrep": orgrep,
        "coordinator": coordinator,
        "published": published,
        "pending": pending,
        "area": area,
        "organisation": organisation,
    }


def test_visitor_pages(new_page, world):
    page = new_page()
    check(page, reverse("opportunities:list"), "opportunities-visitor-list")
    check(page, reverse("opportunities:list") + "?kind=paid_job&paid=yes", "opportunities-visitor-list-filtered")
    check(page, reverse("opportunities:list") + "?kind=volunteer", "opportunities-visitor-list-empty")
    check(page, reverse("opportunities:list") + "?page=2", "opportunities-visitor-list-page-2")
    check(page, reverse("opportunities:detail", args=[world["published"].pk]), "opportunities-visitor-detail")
    assert "Meld je aan om te reageren" in page.locator("main").inner_text()
    check(page, reverse("opportunities:public_submit"), "opportunities-visitor-public-form")
    submit(page)
    check_errors(page, "opportunities-visitor-public-form-errors", 3)
    page.fill("input[name=contact_name]", "Herstel via https://phish.example")
    page.fill("input[name=title]", "<script>alert(1)</script>")
    submit(page)
    check_errors(page, "opportunities-visitor-public-form-bad-input", 1)
    assert page.input_value("input[name=title]") == "<script>alert(1)</script>"


def test_posting_sending_and_approving(new_page, world):
    poster = new_page()
    login(poster, world["orgrep"].email, PASSWORD)
    check(poster, reverse("opportunities:create"), "opportunities-orgrep-form")
    submit(poster)
    check_errors(poster, "opportunities-orgrep-form-errors", 3)
    poster.select_option("select[name=kind]", "design_session")
    poster.fill("input[name=title]", "Ontwerpsessie Life-events")
    poster.fill("textarea[name=description]", "Denk mee over **levensgebeurtenissen**.")
    poster.fill("input[name=offered_by]", "Kenniscentrum Ongelijkheid")
    poster.select_option("select[name=organisation]", str(world["organisation"].pk))
    poster.select_option("select[name=area]", str(world["area"].pk))
    poster.check("input[name=days][value='2']")
    poster.fill("input[name=hours]", "3")
    poster.check("input[name=pay][value=fee]")
    poster.fill("input[name=fee]", "-5")
    poster.fill("input[name=respond_by]", (timezone.localdate() + datetime.timedelta(days=9)).isoformat())
    submit(poster)
    check_errors(poster, "opportunities-orgrep-form-negative-fee", 1)
    poster.fill("input[name=fee]", "75")
    submit(poster)
    errors = poster.locator(".utrecht-form-field-error-message, .utrecht-alert--error").all_inner_texts()
    assert errors == [], errors
    opportunity = Opportunity.objects.get(title="Ontwerpsessie Life-events")
    check(poster, "", "opportunities-orgrep-detail-draft")
    with poster.expect_navigation():
        poster.locator(f"form[action='{reverse('opportunities:submit', args=[opportunity.pk])}'] button").click()
    check(poster, "", "opportunities-orgrep-detail-pending")
    check(poster, reverse("opportunities:mine"), "opportunities-orgrep-mine")

    coordinator = new_page()
    login_with_totp(coordinator, world["coordinator"].email, PASSWORD)
    check(coordinator, reverse("opportunities:review"), "opportunities-coordinator-review")
    check(coordinator, reverse("opportunities:detail", args=[world["pending"].pk]), "opportunities-coordinator-pending")
    check(coordinator, reverse("opportunities:reject", args=[world["pending"].pk]), "opportunities-coordinator-reject")
    submit(coordinator)
    check_errors(coordinator, "opportunities-coordinator-reject-errors", 1)
    coordinator.goto(reverse("opportunities:review"))
    with coordinator.expect_navigation():
        coordinator.locator(f"form[action='{reverse('opportunities:approve', args=[opportunity.pk])}'] button").click()
    check(coordinator, "", "opportunities-coordinator-approved")
    opportunity.refresh_from_db()
    assert opportunity.status == "published"
    check(coordinator, reverse("opportunities:areas"), "opportunities-coordinator-areas")
    submit(coordinator)
    check_errors(coordinator, "opportunities-coordinator-areas-errors", 1)
    check(coordinator, reverse("opportunities:area_edit", args=[world["area"].pk]), "opportunities-coordinator-area")

    visitor = new_page()
    visitor.goto(reverse("opportunities:list") + "?kind=design_session")
    assert "Ontwerpsessie Life-events" not in visitor.locator("main").inner_text()  # for members only
    opportunity.audience = "public"  # saved (not QuerySet.update): the save bumps the list's cache version
    opportunity.save(update_fields=["audience"])
    visitor.goto(reverse("opportunities:list") + "?kind=design_session")
    assert "Ontwerpsessie Life-events" in visitor.locator("main").inner_text()
