"""Every URL pattern, every persona: the answer must match docs/permissions.md.

A new URL without a row in that table fails this test, so the matrix stays complete.
Run `SHOW_MATRIX=1 pytest tests/test_permission_matrix.py -s` to print the observed answers.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

MATRIX = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
PERSONAS = ["visitor", "pending", "member", "outsider", "kartrekker", "coordinator", "orgrep", "municipality"]
# Consultation round URLs that take the open example round (the reactienota's take the closed one).
OPEN_ROUND_URLS = (
    "round_detail",
    "round_paragraph",
    "round_question",
    "round_document_comments",
    "round_edit",
    "round_invitees",
    "round_invitee_remove",
    "comment_create",
    "answers",
    "remark_create",
    "comment_edit",
    "comment_withdraw",
    "comment_support",
)
# Newsletter URLs of the coordinators' pages of one edition: they take the edition in preparation.
NEWSLETTER_EDITION_URLS = (
    "manage",
    "edit",
    "preview",
    "preview_email",
    "preview_email_html",
    "progress",
    "send",
    "unschedule",
    "resume",
)
# Opportunity URLs that take the example organisation's opportunity (waiting for approval).
OPPORTUNITY_URLS = ("detail", "edit", "submit", "withdraw", "close", "fill", "reopen", "approve", "reject")
# Opportunity URLs that take the published paid job with the member's response and a realised row.
RESPONSE_URLS = (
    "respond",
    "my_response",
    "response_withdraw",
    "responses",
    "response_decide",
    "realised",
    "realised_edit",
    "realised_delete",
)
# URL patterns that are not pages of ours: Django's language switch is tested elsewhere.
SKIP_PREFIXES = ()


def url_names() -> list[tuple[str, URLPattern]]:
    found = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
            elif isinstance(entry, URLPattern):
                if entry.name:
                    found.append((f"{namespace}{entry.name}", entry))
                else:
                    found.append((f"{namespace}<unnamed {entry.pattern}>", entry))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found), key=lambda item: item[0])


def read_matrix() -> dict[str, dict[str, str]]:
    rows = {}
    for line in MATRIX.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*`([^`]+)`\s*\|\s*(GET|POST)\s*\|(.*)\|\s*$", line)
        if not match:
            continue
        cells = [cell.strip() for cell in match.group(3).split("|")]
        answers = dict(zip(PERSONAS, cells[: len(PERSONAS)], strict=True))
        rows[match.group(1)] = {"method": match.group(2), **answers}
    return rows


def sample_kwargs(name: str, pattern: URLPattern, world) -> dict:
    """Example arguments for a URL: objects of the personas' world, chosen by URL name and parameter."""
    params = list(pattern.pattern.regex.groupindex)
    objects = {
        "circles:update_edit": world.update.pk,
        "circles:update_delete": world.update.pk,
        "circles:request_decide": world.join_request.pk,
        "organisations:team_edit": world.team.pk,
        "organisations:team_delete": world.team.pk,
        "members:detail": world.member.pk,
        "members:manage_detail": world.member.pk,
        "members:decide": world.pending.pk,
        "members:consent_text_edit": world.draft_consent_text.pk,
        "members:consent_text_publish": world.draft_consent_text.pk,
        "members:theme_edit": world.theme.pk,
        "meetings:attachment": world.attachment.pk,
        "consultations:outcomes": world.closed_round.pk,
        "consultations:outcome_set": world.closed_round.pk,
        "consultations:next_version_set": world.closed_round.pk,
        "consultations:reactienota": world.closed_round.pk,
        "consultations:reactienota_publish": world.closed_round.pk,
        "consultations:reactienota_download": world.closed_round.pk,
        # consultations, rounds: an open round for members with a question, the member's comment, an invitee
        **{f"consultations:{name}": world.open_round.pk for name in OPEN_ROUND_URLS},
        # tandems, the trajectory: a module, its (past) session, and the example tandem's enrolment
        "tandems:module_edit": world.tot_module.pk,
        "tandems:module_move": world.tot_module.pk,
        "tandems:module_delete": world.tot_module.pk,
        "tandems:session_create": world.tot_module.pk,
        "tandems:session_edit": world.tot_session.pk,
        "tandems:session_attendance": world.tot_session.pk,
        "tandems:enrolment_detail": world.tot_enrolment.pk,
        "tandems:enrolment_withdraw": world.tot_enrolment.pk,
        "tandems:reflection_edit": world.tot_enrolment.pk,
        "tandems:module_done": world.tot_enrolment.pk,
        "tandems:module_undo": world.tot_enrolment.pk,
        "tandems:certificate": world.tot_enrolment.pk,
        # tandems, coaches and member links: a coach's role, and a request that asks the member persona
        "tandems:coach_remove": world.coach_role.pk,
        "tandems:link_request": world.link_request.pk,
        # notifications: the member persona's message
        "notifications:mark_read": world.notification.pk,
        # newsletter: a sent members-only edition has a permanent page; the rest is the one in preparation
        "newsletter:edition": world.nl_sent_edition.pk,
        "newsletter:request": world.nl_request.pk,
        "newsletter:request_choose": world.nl_request.pk,
        "newsletter:suppression_remove": world.nl_suppression.pk,
        **{f"newsletter:{name}": world.nl_edition.pk for name in NEWSLETTER_EDITION_URLS},
        # opportunities: the example organisation's opportunity waiting for approval, and an area
        **{f"opportunities:{name}": world.opportunity.pk for name in OPPORTUNITY_URLS},
        "opportunities:area_edit": world.area.pk,
        # ... and the published, members-only one (how many it fits: its managers only)
        "opportunities:matches": world.published_opportunity.pk,
        **{f"opportunities:{name}": world.opp_paid.pk for name in RESPONSE_URLS},
    }
    kwargs = {}
    for param in params:
        if param == "slug" and name.startswith("monitor:"):  # an organisation's monitor pages
            kwargs["slug"] = world.organisation.slug
        elif param in ("year", "quarter"):  # monitor and its API: the world's closed quarter
            kwargs[param] = getattr(world.monitor_period, param)
        elif param == "slug" and name.startswith("tandems:"):
            kwargs["slug"] = world.tot_trajectory.slug
        elif param == "slug" and name.startswith("consultations:"):  # documents: a members-only document
            kwargs["slug"] = world.matrix_document.slug
        elif param == "number":  # its published version 1; writing and publishing: its draft version 2
            kwargs["number"] = (
                2
                if name
                in ("consultations:version_text", "consultations:version_text_save", "consultations:version_publish")
                else 1
            )
        elif param == "slug":
            kwargs["slug"] = world.organisation.slug if name.startswith("organisations:") else world.circle.slug
        elif param == "response_pk":
            kwargs["response_pk"] = world.opp_response.pk
        elif param == "row_pk":
            kwargs["row_pk"] = world.opp_realised.pk
        elif param == "pk":
            kwargs["pk"] = objects.get(name, world.meeting.pk)
        elif param == "organisation":  # tandems: an organisation's own data
            kwargs["organisation"] = world.organisation.slug
        elif param in ("expert_pk", "training_pk", "professional_pk", "tandem_pk"):
            kwargs[param] = getattr(world, "org_" + param.removesuffix("_pk")).pk
        elif param == "module_pk":
            kwargs["module_pk"] = world.tot_module.pk
        elif param == "group_pk":
            kwargs["group_pk"] = world.group.pk
        elif param == "comment_pk" and name.startswith("consultations:comment_"):
            kwargs["comment_pk"] = world.open_comment.pk
        elif param == "paragraph_pk":
            kwargs["paragraph_pk"] = world.open_comment.paragraph_id
        elif param == "question_pk":
            kwargs["question_pk"] = world.open_question.pk
        elif param == "invitee_pk":
            kwargs["invitee_pk"] = world.open_invitee.pk
        elif param == "comment_pk":
            kwargs["comment_pk"] = world.closed_round_comment.pk
        elif param == "attachment_pk":
            kwargs["attachment_pk"] = world.attachment.pk
        elif param == "token" and name == "meetings:feed_personal":
            kwargs["token"] = world.feed_token
        elif param == "token" and name == "notifications:unsubscribe":
            kwargs["token"] = world.unsubscribe_token
        elif param == "token" and name == "newsletter:confirm":
            kwargs["token"] = world.nl_confirm_token
        elif param == "token" and name == "newsletter:unsubscribe":
            kwargs["token"] = world.nl_unsubscribe_token
        elif param == "token" and name.startswith("meetings:"):
            kwargs["token"] = world.registration_token
        elif param == "token":
            kwargs["token"] = world.invitation_token
        elif param == "uidb36":
            kwargs["uidb36"] = "0"
        elif param == "key":
            kwargs["key"] = "not-a-real-key"
        else:
            raise KeyError(f"{name}: no example for parameter {param!r}; add one in sample_kwargs")
    return kwargs


def kept_login(client_for, person):
    """A client logged in as `person` (None: a visitor) before each request, logging in again only
    when the last request left another session (a login, a logout, a new session key): each
    request's writes are rolled back, the login is not (logging in costs a session row each time)."""
    client = client_for(person)
    kept = client.cookies.get(settings.SESSION_COOKIE_NAME)
    kept = kept.value if kept is not None else None

    def ready():
        nonlocal kept
        cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
        if (cookie.value if cookie is not None else None) != kept:
            client_for(person)
            cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            kept = cookie.value if cookie is not None else None
        return client

    return ready


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return "login"
        return "302"
    return str(response.status_code)


def test_every_url_has_a_row_in_the_matrix():
    rows = read_matrix()
    missing = [name for name, _ in url_names() if name not in rows]
    assert not missing, "Add these URLs to docs/permissions.md:\n" + "\n".join(missing)
    stale = sorted(set(rows) - {name for name, _ in url_names()})
    assert not stale, "docs/permissions.md lists URLs that no longer exist:\n" + "\n".join(stale)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_answer_the_matrix_gives(world, client_for, persona):
    rows = read_matrix()
    person = world.as_dict()[persona]
    mismatches = []
    observed = []
    logged_in = kept_login(client_for, person)
    for name, pattern in url_names():
        row = rows.get(name)
        if row is None:
            continue
        try:
            url = reverse(name, kwargs=sample_kwargs(name, pattern, world))
        except (KeyError, NoReverseMatch) as exc:
            mismatches.append(f"{name}: cannot build a URL ({exc}); add example arguments in sample_kwargs")
            continue
        client = logged_in()
        savepoint = transaction.savepoint()  # every request sees the same world: undo what a POST changed
        response = client.post(url) if row["method"] == "POST" else client.get(url)
        transaction.savepoint_rollback(savepoint)
        for each in caches.all():
            each.clear()
        got = outcome(response)
        observed.append((name, got))
        if got != row[persona]:
            mismatches.append(f"{name} ({row['method']} {url}) as {persona}: expected {row[persona]}, got {got}")
    if os.environ.get("SHOW_MATRIX"):
        print(f"\n## {persona}")
        for name, got in observed:
            print(f"{persona}\t{name}\t{got}")
    assert not mismatches, "\n".join(mismatches)
