"""Issue 13's bench steps (samenspel/demo/bench/load.py and its modules) without gunicorn or wrk:
how latencies are summed up, how each run is judged, the wrk script of the mixed run, the writers'
turn, and that a member's session and CSRF cookies made by the bench pass the site's checks."""

import pytest
from django.conf import settings
from django.test import Client

from samenspel.demo.bench import hundred, mixed, register_http, web, writers
from samenspel.demo.bench import pages as bench
from samenspel.meetings.models import Registration
from tests.factories.meetings import MeetingFactory
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.bench


def wrk_result(rps: float, *, p99: float = 40.0, bad: int = 0, socket: int = 0) -> bench.WrkResult:
    return bench.WrkResult(
        requests_per_second=rps,
        p50_ms=10.0,
        p99_ms=p99,
        requests=int(rps * 10),
        bad_responses=bad,
        socket_errors=socket,
    )


def latencies(ms: list[float], status: int = 302) -> web.Latencies:
    out = web.Latencies()
    for value in ms:
        out.add(status, value)
    return out


def test_percentile_is_the_nearest_rank():
    values = [float(n) for n in range(1, 101)]  # 1..100

    assert web.percentile(values, 0.50) == 50.0
    assert web.percentile(values, 0.99) == 99.0
    assert web.percentile([7.0, 1.0, 3.0], 0.99) == 7.0
    assert web.percentile([], 0.5) == 0.0


def test_server_errors_count_5xx_and_lost_requests_not_redirects_or_4xx():
    figures = latencies([1.0, 2.0])
    for status in (500, 502, 0, 403, 200):
        figures.add(status, 5.0)

    assert figures.server_errors == 3
    assert figures.count == 7


def registration(**changes) -> register_http.HttpRegistration:
    values = {
        "capacity": 300,
        "registrations": 1000,
        "connections": 50,
        "seconds": 10.0,
        "latencies": latencies([20.0] * 1000),
        "redirected": 1000,
        "confirmed": 300,
        "waitlisted": 700,
        "in_order": True,
    }
    return register_http.HttpRegistration(**{**values, **changes})


def test_http_registration_passes_only_when_exact():
    assert registration().passed
    assert registration().per_second == 100.0
    assert "301 confirmed, not 300" in registration(confirmed=301, waitlisted=699).failures()
    assert not registration(in_order=False).passed
    assert not registration(redirected=999).passed  # e.g. one was sent to the consent page


def test_http_registration_fails_on_a_5xx_and_names_it():
    figures = latencies([20.0] * 999)
    figures.add(500, 30.0)

    result = registration(latencies=figures, redirected=999)

    assert "1 answers were 5xx or lost" in result.failures()
    assert "| 300 | 1000 | 50 |" in result.markdown()


def write_figures(ms: list[float], *, seconds: float = 10.0, unexpected=None) -> mixed.WriteFigures:
    return mixed.WriteFigures(seconds=seconds, by_action={"comment": latencies(ms)}, unexpected=unexpected or {})


def mixed_run(**changes) -> mixed.Mixed:
    values = {
        "floor": wrk_result(1000),
        "reads_alone": wrk_result(400),
        "reads_mixed": wrk_result(300),
        "writes": write_figures([50.0] * 240),
        "writers": 3,
        "deadlocks": 0,
        "log_conflicts": 0,
    }
    return mixed.Mixed(**{**values, **changes})


def test_mixed_run_meets_the_targets():
    run = mixed_run()

    assert run.failures() == []
    assert "Mixed run: PASS" in run.render()
    assert run.render(markdown=True).splitlines()[4].startswith("| reads with writes | 3000 | 300 |")


@pytest.mark.parametrize(
    ("changes", "failure"),
    [
        ({"reads_mixed": wrk_result(299)}, "reads with writes at 30% of the floor < 30%"),
        ({"writes": write_figures([50.0] * 199)}, "19.9 writes/s < 20"),
        ({"writes": write_figures([50.0] * 230 + [250.0] * 10)}, "writes p99 250 ms >= 250 ms"),
        ({"reads_mixed": wrk_result(500, socket=2)}, "reads with writes: 0 non-2xx/3xx answers, 2 socket errors"),
        ({"writes": write_figures([50.0] * 240, unexpected={"comment": 3})}, "3 comment writes did not answer"),
        ({"deadlocks": 1}, "PostgreSQL counted 1 deadlocks"),
        ({"log_conflicts": 2}, "gunicorn's log has 2 deadlock or serialization errors"),
    ],
)
def test_mixed_run_fails_each_target(changes, failure):
    run = mixed_run(**changes)

    assert any(f.startswith(failure) for f in run.failures()), run.failures()
    assert "Mixed run: FAIL" in run.render()


def test_a_lost_write_fails_the_mixed_run():
    figures = write_figures([50.0] * 240)
    figures.by_action["register"] = latencies([9000.0], status=0)

    assert "1 writes answered 5xx or were lost" in mixed_run(writes=figures).failures()


def test_conflicts_are_found_in_the_log(tmp_path):
    log = tmp_path / "gunicorn.log"
    log.write_text(
        "psycopg.errors.DeadlockDetected: deadlock detected\n"
        "psycopg.errors.SerializationFailure: could not serialize access\nall fine\n"
    )

    assert mixed.log_conflicts(log) == 4  # two names and two messages
    assert mixed.log_conflicts(tmp_path / "missing.log") == 0


def test_the_reads_script_asks_for_every_page_in_turn_with_the_cookie_only_when_logged_in():
    picked = {"circle_slug": "wonen-1", "member_meeting": 7, "public_meeting": 8}
    script = mixed.reads_lua(mixed.read_paths(picked), "sessionid=abc123")

    assert script.count("wrk.format(") == 7
    assert 'wrk.format("GET", "/circles/wonen-1/", {})' in script
    assert 'wrk.format("GET", "/members/", {["Cookie"] = "sessionid=abc123"})' in script
    assert "return requests[(n - 1) % #requests + 1]" in script


def test_the_reads_script_refuses_what_would_break_out_of_a_lua_string():
    with pytest.raises(ValueError):
        mixed.reads_lua([('/"..os.exit()..', False)], "sessionid=abc")


def test_a_writers_turn_does_every_action_and_undoes_its_registration_and_join():
    writer = writers.Writer(
        name="member 1", cookies={}, meeting=7, round=5, circle="wonen-1", join="zorg-2", profile={"name": "An"}
    )
    turn = [writer.next_request(step) for step in range(len(writers.Writer.ACTIONS))]
    actions = [action for action, _path, _data in turn]

    assert set(actions) == {"register", "cancel", "comment", "circle update", "profile edit", "join", "leave"}
    assert actions.index("register") < actions.index("cancel")
    assert actions.index("join") < actions.index("leave")
    assert writer.next_request(len(actions)) == turn[0]
    assert turn[3] == ("profile edit", "/members/me/", {"name": "An", "bio": "Ervaringsdeskundige. Bench 3."})


def test_the_100x_table_fails_a_page_whose_queries_differ_at_any_factor():
    names = ["home", "meeting list", "floor"]
    queries = {
        "1x": {"home": 1, "meeting list": 6, "floor": 1},
        "10x": {"home": 1, "meeting list": 7, "floor": 1},
        "100x": {"home": 1, "meeting list": 6, "floor": 1},
    }
    wrk = {"home": wrk_result(400), "meeting list": wrk_result(50), "floor": wrk_result(1000)}

    rows = {row.page: row for row in hundred.judge(names, queries, wrk, held_to={"meeting list": None})}

    assert rows["home"].passed
    assert rows["meeting list"].failures == ("queries grow with data (6 at 1x, 7 at 10x, 6 at 100x)",)
    markdown = hundred.render(list(rows.values()), queries["10x"], markdown=True)
    assert "| meeting list | 6 | 7 | 6 | 50 |" in markdown


def test_the_100x_table_fails_a_page_that_answered_nothing():
    queries = {factor: {"reactienota": 3, "floor": 1} for factor in ("1x", "10x", "100x")}
    wrk = {"reactienota": wrk_result(0), "floor": wrk_result(1000)}

    rows = hundred.judge(["reactienota", "floor"], queries, wrk, held_to={"reactienota": None})

    assert rows[0].failures == ("no request was answered during the run",)
    assert rows[1].passed


def test_the_bench_session_and_csrf_cookies_pass_the_sites_checks(db):
    member = MemberFactory()
    meeting = MeetingFactory(capacity=5, visibility="members", status="published")
    cookies = web.member_cookies(member)
    client = Client(enforce_csrf_checks=True)
    for name, value in cookies.items():
        client.cookies[name] = value
    path = f"/meetings/{meeting.pk}/register/"

    refused = client.post(path, {"role": ""})  # no token: CSRF refuses
    answer = client.post(path, {"role": "", **web.csrf_fields(cookies)})

    assert refused.status_code == 403
    assert answer.status_code == 302
    assert answer["Location"] == f"/meetings/{meeting.pk}/"
    assert Registration.objects.get(meeting=meeting).member == member
    assert settings.SESSION_COOKIE_NAME in cookies
