"""Every HTML email shares one layout and is valid HTML; subjects survive being encoded.

The layout is checked by reading each rendered email, and the HTML by the Nu HTML Checker
(vnu.jar, the W3C validator), run once for all emails in both languages. The checker needs Java
and the jar: `npm install` puts it in node_modules (package.json), or point VNU_JAR at one.
Without them the check is skipped locally, and fails in CI.
"""

import datetime
import email
import email.policy
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone

from samenspel.core.emails import render_email
from tests.factories.meetings import MeetingFactory

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
LANGUAGES = ["nl", "en"]


def email_templates() -> list[str]:
    """Every email we send: `emails/<name>` for each `<name>_subject.txt`, and allauth's in the project."""
    names = sorted(
        str(path.relative_to(ROOT / "templates/emails")).removesuffix("_subject.txt")
        for path in (ROOT / "templates/emails").rglob("*_subject.txt")
    )
    assert len(names) >= 20
    return names


def allauth_html_templates() -> list[Path]:
    """allauth sends HTML only when the project has `account/email/*_message.html` (today it has none)."""
    return sorted((ROOT / "templates/account/email").glob("*_message.html"))


def sample_context() -> dict:
    """Values for every variable the email templates use (each template takes what it needs)."""
    meeting = MeetingFactory(
        title="Samenspel in de stad: café & <ervaring>",
        online_url="https://meet.example.org/room",
        location="Buurthuis De Meeuw",
    )
    person = SimpleNamespace(name="Fatima <El> Amrani")
    later = timezone.now() + datetime.timedelta(days=10)
    return {
        "name": "Fatima <El> Amrani",
        "member": person,
        "lead": person,
        "inviter": person,
        "requester": person,
        "circle": SimpleNamespace(
            name="Armoede & Bestaanszekerheid", summary="Agenderen en reageren.", join_policy="request"
        ),
        "message": "Kom je ook?\nTot dan.",
        "link": "https://samenspel.example/circles/invitation/abc/",
        "expires_at": later,
        "document": SimpleNamespace(title="Werkprofiel ervaringsdeskundigen"),
        "version": SimpleNamespace(label="2"),
        "next_version": SimpleNamespace(label="3"),
        "round": SimpleNamespace(title="Tweede ronde", closes_at=later),
        "round_url": "https://samenspel.example/consultations/1/",
        "reactienota_url": "https://samenspel.example/consultations/1/reactienota/",
        "meeting": meeting,
        "registration": None,
        "confirmed": True,
        "with_ics": True,
        "reason": "De zaal is <b>dicht</b>.",
        "changed": ["starts_at"],
        "online_url": meeting.online_url,
        "meeting_link": "https://samenspel.example/meetings/1/",
        "cancel_link": "https://samenspel.example/meetings/registration/abc/cancel/",
        "confirm_link": "https://samenspel.example/meetings/registration/abc/confirm/",
        "report_url": "https://samenspel.example/meetings/1/report/",
        "is_expert": True,
        "organisation_name": "Buurtteam Zuid",
        "team_name": "Team Noord",
        "path": "/tandems/link/1/",
        "expert_changed": True,
        "professional_changed": True,
        "coach_changed": True,
        "expert_label": "Fatima",
        "professional_label": "Jan",
        "coach_name": "",
        "still_partner": False,
        # notifications: one message, and a summary grouped by kind
        "text": "Nieuwe update in Kring <Onderzoek>: Stand van zaken & meer",
        "url": "https://samenspel.example/circles/onderzoek/",
        "kind_label": "Nieuwe update in mijn kring",
        "settings_url": "https://samenspel.example/notifications/settings/",
        "list_url": "https://samenspel.example/notifications/",
        "count": 2,
        "groups": [
            {
                "label": "Nieuwe of veranderde bijeenkomst in mijn kring",
                "items": [
                    {"text": "Nieuwe bijeenkomst: <Netwerk> op 14 december", "url": "https://samenspel.example/m/1/"},
                    {"text": "Bijeenkomst veranderd: Kring & co", "url": "https://samenspel.example/m/2/"},
                ],
                "unsubscribe_url": "https://samenspel.example/notifications/unsubscribe/abc/",
            }
        ],
        # the newsletter: an edition with an item in each built-in section
        "edition": SimpleNamespace(
            title="Stand van zaken vanuit de kringen",
            issue_date=later.date(),
            deadline=later.date(),
            circle=None,
            introduction="Hier alvast een **voorproefje** & meer.",
            introduction_html="<p>Hier alvast een <strong>voorproefje</strong> &amp; meer.</p><h2>Tot slot</h2>",
        ),
        "sections": newsletter_sections(later),
        "web_url": "https://samenspel.example/newsletter/1/",
        "request_url": "https://samenspel.example/newsletter/requests/1/",
        "confirm_url": "https://samenspel.example/newsletter/subscribe/abc:def/",
        "valid_days": 7,
        "group_names": "Groep 1, Groep <2>",
        "note_taker": "Fatima <El> Amrani",
        "groups_url": "https://samenspel.example/meetings/1/groups/",
        "group": SimpleNamespace(name="Groep <1>", question="Wat helpt?\nEn wat niet?"),
        "takes_notes": True,
        "trajectory": SimpleNamespace(title="Tandem Ontwikkel Traject"),
        "placed": [meeting],
        "waiting": [meeting],
        "registered_before": [meeting],
        "not_registered": [meeting],
        "enrolment_url": "https://samenspel.example/tandems/enrolments/1/",
    }


def newsletter_sections(when) -> list:
    from samenspel.newsletter import sections

    item = sections.Item(
        title="Kring <Onderzoek> & meer",
        url="/circles/onderzoek/",
        body_html="<p>We kwamen <strong>bijeen</strong>.</p><h3>Volgende keer</h3><p>Januari.</p>",
        body_text="We kwamen **bijeen**.",
        when=when,
        until=when,
        note="Kring Onderzoek",
    )
    shown = [sections.Shown(section, [item]) for section in sections.registered()]
    return [*shown, sections.Shown(sections.get("meetings"), [])]  # none: its "empty" sentence


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.title = None
        self.charset = False
        self._in_title = False
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "meta" and attrs.get("charset", "").lower() == "utf-8":
            self.charset = True
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        else:
            self.text.append(data)


def rendered():
    """(template, language, subject, html) for every email in every language."""
    context = sample_context()
    for template in email_templates():
        for language in LANGUAGES:
            message = render_email(to="fatima@example.org", template=template, context=context, language=language)
            (html, mimetype) = message.alternatives[0]
            assert mimetype == "text/html"
            yield template, language, message.subject, html
    for language in LANGUAGES:  # the one-click unsubscribe footer (samenspel.core.emails.LIST_UNSUBSCRIBE)
        message = render_email(
            to="fatima@example.org",
            template="members/signup_approved",
            context=context,
            language=language,
            list_unsubscribe="https://samenspel.example/notifications/unsubscribe/abc:def/",
        )
        yield "members/signup_approved+unsubscribe", language, message.subject, message.alternatives[0][0]


def test_every_html_email_has_the_one_layout():
    problems = []
    for template, language, subject, html in rendered():
        head = _Head()
        head.feed(html)
        found = []
        if not html.startswith("<!DOCTYPE html>"):
            found.append("no doctype first")
        if head.lang != language:
            found.append(f"lang={head.lang!r}")
        if not head.charset:
            found.append("no <meta charset>")
        if (head.title or "").strip() != subject:
            found.append(f"title={head.title!r}")
        if settings.NETWORK_NAME not in " ".join(head.text):
            found.append("no network name")
        if found:
            problems.append(f"{template} ({language}): {', '.join(found)}")
    assert problems == []


def test_allauth_has_no_html_emails_outside_the_layout():
    for path in allauth_html_templates():
        assert '{% extends "emails/base.html" %}' in path.read_text(), path


def vnu_command() -> list[str] | None:
    jar = os.environ.get("VNU_JAR") or str(ROOT / "node_modules/vnu-jar/build/dist/vnu.jar")
    java = shutil.which("java")
    if not Path(jar).is_file() or not java:
        if os.environ.get("CI"):
            pytest.fail(f"The Nu HTML Checker must run in CI: java={java!r}, jar={jar!r}")
        pytest.skip(
            "The Nu HTML Checker is not available: install Java and run `npm install` (or set VNU_JAR to vnu.jar)."
        )
    return [java, "-jar", jar]


def test_every_html_email_passes_the_nu_html_checker(tmp_path):
    command = vnu_command()
    files = {}
    for template, language, _subject, html in rendered():
        path = tmp_path / f"{template.replace('/', '-')}.{language}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = f"{template} ({language})"
    for path in allauth_html_templates():  # none today; checked when one is added
        files[str(path)] = path.name
    result = subprocess.run(  # noqa: S603 - java and a jar path, no shell
        [*command, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    found = sorted(
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['type']}"
        f"{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"
    )
    assert found == [], "\n".join(found)


# --- subjects -------------------------------------------------------------------------------------


def test_a_long_subject_with_accents_decodes_without_added_spaces():
    title = "Bijeenkomst over bestaanszekerheid en schuldhulpverlening in Zuidoost – café ’t Hoekje, tweede deel"
    meeting = MeetingFactory(title=title)
    message = render_email(
        to="fatima@example.org", template="meetings/cancelled", context={"meeting": meeting, "name": "F"}, language="nl"
    )
    expected = f"Afgelast: {title}"
    assert message.subject == expected and len(expected) > 78
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    assert parsed["subject"] == expected
    assert parsed["subject"] == parsed["subject"].strip()
    assert "  " not in parsed["subject"]


def test_allauths_long_subjects_decode_without_added_spaces(settings):
    from allauth.core import context as allauth_context
    from django.test import RequestFactory

    from samenspel.site.adapter import AccountAdapter

    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Amsterdams Netwerk Ervaringskennis – café de Bijeenkomst, Zuidoost] "
    with allauth_context.request_context(RequestFactory().get("/")):
        message = AccountAdapter().render_mail("account/email/login_code", "fatima@example.org", {"code": "ABC123"})
    assert len(message.subject) > 78 and not message.subject.isascii()
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    assert parsed["subject"] == message.subject
    assert not parsed["subject"].startswith(" ")
