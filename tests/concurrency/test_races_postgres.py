"""Races on shared rows, with real concurrent connections (threads) on PostgreSQL.

SQLite serialises every write, so these tests run only against PostgreSQL; CI runs the whole
suite on both (`.ci/run`), so they always run there.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from samenspel.circles import services
from samenspel.circles.models import CircleMembership, Invitation
from samenspel.lib.tokens import hash_token
from tests.factories.circles import CircleFactory
from tests.factories.members import MemberFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: run with DATABASE_URL set"),
]


def run_at_once(count: int, work) -> tuple[list, list]:
    """Run work(i) in `count` threads that start together; return (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def target(i):
        try:
            barrier.wait()
            result = work(i)
            with lock:
                results.append(result)
        except Exception as exc:  # collected and asserted on by the test
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_an_invitation_is_used_once_when_many_accept_it_at_the_same_moment():
    circle = CircleFactory()
    inviter = MemberFactory()
    token = "race-token-" + "x" * 30
    invitation = Invitation.objects.create(
        circle=circle,
        invited_by=inviter,
        email="guest@example.org",
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=7),
    )
    guest = MemberFactory(email="guest@example.org")  # only the invited address may use it

    results, errors = run_at_once(20, lambda i: services.accept_invitation(invitation=invitation, member=guest))

    assert len(results) == 1
    assert len(errors) == 19
    assert all(isinstance(error, services.InvitationNotUsable) for error in errors)
    invitation.refresh_from_db()
    assert invitation.used_by == results[0].member
    assert invitation.email == ""
    assert CircleMembership.objects.filter(circle=circle).count() == 1


def test_joining_twice_at_the_same_moment_makes_one_membership():
    circle = CircleFactory()
    member = MemberFactory()

    results, errors = run_at_once(12, lambda i: services.join_circle(circle=circle, member=member))

    assert errors == []
    assert len(results) == 12
    assert sum(1 for _, created in results if created) == 1
    assert CircleMembership.objects.filter(circle=circle, member=member).count() == 1


def test_the_daily_invitation_limit_holds_under_concurrency(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    circle = CircleFactory()
    inviter = MemberFactory()
    limit = services.MAX_INVITATIONS_PER_DAY

    def invite(i):
        return services.invite(
            circle=circle,
            inviter=inviter,
            email=f"friend{i}@example.org",
            message="",
            language="nl",
        )

    results, errors = run_at_once(limit + 10, invite)

    assert len(results) == limit
    assert len(errors) == 10
    assert all(isinstance(error, services.TooManyInvitations) for error in errors)
    assert Invitation.objects.filter(invited_by=inviter).count() == limit
