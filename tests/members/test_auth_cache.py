"""The logged-in member comes from the cache, and a change to the member is seen at the next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspel.members.models import Member


def member_row_loads(queries) -> int:
    """Queries that load a whole member row (the authentication look-up selects the password)."""
    return sum(1 for q in queries if '"members_member"."password"' in q["sql"])


def test_the_second_request_loads_no_member_row(client_for, personas):
    client = client_for(personas.member)
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("members:privacy")).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(reverse("members:privacy"))
    assert response.status_code == 200
    assert response.wsgi_request.user == personas.member
    assert member_row_loads(first.captured_queries) == 1
    assert member_row_loads(second.captured_queries) == 0


def test_a_changed_member_is_loaded_fresh_at_the_next_request(client_for, personas):
    client = client_for(personas.member)
    client.get(reverse("members:privacy"))
    member = Member.objects.get(pk=personas.member.pk)
    member.name = "Mila Nieuwenhuis"
    member.save(update_fields=["name"])
    response = client.get(reverse("members:privacy"))
    assert response.wsgi_request.user.name == "Mila Nieuwenhuis"


def test_a_deactivated_member_is_logged_out_at_the_next_request(client_for, personas):
    client = client_for(personas.member)
    assert client.get(reverse("members:directory")).status_code == 200
    member = Member.objects.get(pk=personas.member.pk)
    member.is_active = False
    member.save(update_fields=["is_active"])
    response = client.get(reverse("members:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_password_changed_elsewhere_ends_the_old_session(client_for, personas):
    client = client_for(personas.member)
    assert client.get(reverse("members:directory")).status_code == 200
    member = Member.objects.get(pk=personas.member.pk)
    member.set_password("een-heel-nieuw-wachtwoord-42")
    member.save(update_fields=["password"])
    response = client.get(reverse("members:directory"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_login_alone_does_not_empty_the_cache_of_others(client_for, personas):
    """Saving last_login (every login) bumps no cache version: not the member's, not a listing."""
    from samenspel.core.cache_version import read

    keys = (f"member:{personas.outsider.pk}", "members:*", "circle:*", "round:*")
    before = read(*keys)
    member = Member.objects.get(pk=personas.outsider.pk)
    member.save(update_fields=["last_login"])
    assert read(*keys) == before


# --- Every way a member loses access takes effect at the very next request ---------------
# Writes that send no signal (QuerySet.update, plain SQL) do not bump the member's version,
# so the cached member would live on: the guard columns read with the version catch them.


def _logged_in(client_for, person):
    client = client_for(person)
    assert client.get(reverse("members:directory")).status_code == 200  # the member is cached now
    return client


def _is_logged_out(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_deactivated_through_queryset_update_is_logged_out(client_for, personas):
    client = _logged_in(client_for, personas.member)
    Member.objects.filter(pk=personas.member.pk).update(is_active=False)
    response = client.get(reverse("members:directory"))
    assert _is_logged_out(response)
    assert not response.wsgi_request.user.is_authenticated


def test_the_session_stays_ended_when_the_account_is_active_again(client_for, personas):
    client = _logged_in(client_for, personas.member)
    Member.objects.filter(pk=personas.member.pk).update(is_active=False)
    client.get(reverse("members:directory"))
    Member.objects.filter(pk=personas.member.pk).update(is_active=True)
    assert _is_logged_out(client.get(reverse("members:directory")))


def test_refused_through_a_status_change_is_no_member_at_the_next_request(client_for, personas):
    client = _logged_in(client_for, personas.member)
    member = Member.objects.get(pk=personas.member.pk)
    member.status = Member.Status.REFUSED
    member.save(update_fields=["status"])
    assert client.get(reverse("members:directory")).status_code == 403


def test_refused_through_queryset_update_is_no_member_at_the_next_request(client_for, personas):
    client = _logged_in(client_for, personas.member)
    Member.objects.filter(pk=personas.member.pk).update(status=Member.Status.REFUSED)
    response = client.get(reverse("members:directory"))
    assert response.status_code == 403
    assert response.wsgi_request.user.status == Member.Status.REFUSED


def test_a_coordinator_role_removed_through_queryset_update_ends_at_the_next_request(client_for, personas):
    client = client_for(personas.coordinator)
    assert client.get(reverse("members:manage_list")).status_code == 200
    Member.objects.filter(pk=personas.coordinator.pk).update(is_coordinator=False)
    assert client.get(reverse("members:manage_list")).status_code == 403


def test_deleted_through_queryset_delete_is_logged_out(client_for, personas):
    client = _logged_in(client_for, personas.outsider)
    Member.objects.filter(pk=personas.outsider.pk).delete()
    assert _is_logged_out(client.get(reverse("members:directory")))


def test_deleted_with_plain_sql_is_logged_out(client_for, personas):
    client = _logged_in(client_for, personas.outsider)
    # No signal at all, as a database administrator would (foreign keys are checked at commit).
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM members_member WHERE id = %s", [personas.outsider.pk])
    assert _is_logged_out(client.get(reverse("members:directory")))


def test_a_password_changed_through_queryset_update_ends_the_old_session(client_for, personas):
    client = _logged_in(client_for, personas.member)
    other = Member(password="")
    other.set_password("een-heel-nieuw-wachtwoord-42")
    Member.objects.filter(pk=personas.member.pk).update(password=other.password)
    assert _is_logged_out(client.get(reverse("members:directory")))


def test_deactivated_through_bulk_update_is_logged_out(client_for, personas):
    """bulk_update sends no signal either."""
    client = _logged_in(client_for, personas.member)
    member = Member.objects.get(pk=personas.member.pk)
    member.is_active = False
    Member.objects.bulk_update([member], ["is_active"])
    assert _is_logged_out(client.get(reverse("members:directory")))


def test_the_check_costs_no_extra_query(client_for, personas):
    """Session, then the cache versions with the member's guard columns: two queries, as before."""
    client = _logged_in(client_for, personas.member)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("members:directory")).status_code == 200
    assert len(queries.captured_queries) == 2
