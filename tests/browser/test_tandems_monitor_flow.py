"""Issue 6 end to end in a real browser: a representative adds an expert by experience, records
their training and forms a tandem; the tandem is enrolled in the Tandem Ontwikkel Traject and
attends two sessions (the coordinator records attendance); the expert writes a reflection; after
the quarter the coordinator closes it; the public dashboard shows the change, and each chart's
table (and the chart itself) holds the same figures as the dashboard's tables. axe checks every
page, the charts included.

Time: the data is entered today; then the clock (of this process, so of the live server too)
moves to the first day after this quarter, when the quarter can be closed. The quarter before
was closed in the set-up, with the organisations' data as it was before this story.
"""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone, translation

from samenspel.meetings.models import Meeting, Visibility
from samenspel.monitor import charts, indicators, selectors, services
from samenspel.monitor.models import Period, Snapshot
from samenspel.tandems.models import (
    EmployedExpert,
    Enrolment,
    MemberLinkRequest,
    Reflection,
    SessionAttendance,
    Tandem,
    Training,
)
from tests.factories.meetings import MeetingFactory
from tests.factories.members import ConsentTextFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import (
    ExpertFactory,
    ModuleFactory,
    ProfessionalFactory,
    TandemFactory,
    TrainingFactory,
    TrajectoryFactory,
)

from .helpers import TOTP_SECRET, assert_accessible, login, login_with_totp, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
REP_EMAIL = "rosa.rep@example.org"
EXPERT_EMAIL = "eva.ervaring@example.org"
COORDINATOR_EMAIL = "coco@example.org"
LONG_AGO = datetime.date(2021, 3, 1)
REFLECTION = "We leerden elkaars taal spreken. Volgende keer vraag ik eerder om hulp."


def submit(page, form_selector: str = "main form") -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").last.click()


def follow(page, href: str) -> None:
    """Click the link to `href` in the page's main content and wait for the page it opens."""
    with page.expect_navigation():
        page.locator(f"main a[href='{href}']").first.click()
    assert page.url.endswith(href), page.url


@dataclass
class World:
    today: datetime.date
    oost: object
    team_without_expert: object
    professional: object
    trajectory: object
    modules: list
    sessions: list
    closed_before: Period
    this_quarter: Period


@pytest.fixture
def world(db, settings) -> World:
    settings.SITE_URL = "http://testserver.example"
    ConsentTextFactory(version=1)
    today = timezone.localdate()
    coordinator = person("Coco Coordinator", COORDINATOR_EMAIL, is_coordinator=True)
    TOTP.activate(coordinator, TOTP_SECRET)

    # Buurtteams Oost: four trained experts in tandems in one of its three teams.
    oost = OrganisationFactory(name="Buurtteams Oost", slug="bt-oost")
    noord = TeamFactory(organisation=oost, name="Oost-Noord")
    zuid = TeamFactory(organisation=oost, name="Oost-Zuid")
    TeamFactory(organisation=oost, name="Oost-Midden")
    for _ in range(4):
        expert = ExpertFactory(organisation=oost, team=noord, started_on=LONG_AGO)
        TrainingFactory(expert=expert, started_on=LONG_AGO, completed_on=LONG_AGO + datetime.timedelta(days=200))
        TandemFactory(organisation=oost, team=noord, expert=expert, started_on=LONG_AGO)
    professional = ProfessionalFactory(organisation=oost, team=zuid, initials="P.Z.", internal_reference="PRO-77")
    person("Rosa Representative", REP_EMAIL).represented_organisations.add(oost)
    person("Eva Ervaring", EXPERT_EMAIL, organisation=oost)

    # The trajectory, with two sessions that have taken place.
    trajectory = TrajectoryFactory(title="Tandem Ontwikkel Traject", slug="tot")
    modules = [
        ModuleFactory(trajectory=trajectory, position=1, title="Kennismaken als tandem"),
        ModuleFactory(trajectory=trajectory, position=2, title="Ervaringskennis in het buurtteam"),
    ]
    now = timezone.now()
    sessions = []
    for module, hours_ago in zip(modules, (50, 2), strict=True):
        starts_at = now - datetime.timedelta(hours=hours_ago)
        meeting = MeetingFactory(
            title=f"{trajectory.title}: {module.title}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            status=Meeting.Status.PUBLISHED,
            visibility=Visibility.MEMBERS,
            circle=None,
        )
        sessions.append(module.sessions.create(meeting=meeting, led_by="Trainersduo Anna en Bas"))

    # Buurtteams West: six experts (five trained), five tandems, all five in the trajectory.
    west = OrganisationFactory(name="Buurtteams West", slug="bt-west")
    west_teams = [TeamFactory(organisation=west, name="West-1"), TeamFactory(organisation=west, name="West-2")]
    for index in range(6):
        team = west_teams[index % 2]
        expert = ExpertFactory(organisation=west, team=team, started_on=LONG_AGO, hours_per_week=Decimal("18"))
        if index < 5:
            TrainingFactory(expert=expert, started_on=LONG_AGO, completed_on=LONG_AGO + datetime.timedelta(days=90))
            tandem = TandemFactory(organisation=west, team=team, expert=expert, started_on=LONG_AGO)
            Enrolment.objects.create(tandem=tandem, trajectory=trajectory, enrolled_on=LONG_AGO)

    # The quarter before this one was closed with this data.
    year, quarter = services.quarter_of(today)
    before = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    closed_before = services.get_or_create_period(year=before[0], quarter=before[1])
    services.close_period(actor=coordinator, period=closed_before)
    return World(
        today=today,
        oost=oost,
        team_without_expert=zuid,
        professional=professional,
        trajectory=trajectory,
        modules=modules,
        sessions=sessions,
        closed_before=closed_before,
        this_quarter=services.current_period(),
    )


# --- reading the dashboard ------------------------------------------------------------------


def table_rows(table) -> dict[str, list[str]]:
    """{row heading: [cell texts]} of a table's body."""
    rows = {}
    for row in table.locator("tbody tr").all():
        rows[row.locator("th").inner_text().strip()] = [cell.inner_text().strip() for cell in row.locator("td").all()]
    return rows


def table_columns(table) -> list[str]:
    return [cell.inner_text().strip() for cell in table.locator("thead th").all()]


def chart_values(page, chart_id: str) -> list[list[float]]:
    """The values a line chart draws: per polyline, the y of each point read back on the y axis."""
    svg = page.locator(f"svg[aria-labelledby='{chart_id}-title {chart_id}-desc']")
    axis = [float(text.rstrip("%")) for text in svg.locator("text[text-anchor=end]").all_text_contents()]
    y_max = max(axis)
    plot_h = charts.HEIGHT - charts.TOP - charts.BOTTOM
    lines = []
    for points in svg.locator("polyline").evaluate_all("nodes => nodes.map(n => n.getAttribute('points'))"):
        ys = [float(point.split(",")[1]) for point in points.split()]
        lines.append([round((charts.TOP + plot_h - y) / plot_h * y_max, 1) for y in ys])
    return lines


def number(text: str) -> float:
    return float(text.rstrip("%").replace(".", "").replace(",", "."))


def test_expert_training_tandem_trajectory_and_the_public_dashboard(new_page, world):
    oost = world.oost
    org_url = reverse("tandems:org_detail", args=[oost.slug])
    trajectory_url = reverse("tandems:trajectory_detail", args=[world.trajectory.slug])

    # Before: the public dashboard shows the quarter that was closed before.
    visitor = new_page()
    visitor.goto(reverse("monitor:dashboard"))
    assert_accessible(visitor, "tandems-flow-dashboard-before")
    language = visitor.locator("html").get_attribute("lang") or "nl"
    with translation.override(language):
        label = {key: str(indicator.label) for key, indicator in indicators.BY_KEY.items()}
        before_label = selectors.period_label(world.closed_before)
        quarter_label = selectors.period_label(world.this_quarter)
    city_before = table_rows(visitor.locator("section[aria-labelledby=city-heading] table"))
    assert city_before[label["experts_employed"]] == ["10"]
    assert city_before[label["tandems_in_trajectory"]] == ["5"]
    assert quarter_label not in visitor.locator("main").inner_text()

    # The representative adds an expert by experience: Eva, a platform member, in the team without one.
    rep = new_page()
    login(rep, REP_EMAIL, PASSWORD)
    rep.goto(org_url)
    assert_accessible(rep, "tandems-flow-organisation")
    follow(rep, reverse("tandems:expert_create", args=[oost.slug]))
    assert_accessible(rep, "tandems-flow-expert-form")
    rep.select_option("select[name=team]", label="Oost-Zuid")
    rep.select_option("select[name=member]", label="Eva Ervaring")
    rep.fill("input[name=internal_reference]", "ED-EVA")
    rep.fill("input[name=hours_per_week]", "24")
    rep.fill("input[name=started_on]", (world.today - datetime.timedelta(days=10)).isoformat())
    submit(rep)
    expert = EmployedExpert.objects.get(organisation=oost, internal_reference="ED-EVA")
    assert expert.member is None and expert.team == world.team_without_expert  # Eva says yes first
    assert rep.url.endswith(reverse("tandems:expert_detail", args=[oost.slug, expert.pk]))
    assert_accessible(rep, "tandems-flow-expert-detail")

    # Eva, logged in, says yes to linking the record to her account.
    link = MemberLinkRequest.objects.get(expert=expert, status=MemberLinkRequest.Status.PENDING)
    assert link.member.email == EXPERT_EMAIL
    eva_link = new_page()
    login(eva_link, EXPERT_EMAIL, PASSWORD)
    eva_link.goto(reverse("tandems:link_request", args=[link.pk]))
    assert_accessible(eva_link, "tandems-flow-link-request")
    eva_link.check("input[name=decision][value=accept]")
    submit(eva_link)
    expert.refresh_from_db()
    assert expert.member.email == EXPERT_EMAIL

    # ... records her training ...
    follow(rep, reverse("tandems:training_create", args=[oost.slug, expert.pk]))
    assert_accessible(rep, "tandems-flow-training-form")
    rep.fill("input[name=course]", "Ervaringsdeskundigheid niveau 4")
    rep.fill("input[name=started_on]", (world.today - datetime.timedelta(days=300)).isoformat())
    rep.fill("input[name=completed_on]", (world.today - datetime.timedelta(days=20)).isoformat())
    rep.fill("input[name=certificate_on]", (world.today - datetime.timedelta(days=20)).isoformat())
    submit(rep)
    training = Training.objects.get(expert=expert)
    assert training.completed_on == world.today - datetime.timedelta(days=20)
    assert "Ervaringsdeskundigheid niveau 4" in rep.locator("main").inner_text()
    assert_accessible(rep, "tandems-flow-expert-with-training")

    # ... and forms a tandem with a professional of the same team.
    rep.goto(org_url)
    follow(rep, reverse("tandems:tandem_create", args=[oost.slug]))
    assert_accessible(rep, "tandems-flow-tandem-form")
    rep.select_option("select[name=expert]", label="Eva Ervaring · Oost-Zuid")
    rep.select_option("select[name=professional]", label="P.Z. (PRO-77) · Oost-Zuid")
    rep.select_option("select[name=team]", label="Oost-Zuid")
    rep.fill("input[name=started_on]", world.today.isoformat())
    rep.select_option("select[name=status]", value=Tandem.Status.ACTIVE)
    submit(rep)
    tandem = Tandem.objects.get(expert=expert)
    assert tandem.professional == world.professional and tandem.status == Tandem.Status.ACTIVE
    assert rep.url.endswith(org_url)
    assert_accessible(rep, "tandems-flow-organisation-with-tandem")

    # The representative enrols the tandem in the trajectory.
    rep.goto(trajectory_url)
    assert_accessible(rep, "tandems-flow-trajectory")
    follow(rep, reverse("tandems:trajectory_enrol", args=[world.trajectory.slug]))
    assert_accessible(rep, "tandems-flow-enrol")
    rep.select_option("select[name=tandem]", value=str(tandem.pk))
    submit(rep)
    enrolment = Enrolment.objects.get(tandem=tandem, trajectory=world.trajectory)
    enrolment_url = reverse("tandems:enrolment_detail", args=[enrolment.pk])
    assert rep.url.endswith(enrolment_url)
    assert_accessible(rep, "tandems-flow-enrolment")

    # The coordinator records that both partners attended both sessions.
    coordinator = new_page()
    login_with_totp(coordinator, COORDINATOR_EMAIL, PASSWORD)
    for position, session in enumerate(world.sessions, start=1):
        coordinator.goto(trajectory_url)
        if position == 1:
            assert_accessible(coordinator, "tandems-flow-trajectory-coordinator")
        follow(coordinator, reverse("tandems:session_attendance", args=[session.pk]))
        assert_accessible(coordinator, f"tandems-flow-attendance-{position}")
        coordinator.check(f"input[name=expert_{enrolment.pk}]")
        coordinator.check(f"input[name=professional_{enrolment.pk}]")
        submit(coordinator)
        assert coordinator.url.endswith(trajectory_url)
        row = SessionAttendance.objects.get(session=session, enrolment=enrolment)
        assert row.expert_present and row.professional_present
    west = SessionAttendance.objects.filter(enrolment__tandem__organisation__slug="bt-west")
    assert not west.filter(expert_present=True).exists() and not west.filter(professional_present=True).exists()

    # Eva finds her tandem, sees the sessions she attended, and writes her reflection on module 1.
    eva = new_page()
    login(eva, EXPERT_EMAIL, PASSWORD)
    eva.goto(reverse("tandems:trajectory_list"))
    assert_accessible(eva, "tandems-flow-trajectory-list-partner")
    follow(eva, enrolment_url)
    assert_accessible(eva, "tandems-flow-enrolment-partner")
    session_url = reverse("meetings:detail", args=[world.sessions[0].meeting_id])
    follow(eva, session_url)
    assert eva.locator(f"main a[href='{trajectory_url}']").count() == 1  # the session's meeting page links back
    assert_accessible(eva, "tandems-flow-session-meeting")
    eva.goto(enrolment_url)
    follow(eva, reverse("tandems:reflection_edit", args=[enrolment.pk, world.modules[0].pk]))
    assert_accessible(eva, "tandems-flow-reflection-form")
    eva.fill("textarea[name=text]", REFLECTION)
    submit(eva)
    reflection = Reflection.objects.get(enrolment=enrolment, module=world.modules[0])
    assert reflection.partner == Reflection.Partner.EXPERT and reflection.author.email == EXPERT_EMAIL
    assert not reflection.is_shared
    assert eva.url.endswith(enrolment_url)
    assert REFLECTION in eva.locator("main").inner_text()
    assert_accessible(eva, "tandems-flow-enrolment-with-reflection")
    rep.goto(enrolment_url)  # private: not even the organisation's representative reads it
    assert REFLECTION not in rep.content()

    # The quarter is over: the coordinator closes it.
    after_quarter = datetime.datetime.combine(
        world.this_quarter.ends_on + datetime.timedelta(days=1), datetime.time(10), tzinfo=ZoneInfo("Europe/Amsterdam")
    )
    with time_machine.travel(after_quarter, tick=True):
        closer = new_page()
        login_with_totp(closer, COORDINATOR_EMAIL, PASSWORD)
        closer.goto(reverse("monitor:period_list"))
        assert_accessible(closer, "tandems-flow-periods")
        close_url = reverse("monitor:period_close", args=[world.this_quarter.year, world.this_quarter.quarter])
        submit(closer, f"form[action='{close_url}']")
        world.this_quarter.refresh_from_db()
        assert world.this_quarter.is_closed
        assert Snapshot.objects.filter(period=world.this_quarter).count() == 3  # two organisations, the city
        assert closer.locator(f"form[action='{close_url}']").count() == 0
        assert_accessible(closer, "tandems-flow-periods-closed")

        # The public dashboard shows the new quarter next to the one before.
        visitor.goto(reverse("monitor:dashboard"))
        assert_accessible(visitor, "tandems-flow-dashboard-after")
        check_dashboard(visitor, label, quarter_label, before_label)


def check_dashboard(page, label: dict, quarter_label: str, before_label: str) -> None:
    main = page.locator("main")
    city_table = main.locator("section[aria-labelledby=city-heading] table")
    assert table_columns(city_table)[1:] == [quarter_label, before_label]
    city = table_rows(city_table)
    expected = {
        "experts_employed": ["11", "10"],
        "experts_trained": ["10", "9"],
        "tandems_formed": ["10", "9"],
        "tandems_in_trajectory": ["6", "5"],
        "teams_with_expert": ["4", "3"],
        "teams_without_expert": ["1", "2"],
    }
    for key, cells in expected.items():
        assert city[label[key]] == cells, (key, city[label[key]])
    assert number(city[label["share_in_trajectory"]][0]) == 60  # 6 of 10 tandems
    assert number(city[label["share_in_trajectory"]][1]) == 56  # 5 of 9

    # Per organisation: Oost now has five experts (shown), one tandem in the trajectory (hidden).
    organisations = main.locator("section[aria-labelledby=organisations-heading] table")
    columns = table_columns(organisations)[1:]
    oost = dict(zip(columns, table_rows(organisations)["Buurtteams Oost"], strict=True))
    assert oost[label["experts_employed"]] == "5"
    assert oost[label["tandems_formed"]] == "5"
    assert oost[label["teams_with_expert"]] == "2" and oost[label["teams_without_expert"]] == "1"
    assert not re.search(r"\d", oost[label["share_in_trajectory"]])  # 1 tandem: not shown in public
    assert "Eva" not in main.inner_text() and "Oost-Zuid" not in main.inner_text()  # no person, no team

    # Each chart's table holds the dashboard's figures, and the chart draws them.
    figure = main.locator("figure:has(#chart-people-title)")
    people = figure.locator("table")
    keys = ["experts_employed", "experts_trained", "tandems_formed"]
    assert table_columns(people)[1:] == [label[key] for key in keys]
    rows = table_rows(people)
    assert list(rows) == [before_label, quarter_label]
    for index, period_label in enumerate((quarter_label, before_label)):
        assert rows[period_label] == [city[label[key]][index] for key in keys]
    drawn = chart_values(page, "chart-people")
    assert drawn == [[number(rows[before_label][i]), number(rows[quarter_label][i])] for i in range(3)]
    assert quarter_label in figure.locator("figcaption").inner_text()

    shares = main.locator("figure:has(#chart-shares-title) table")
    keys = ["share_trained", "share_in_trajectory", "share_through_trajectory"]
    assert table_rows(shares)[quarter_label] == [city[label[key]][0] for key in keys]
    assert table_rows(shares)[before_label] == [city[label[key]][1] for key in keys]

    teams = table_rows(main.locator("figure:has(#chart-teams-title) table"))
    assert re.match(r"2\D+3\D+67\s?%", teams["Buurtteams Oost"][0]), teams
    assert re.match(r"2\D+2\D+100\s?%", teams["Buurtteams West"][0]), teams
