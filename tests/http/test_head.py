"""RFC 9110 §9.3.2: a server answers HEAD wherever it answers GET, with the same status and headers
and no body; and HEAD is safe (§9.2.1): it changes nothing.

Walks every URL pattern with the permission matrix's example objects, as every persona: where GET
answers 2xx or 3xx, HEAD must answer the same status (and the same redirect target) with an empty
body, and HEAD writes nothing that GET does not (a HEAD that fell into a view's POST branch would).
"""

import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.test_permission_matrix import PERSONAS, kept_login, sample_kwargs, url_names

WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', re.IGNORECASE)


def writes(queries) -> set[str]:
    """The tables written to, as "INSERT INTO table" and so on."""
    found = (WRITE.match(query["sql"]) for query in queries)
    return {f"{match[1].upper()} {match[2]}" for match in found if match}


def head_mismatches(world, client_for, persona) -> tuple[int, list[str]]:
    person = world.as_dict()[persona]
    checked, mismatches = 0, []
    logged_in = kept_login(client_for, person)
    for name, pattern in url_names():
        try:
            url = reverse(name, kwargs=sample_kwargs(name, pattern, world))
        except (KeyError, NoReverseMatch):
            continue  # the permission matrix reports URLs it cannot build
        answers, written = {}, {}
        for method in ("get", "head"):
            client = logged_in()
            savepoint = transaction.savepoint()
            with CaptureQueriesContext(connection) as queries:
                answers[method] = getattr(client, method)(url)
            transaction.savepoint_rollback(savepoint)
            written[method] = writes(queries.captured_queries)
            for each in caches.all():
                each.clear()
        get, head = answers["get"], answers["head"]
        if written["head"] - written["get"]:
            mismatches.append(f"{name} ({url}) as {persona}: HEAD wrote {written['head'] - written['get']}")
        if get.status_code >= 400:
            continue
        checked += 1
        if head.status_code != get.status_code:
            mismatches.append(f"{name} ({url}) as {persona}: GET {get.status_code}, HEAD {head.status_code}")
        elif get.status_code in (301, 302) and head["Location"] != get["Location"]:
            mismatches.append(f"{name} ({url}) as {persona}: HEAD goes to {head['Location']}, GET to {get['Location']}")
        elif b"".join(head.streaming_content) if head.streaming else head.content:
            mismatches.append(f"{name} ({url}) as {persona}: HEAD answered with a body")
    return checked, mismatches


@pytest.mark.parametrize("persona", PERSONAS)
def test_head_answers_wherever_get_does(world, client_for, persona):
    checked, mismatches = head_mismatches(world, client_for, persona)
    assert checked > 10
    assert not mismatches, f"{len(mismatches)} of {checked} URLs:\n" + "\n".join(mismatches)
