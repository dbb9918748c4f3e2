"""An organisation representative keeps their own data in a real browser: adds an expert by
experience, records the training, adds a professional, forms a tandem, and sees the CSV import's
row report. axe (WCAG 2.1 A/AA) checks every page, also at 320 px."""

import pytest
from allauth.account.models import EmailAddress

from samenspel.members.models import Member
from samenspel.tandems.models import CoachRole, EmployedExpert, Tandem, Training
from tests.factories.members import ConsentTextFactory, MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory

from .helpers import check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def organisation(db):
    ConsentTextFactory(version=1)
    organisation = OrganisationFactory(name="Buurtteams Noord-West", slug="buurtteams-noord-west")
    TeamFactory(organisation=organisation, name="Buurtteam Osdorp", area="Nieuw-West")
    rep = MemberFactory(
        name="Hanneke de Wit", email="rep@example.org", kind=Member.Kind.ALLY, organisation=organisation
    )
    EmailAddress.objects.create(user=rep, email=rep.email, verified=True, primary=True)
    organisation.representatives.add(rep)
    CoachRole.objects.create(
        member=MemberFactory(name="Carla Coach", email="coach@example.org")
    )  # coordinators give it
    return organisation


def save(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def test_a_representative_adds_an_expert_trains_them_and_forms_a_tandem(page, organisation):
    login(page, "rep@example.org", PASSWORD)
    page.goto("/tandems/organisations/")
    check(page, "", "org-list")
    page.get_by_role("link", name="Buurtteams Noord-West").click()
    check(page, "", "org-detail-empty")

    page.goto(f"/organisations/{organisation.slug}/data/experts/new/")
    check(page, "", "expert-form")
    page.select_option("select[name=team]", label="Buurtteam Osdorp")
    page.fill("input[name=initials]", "M.A.")
    page.fill("input[name=internal_reference]", "ED-14")
    page.fill("input[name=hours_per_week]", "60")
    page.fill("input[name=started_on]", "2024-03-01")
    save(page)
    assert page.locator(".utrecht-form-field-error-message").count() == 1  # impossible hours
    check(page, "", "expert-form-error")
    page.fill("input[name=hours_per_week]", "24")
    save(page)
    expert = EmployedExpert.objects.get(internal_reference="ED-14")
    check(page, "", "expert-detail")

    page.goto(f"/organisations/{organisation.slug}/data/experts/{expert.pk}/trainings/new/")
    check(page, "", "training-form")
    page.fill("input[name=course]", "Ervaringsdeskundige niveau 4")
    page.fill("input[name=started_on]", "2024-04-01")
    page.fill("input[name=completed_on]", "2025-01-31")
    page.fill("input[name=certificate_on]", "2025-02-14")
    save(page)
    assert Training.objects.get(expert=expert).completed_on.isoformat() == "2025-01-31"

    page.goto(f"/organisations/{organisation.slug}/data/professionals/new/")
    check(page, "", "professional-form")
    page.select_option("select[name=team]", label="Buurtteam Osdorp")
    page.fill("input[name=initials]", "J.K.")
    page.fill("input[name=internal_reference]", "PRO-3")
    save(page)

    page.goto(f"/organisations/{organisation.slug}/data/tandems/new/")
    check(page, "", "tandem-form")
    page.select_option("select[name=expert]", index=1)
    page.select_option("select[name=professional]", index=1)
    page.select_option("select[name=team]", label="Buurtteam Osdorp")
    page.fill("input[name=started_on]", "2024-05-01")
    page.select_option("select[name=status]", value="active")
    page.select_option("select[name=coach]", label="Carla Coach")
    save(page)
    tandem = Tandem.objects.get(expert=expert)
    assert (tandem.status, tandem.coach.name) == ("active", "Carla Coach")
    assert "Carla Coach" in page.content()
    check(page, "", "org-detail-filled")


def test_the_import_report_is_accessible(page, organisation, tmp_path):
    login(page, "rep@example.org", PASSWORD)
    page.goto(f"/organisations/{organisation.slug}/data/import/")
    check(page, "", "import")
    bad = tmp_path / "data.csv"
    bad.write_text("role,team,initials,reference,hours,started\nexpert,Nergens,A.A.,ED-1,99,2024-01-01\n")
    page.set_input_files("input[name=file]", str(bad))
    save(page)
    assert page.locator("#import-report").count() == 1
    check(page, "", "import-report")
    assert not EmployedExpert.objects.exists()
