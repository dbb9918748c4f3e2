"""Keep the bench helper honest: it counts real queries, refuses redirects, and judges fairly.

The 1× dataset is the one `make bench` starts with: 200 members, 4 circles, 400 updates, 100
meetings with 20 registrations each.
"""

import pytest

from samenspel.circles.models import CircleMembership, CircleUpdate
from samenspel.demo.bench import meetings as bench_meetings
from samenspel.demo.bench import opportunity_pages as bench_opportunity_pages
from samenspel.demo.bench import pages as bench
from samenspel.members.models import Consent, Member
from tests.factories.circles import CircleFactory, CircleMembershipFactory, CircleUpdateFactory
from tests.factories.members import ConsentTextFactory, MemberFactory

pytestmark = [pytest.mark.urls("samenspel.demo.bench.urls"), pytest.mark.bench]

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/circles/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.34ms    3.21ms   1.02s    78.90%
    Req/Sec   650.12     50.34   800.00     70.00%
  Latency Distribution
     50%  950.00us
     75%   13.50ms
     90%   16.00ms
     99%    1.20s
  12990 requests in 10.01s, 45.67MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1297.70
Transfer/sec:      4.56MB
"""


def add_data(*, members: int, circles: int, updates: int, tag: str) -> None:
    """Members spread over circles (one lead each) and updates, inserted in bulk to stay fast."""
    people = MemberFactory.create_batch(members, theme_visibility=Member.ThemeVisibility.MEMBERS)
    made = [CircleFactory(name=f"Kring {tag} {i}", slug=f"kring-{tag}-{i}") for i in range(circles)]
    CircleMembership.objects.bulk_create(
        CircleMembershipFactory.build(
            circle=made[i % circles],
            member=person,
            role=CircleMembership.Role.LEAD if i < circles else CircleMembership.Role.MEMBER,
        )
        for i, person in enumerate(people)
    )
    CircleUpdate.objects.bulk_create(
        CircleUpdateFactory.build(circle=made[i % circles], author=people[i % members]) for i in range(updates)
    )


@pytest.fixture
def dataset_1x(db):
    ConsentTextFactory()
    add_data(members=200, circles=4, updates=400, tag="a")
    bench_meetings.seed_meetings(1)
    bench_opportunity_pages.seed_opportunities(1)


def measure() -> dict[str, int]:
    member = bench.pick_member()
    member_meeting, public_meeting = bench.pick_meetings(member)
    page_list = bench.pages(
        circle_slug=bench.pick_circle().slug,
        member_meeting=member_meeting,
        public_meeting=public_meeting,
        opportunity=bench_opportunity_pages.pick(member),
    )
    return bench.count_queries(page_list, member=member)


def test_counts_queries_of_every_page_at_1x_and_they_do_not_grow(dataset_1x):
    at_1x = measure()

    assert list(at_1x) == [
        "home",
        "home member",
        "circle list",
        "circle page",
        "member directory",
        "meeting page",
        "meeting page public",
        "meeting list",
        "meeting list public",
        "public feed",
        "opportunity list",
        "opportunity list member",
        "opportunity page",
        "opportunity page member",
        "kansen voor jou",
        "floor",
        "floor logged in",
    ]
    assert at_1x["floor"] == 1
    for name, count in at_1x.items():
        assert 1 <= count <= bench.MAX_QUERIES, (name, count)

    add_data(members=200, circles=4, updates=400, tag="b")  # twice the rows: the counts must not move
    bench_meetings.seed_meetings(2)
    bench_opportunity_pages.seed_opportunities(2)
    assert measure() == at_1x


def test_floor_page_answers_with_one_query(db, client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(bench.FLOOR_PATH)
    assert response.status_code == 200
    assert response.content == b"ok"


def test_floor_page_exists_only_for_the_bench(db, client, settings):
    settings.ROOT_URLCONF = "samenspel.urls"  # the site's own URLs, whatever the environment says
    assert client.get(bench.FLOOR_PATH).status_code == 404


def test_only_the_bench_settings_serve_the_floor_page():
    from samenspel import settings as site_settings
    from samenspel.demo.bench import settings as bench_settings

    assert site_settings.ROOT_URLCONF == "samenspel.urls"
    assert bench_settings.ROOT_URLCONF == "samenspel.demo.bench.urls"
    assert bench_settings.MIDDLEWARE == site_settings.MIDDLEWARE  # otherwise the site's own settings


def test_picked_member_is_approved_not_coordinator_and_has_consented(db):
    text = ConsentTextFactory()
    MemberFactory(is_coordinator=True)
    MemberFactory(status=Member.Status.PENDING)
    plain = MemberFactory(consented=False)

    member = bench.pick_member()

    assert member == plain
    assert Consent.objects.filter(member=plain, consent_text=text).exists()


def test_picks_the_circle_with_most_active_members(db):
    small, big = CircleFactory(), CircleFactory()
    CircleMembershipFactory.create_batch(2, circle=small)
    CircleMembershipFactory.create_batch(3, circle=big)
    CircleMembershipFactory.create_batch(4, circle=small, status=CircleMembership.Status.REQUESTED)
    CircleFactory(is_active=False)

    assert bench.pick_circle() == big


def test_empty_database_is_a_clear_error(db):
    with pytest.raises(bench.BenchError, match="seed_bench"):
        bench.pick_circle()
    with pytest.raises(bench.BenchError, match="seed_bench"):
        bench.pick_member()


def test_a_redirect_is_not_measured(db):
    """A member without consent to the current text is sent to the consent page: refuse to count."""
    circle = CircleFactory()
    member = MemberFactory()
    ConsentTextFactory()  # published after the member consented to nothing

    with pytest.raises(bench.BenchError, match=r"home member \(/\) answered 302"):
        bench.count_queries(bench.pages(circle_slug=circle.slug), member=member)


def test_an_unknown_page_is_not_measured(db):
    with pytest.raises(bench.BenchError, match="answered 404"):
        bench.count_queries(bench.pages(circle_slug="no-such-circle"), member=MemberFactory())


def test_parses_wrk_latency_units_and_errors():
    result = bench.parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == 1297.70
    assert result.p50_ms == pytest.approx(0.95)
    assert result.p99_ms == pytest.approx(1200.0)
    assert result.requests == 12990
    assert result.bad_responses == 4
    assert result.socket_errors == 3


def test_wrk_output_without_latency_distribution_is_an_error():
    with pytest.raises(bench.BenchError, match="--latency"):
        bench.parse_wrk("Requests/sec: 10.0\n")


def wrk(rps: float) -> bench.WrkResult:
    return bench.WrkResult(rps, p50_ms=5.0, p99_ms=20.0, requests=int(rps * 10), bad_responses=0, socket_errors=0)


def test_judge_holds_pages_to_the_targets():
    names = ["home", "circle list", "circle page", "floor"]
    q1 = {"home": 4, "circle list": 16, "circle page": 5, "floor": 1}
    q10 = {"home": 4, "circle list": 16, "circle page": 7, "floor": 1}
    results = {"home": wrk(300), "circle list": wrk(500), "circle page": wrk(290), "floor": wrk(1000)}

    rows = {row.page: row for row in bench.judge(names, q1, q10, results)}

    assert rows["home"].passed
    assert rows["home"].floor_ratio == pytest.approx(0.30)
    assert not rows["circle list"].passed
    assert "16 queries > 15" in rows["circle list"].failures[0]
    assert not rows["circle page"].passed
    assert any("grow with data" in f for f in rows["circle page"].failures)
    assert any("29%" in f for f in rows["circle page"].failures)
    assert rows["floor"].passed

    table = bench.render_table(list(rows.values()))
    assert "FAIL" in table
    assert "30%" in table
    markdown = bench.render_table(list(rows.values()), markdown=True)
    assert markdown.startswith("| page | queries 1x |")


def test_the_logged_in_floor_is_shown_but_not_held_to_a_target():
    names = ["floor", bench.LOGGED_IN_FLOOR]
    queries = {"floor": 1, bench.LOGGED_IN_FLOOR: 4}
    results = {"floor": wrk(1000), bench.LOGGED_IN_FLOOR: wrk(200)}

    rows = {row.page: row for row in bench.judge(names, queries, queries, results)}

    assert rows[bench.LOGGED_IN_FLOOR].passed
    assert rows[bench.LOGGED_IN_FLOOR].floor_ratio == pytest.approx(0.20)


def test_the_member_meeting_page_and_list_are_held_to_the_logged_in_floor_the_feed_to_queries_only():
    names = ["meeting page", "meeting page public", "meeting list", "public feed", "floor", bench.LOGGED_IN_FLOOR]
    queries = dict.fromkeys(names, 4) | {"floor": 1}
    results = {
        "meeting page": wrk(70),  # 7% of the floor, 35% of the logged-in floor
        "meeting page public": wrk(290),
        "meeting list": wrk(50),  # 25% of the logged-in floor
        "public feed": wrk(10),
        "floor": wrk(1000),
        bench.LOGGED_IN_FLOOR: wrk(200),
    }
    held_to = {page.name: page.held_to for page in bench.pages(circle_slug="-")}

    rows = {row.page: row for row in bench.judge(names, queries, queries, results, held_to=held_to)}

    assert rows["meeting page"].passed
    assert rows["meeting page"].logged_in_floor_ratio == pytest.approx(0.35)
    assert not rows["meeting page public"].passed
    assert "29% of the floor's" in rows["meeting page public"].failures[0]
    assert not rows["meeting list"].passed
    assert "25% of the floor logged in's" in rows["meeting list"].failures[0]
    assert rows["public feed"].passed
    table = bench.render_table(list(rows.values()))
    assert "% of floor logged in" in table
    assert "30% of floor logged in" in table
    assert "queries only" in table

    without = {name: result for name, result in results.items() if name != bench.LOGGED_IN_FLOOR}
    rows = {row.page: row for row in bench.judge(names[:-1], queries, queries, without, held_to=held_to)}
    assert "was not measured" in rows["meeting page"].failures[0]
