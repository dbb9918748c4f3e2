"""The Nu HTML Checker (vnu, npm vnu-jar) on the HTML of every page the browser tests checked.

assert_accessible (helpers.py) keeps the HTML the server sent for each page it runs axe on;
this test runs last in the session (conftest.py orders it) and gives all those pages, together
with a few pages it renders itself (the places that were invalid before), to vnu in ONE Java
run: starting Java per page would cost seconds a page. Zero errors allowed.

Under pytest-xdist that HTML is in the memory of one worker: `make test` (`--dist loadgroup`,
tests/scheduling.py) runs every browser test and then this one on the same worker. With another
distribution this test fails rather than check only part of the pages.

It skips, with a message, only where Java or the jar is missing (apt-get install
default-jre-headless; npm ci); in CI (CI=true) that fails the run instead.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.circles.models import CircleMembership
from tests.consultations.helpers_rounds import make_round
from tests.factories.circles import CircleMembershipFactory, CircleUpdateFactory
from tests.factories.consultations import CommentFactory
from tests.factories.meetings import MeetingFactory

from .helpers import CHECKED_HTML, RAN_HERE

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return [java, "-jar", str(VNU_JAR)]
    missing = "Java (apt-get install default-jre-headless)" if not java else f"{VNU_JAR} (npm ci)"
    if os.environ.get("CI"):
        pytest.fail(f"The Nu HTML Checker must run in CI, but {missing} is missing.")
    pytest.skip(f"{missing} is not installed here; the Nu HTML Checker is skipped.")


def browser_tests_that_ran_elsewhere(request) -> list[str]:
    """The browser tests of this session that another xdist worker ran: their pages are not in CHECKED_HTML."""
    return [
        item.nodeid
        for item in request.session.items
        if item.nodeid.startswith("tests/browser/") and item.nodeid not in RAN_HERE
    ]


def vnu_messages(pages: dict[str, tuple[str, str]]) -> list[dict]:
    """Run vnu once on all pages (name -> (url, html)); each message gets the page's name and url."""
    command = vnu_command()
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for number, (name, (url, html)) in enumerate(pages.items()):
            file = Path(folder) / f"{number:04d}-{re.sub(r'[^A-Za-z0-9-]+', '-', name)[:60]}.html"
            file.write_text(html, encoding="utf-8")
            names[file.name] = (name, url)
        result = subprocess.run(  # noqa: S603 - java and the jar of node_modules, on files we wrote
            [*command, "--format", "json", "--stdout", *sorted(str(f) for f in Path(folder).iterdir())],
            capture_output=True,
            text=True,
            timeout=900,
        )
    assert result.stdout.strip(), f"vnu printed nothing (exit {result.returncode}): {result.stderr[-2000:]}"
    messages = json.loads(result.stdout)["messages"]
    for message in messages:
        message["page"], message["page_url"] = names.get(Path(message.get("url", "")).name, ("?", "?"))
    return messages


def errors_report(messages: list[dict]) -> str:
    return "\n".join(
        f"{m['page']} ({m['page_url']}) line {m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '')!r}"
        for m in messages[:40]
    )


def trouble_spots(personas, client_for):
    """Pages with what was invalid before: Markdown headings in updates, type="month", required
    selects, times with microseconds. Rendered here too, so they are checked even without Chromium."""
    circle = personas.circle
    CircleMembershipFactory(circle=circle, status=CircleMembership.Status.REQUESTED)
    CircleUpdateFactory(circle=circle, title="Stand", body="## Wat we deden\n\nTekst.\n\n#### Details\n\n# Verder")
    meeting = MeetingFactory(starts_at=timezone.now() + datetime.timedelta(days=3, microseconds=123456))
    setup = make_round(is_public=True, opens_at=timezone.now() - datetime.timedelta(days=1))
    CommentFactory(round=setup.round, paragraph=setup.paragraphs[1], author=personas.member)
    for number, (person, url) in enumerate(
        [
            (None, reverse("circles:detail", args=[circle.slug])),
            (None, reverse("circles:updates", args=[circle.slug])),
            (personas.coordinator, reverse("circles:overview")),
            (personas.kartrekker, reverse("circles:requests", args=[circle.slug])),
            (personas.member, reverse("meetings:list") + "?month=2031-01"),
            (personas.member, reverse("meetings:list") + "?month=februari"),
            (personas.member, reverse("meetings:detail", args=[meeting.pk])),
            (personas.member, reverse("members:profile")),
            (personas.kartrekker, reverse("meetings:create")),
            (personas.kartrekker, reverse("meetings:series_create")),
            (personas.coordinator, reverse("meetings:create")),
            (personas.member, reverse("consultations:round_detail", args=[setup.round.pk])),
        ]
    ):
        response = client_for(person).get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        yield f"spot-{number}", (url, response.content.decode())


def test_every_page_the_browser_tests_checked_is_valid_html(request, personas, client_for):
    """All pages in one vnu run: those the browser tests checked (when they ran first) and the trouble spots."""
    vnu_command()
    elsewhere = browser_tests_that_ran_elsewhere(request)
    assert not elsewhere, (
        "These browser tests ran on another pytest-xdist worker, so vnu would not see their pages; "
        "run with --dist loadgroup (make test does, tests/scheduling.py): " + ", ".join(elsewhere[:5])
    )
    pages = {**CHECKED_HTML, **dict(trouble_spots(personas, client_for))}
    messages = vnu_messages(pages)
    errors = [m for m in messages if m["type"] != "info"]
    assert not errors, f"vnu found {len(errors)} error(s) in {len(pages)} pages:\n" + errors_report(errors)
