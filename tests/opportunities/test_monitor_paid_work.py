"""Paid work realised for experts by experience in the monitor (dashboard, CSV, XLSX, JSON) and on
the circle's page; the small-number rule; never stale."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from samenspel.members.models import Member
from samenspel.monitor import services as monitor_services
from samenspel.monitor.models import Period
from samenspel.opportunities.models import Opportunity, RealisedWork, Response
from tests.conftest import make_coordinator
from tests.factories.circles import CircleFactory
from tests.factories.members import MemberFactory
from tests.factories.opportunities import OpportunityFactory, RealisedWorkFactory, ResponseFactory

pytestmark = pytest.mark.usefixtures("english")

D = datetime.date
KEY = "paid_work_experts"


@pytest.fixture
def quarters(db):
    """Q2 and Q3 2025 closed. Q2: 6 experts (one of them twice, one without an account) and an ally;
    Q3: 2 experts (fewer than 5, hidden)."""
    coordinator = make_coordinator()
    for quarter, today in ((2, D(2025, 7, 2)), (3, D(2025, 10, 2))):
        monitor_services.close_period(
            actor=coordinator, period=Period.objects.create(year=2025, quarter=quarter), today=today
        )
    job = OpportunityFactory()
    experts = [MemberFactory(kind=Member.Kind.EXPERT) for _ in range(5)]
    for member in experts:
        RealisedWorkFactory(opportunity=job, member=member, hours=10, fee=200, ended_on=D(2025, 5, 31))
    RealisedWorkFactory(opportunity=job, member=experts[0], hours=5, fee=100, ended_on=D(2025, 6, 30))
    RealisedWorkFactory(opportunity=job, member=None, by_expert=True, hours=2, fee=50, ended_on=D(2025, 4, 1))
    RealisedWorkFactory(opportunity=job, member=MemberFactory(kind=Member.Kind.ALLY), by_expert=False, hours=99)
    for member in experts[:2]:
        RealisedWorkFactory(opportunity=job, member=member, hours=1, fee=25, ended_on=D(2025, 8, 1))
    RealisedWorkFactory(opportunity=job, member=experts[0], ended_on=D(2025, 12, 1))  # an open quarter: not public
    return job


def test_the_dashboard_shows_people_hours_and_fees_per_closed_quarter(client, quarters):
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert "Paid work realised for experts by experience, per quarter" in page
    section = page[page.index("Paid work realised for experts") :]
    q2 = section[section.index("Q2 2025") : section.index("Q3 2025")]
    assert ">6<" in q2 and ">57.0<" in q2 and "€ 1,150.00" in q2
    q3 = section[section.index("Q3 2025") : section.index("</table>")]
    assert "fewer than 5" in q3 and "not shown" in q3 and "€" not in q3


def test_the_csv_and_xlsx_hold_the_citys_figures_with_the_rule(client, quarters):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("monitor:export_csv", args=[2025, 2])).content.decode())))
    city = rows[-1]
    assert city["organisation_slug"] == "city"
    assert (city[f"{KEY}_people"], city[f"{KEY}_hours"], city[f"{KEY}_fees"]) == ("6", "57.0", "1150.0")
    q3 = list(csv.DictReader(io.StringIO(client.get(reverse("monitor:export_csv", args=[2025, 3])).content.decode())))
    assert (q3[-1][f"{KEY}_people"], q3[-1][f"{KEY}_hours"], q3[-1][f"{KEY}_fees"]) == ("<5", "", "")
    sheet = load_workbook(io.BytesIO(client.get(reverse("monitor:export_xlsx", args=[2025, 2])).content)).active
    header = [cell.value for cell in sheet[1]]
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert last[header.index(f"{KEY}_people")] == 6
    assert last[header.index(f"{KEY}_fees")] == 1150.0


def test_the_json_api_holds_them_too(client, quarters):
    q2 = client.get(reverse("api:monitor_period", args=[2025, 2])).json()["city"]
    assert q2["figures"][f"{KEY}_people"] == 6 and q2["figures"][f"{KEY}_hours"] == 57.0
    assert f"{KEY}_people" not in q2["hidden"]
    q3 = client.get(reverse("api:monitor_period", args=[2025, 3])).json()["city"]
    assert q3["figures"][f"{KEY}_people"] is None and q3["figures"][f"{KEY}_fees"] is None
    assert {f"{KEY}_people", f"{KEY}_hours", f"{KEY}_fees"} <= set(q3["hidden"])


def test_the_explanation_page_names_the_paid_work_figures(client, db):
    page = client.get(reverse("monitor:indicators")).content.decode()
    assert f"<code>{KEY}_people</code>" in page and f"<code>{KEY}_fees</code>" in page
    assert "in the quarter the work ended" in page


def test_a_late_record_shows_at_once_on_the_cached_dashboard(client, quarters):
    before = client.get(reverse("monitor:dashboard")).content.decode()
    assert "€ 1,150.00" in before
    RealisedWorkFactory(opportunity=quarters, hours=1, fee=50, ended_on=D(2025, 6, 1))
    after = client.get(reverse("monitor:dashboard")).content.decode()
    assert "€ 1,200.00" in after


def test_the_monitor_costs_one_query_for_the_paid_work_whatever_the_quarters(client, quarters):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("monitor:dashboard"))
    assert sum("opportunities_realisedwork" in q["sql"] for q in queries.captured_queries) == 1


# --- the circle's page --------------------------------------------------------------------------


@pytest.fixture
def nieuw_werk(db):
    circle = CircleFactory(name="Kring Nieuw Werk", slug="nieuw-werk")
    job = OpportunityFactory(circle=circle, status=Opportunity.Status.FILLED)
    OpportunityFactory(circle=circle, status=Opportunity.Status.DRAFT)  # not counted
    for _index in range(6):
        response = ResponseFactory(opportunity=job, status=Response.Status.CHOSEN)
        RealisedWorkFactory(opportunity=job, member=response.member, hours=10, fee=Decimal("250.50"))
    ResponseFactory(opportunity=job, status=Response.Status.NOT_CHOSEN)
    return circle


def test_the_circle_page_shows_its_own_figures(client, nieuw_werk):
    page = client.get(reverse("circles:detail", args=[nieuw_werk.slug])).content.decode()
    section = page[page.index("What our opportunities realised") :]
    assert "<dt>Opportunities posted</dt><dd>1</dd>" in section
    assert "<dt>People chosen</dt><dd>6</dd>" in section
    assert "<dt>Hours realised</dt><dd>60.0</dd>" in section
    assert "1,503.00" in section


def test_the_circle_figures_follow_the_small_number_rule(client, nieuw_werk):
    RealisedWork.objects.filter(pk__in=list(RealisedWork.objects.values_list("pk", flat=True)[:3])).delete()
    Response.objects.filter(status=Response.Status.CHOSEN)[:1].get().delete()
    Response.objects.filter(status=Response.Status.CHOSEN).update(status=Response.Status.NEW)
    ResponseFactory(opportunity=Opportunity.objects.get(status="filled"), status=Response.Status.CHOSEN)
    page = client.get(reverse("circles:detail", args=[nieuw_werk.slug])).content.decode()
    section = page[page.index("What our opportunities realised") :]
    assert "<dt>People chosen</dt><dd>fewer than 5</dd>" in section
    assert "not shown: fewer than 5 people" in section and "250" not in section


def test_the_circle_figures_are_never_stale(client, nieuw_werk):
    client.get(reverse("circles:detail", args=[nieuw_werk.slug]))
    job = Opportunity.objects.get(circle=nieuw_werk, status="filled")
    RealisedWorkFactory(opportunity=job, member=None, hours=40, fee=1000)
    page = client.get(reverse("circles:detail", args=[nieuw_werk.slug])).content.decode()
    assert "<dt>Hours realised</dt><dd>100.0</dd>" in page


def test_a_circle_without_opportunities_shows_no_section(client, db):
    circle = CircleFactory()
    page = client.get(reverse("circles:detail", args=[circle.slug])).content.decode()
    assert "What our opportunities realised" not in page


def test_the_circle_page_costs_the_same_queries_with_many_opportunities(
    client, nieuw_werk, django_assert_max_num_queries
):
    url = reverse("circles:detail", args=[nieuw_werk.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    with_few = len(few)
    for _ in range(20):
        job = OpportunityFactory(circle=nieuw_werk)
        response = ResponseFactory(opportunity=job, status=Response.Status.CHOSEN)
        RealisedWorkFactory(opportunity=job, member=response.member)
    client.get(url)
    with django_assert_max_num_queries(with_few):
        client.get(url)


def test_an_opportunity_moved_to_another_circle_leaves_the_old_circles_figures(client, nieuw_werk):
    client.get(reverse("circles:detail", args=[nieuw_werk.slug]))
    other = CircleFactory()
    job = Opportunity.objects.get(circle=nieuw_werk, status="filled")
    job.circle = other
    job.save()
    page = client.get(reverse("circles:detail", args=[nieuw_werk.slug])).content.decode()
    assert "What our opportunities realised" not in page
    assert (
        "What our opportunities realised" in client.get(reverse("circles:detail", args=[other.slug])).content.decode()
    )
