"""Cache versions with real concurrent connections and two live servers, on PostgreSQL (issue 13).

- Two unrelated writes in open transactions do not wait for each other: each bumps its own rows.
- Two servers, each with its own process cache, share one database: a change made through one
  is shown by the other at the next request.

SQLite serialises every write and the servers need a database both can reach: these tests run
only against PostgreSQL (CI runs the suite on both, `.ci/run`).
"""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import OperationalError, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from samenspel.circles import services
from samenspel.circles.models import CircleMembership
from samenspel.core import cache_version
from tests.factories.circles import CircleFactory, CircleMembershipFactory
from tests.factories.members import MemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]

ROOT = Path(__file__).resolve().parents[2]


def _circle_with_lead(slug: str):
    circle = CircleFactory(name=f"Kring {slug}", slug=slug)
    lead = MemberFactory(name=f"Lead {slug}")
    CircleMembershipFactory(circle=circle, member=lead, role=CircleMembership.Role.LEAD)
    return circle, lead


# --- two unrelated writes never wait for each other -----------------------------------------


def _hold_open(work, started: threading.Event, release: threading.Event, errors: list):
    """Run `work` in a transaction on this thread's own connection and keep it open until released."""
    try:
        with transaction.atomic():
            work()
            started.set()
            release.wait(timeout=30)
    except Exception as exc:  # collected and asserted on by the test
        errors.append(exc)
        started.set()
    finally:
        connections.close_all()


def _write_while_other_is_open(first, second, *, lock_timeout_ms: int) -> float:
    """Seconds `second` took on its own connection while `first` holds its transaction open."""
    started, release, errors = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_hold_open, args=(first, started, release, errors))
    holder.start()
    try:
        assert started.wait(timeout=30)
        assert not errors, errors
        outcome = {}

        def run_second():
            try:
                with transaction.atomic():
                    with connection.cursor() as cursor:  # fail instead of waiting for the other
                        cursor.execute(f"SET LOCAL lock_timeout = '{lock_timeout_ms}ms'")
                    began = time.monotonic()
                    second()
                outcome["seconds"] = time.monotonic() - began
            except Exception as exc:  # asserted on below
                outcome["error"] = exc
            finally:
                connections.close_all()

        writer = threading.Thread(target=run_second)
        writer.start()
        writer.join(timeout=30)
    finally:
        release.set()
        holder.join(timeout=30)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["seconds"]


def test_updates_to_two_circles_in_open_transactions_do_not_wait_for_each_other():
    (circle_a, lead_a), (circle_b, lead_b) = _circle_with_lead("kring-a"), _circle_with_lead("kring-b")

    seconds = _write_while_other_is_open(
        lambda: services.post_update(circle=circle_a, author=lead_a, title="A", body="For A."),
        lambda: services.post_update(circle=circle_b, author=lead_b, title="B", body="For B."),
        lock_timeout_ms=2000,
    )

    assert seconds < 1.0
    versions = cache_version.read("circle:kring-a", "circle:kring-b")
    assert versions["circle:kring-a"] >= 2 and versions["circle:kring-b"] >= 2  # both bumps committed


def test_two_writes_to_one_circle_do_wait_for_each_other():
    """The same check sees a wait when there is one: the test above can fail."""
    circle, lead = _circle_with_lead("kring-a")
    with pytest.raises(OperationalError, match="lock timeout"):
        _write_while_other_is_open(
            lambda: services.post_update(circle=circle, author=lead, title="First", body="One."),
            lambda: cache_version.bump("circle:kring-a"),
            lock_timeout_ms=300,
        )


def test_bumps_of_overlapping_keys_take_their_locks_in_one_order():
    """Keys are bumped sorted, whatever order the caller gives: no deadlock between two writers."""
    for key in ("member:1", "member:2"):
        cache_version.bump(key)
    with pytest.raises(OperationalError, match="lock timeout"):  # waits (then gives up): no deadlock
        _write_while_other_is_open(
            lambda: cache_version.bump("member:1", "member:2"),
            lambda: cache_version.bump("member:2", "member:1"),
            lock_timeout_ms=300,
        )


# --- two servers, one database ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def two_servers():
    """Two `runserver` processes on the test database, each with its own process caches."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": "",  # sessions in the database, caches in each process's memory
        "PYTHONUNBUFFERED": "1",
    }
    servers, processes = [], []
    try:
        for _ in range(2):
            port = _free_port()
            processes.append(
                subprocess.Popen(  # noqa: S603 - our own manage.py, no shell
                    [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            servers.append(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        for server in servers:
            while True:
                try:
                    requests.get(server + "/", timeout=5)
                    break
                except requests.ConnectionError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield servers
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _session_of(member) -> requests.Session:
    client = Client()
    client.force_login(member)
    session = requests.Session()
    session.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
    return session


def _post_update(session: requests.Session, server: str, slug: str, title: str) -> None:
    form_url = server + reverse("circles:update_create", args=[slug])
    page = session.get(form_url, timeout=10)
    assert page.status_code == 200, page.status_code
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        form_url,
        data={"csrfmiddlewaretoken": token, "title": title, "body": "Written through one server."},
        headers={"Referer": form_url},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.status_code


def test_a_change_through_one_server_shows_on_the_other_at_the_next_request(two_servers):
    circle, lead = _circle_with_lead("kring-twee")
    server_a, server_b = two_servers
    pages = ["/", reverse("circles:detail", args=[circle.slug])]
    for server in (server_a, server_b):  # both processes cache every page
        for path in pages:
            assert requests.get(server + path, timeout=10).status_code == 200

    lead_session = _session_of(lead)
    _post_update(lead_session, server_a, circle.slug, "Nieuws via server A")
    for path in pages:
        assert "Nieuws via server A" in requests.get(server_b + path, timeout=10).text, path

    _post_update(lead_session, server_b, circle.slug, "Nieuws via server B")
    for path in pages:
        assert "Nieuws via server B" in requests.get(server_a + path, timeout=10).text, path
