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
    """Saving last_login (every login) does not bump the content version."""
    from samenspel.core.cache_version import read

    before = read().content
    member = Member.objects.get(pk=personas.outsider.pk)
    member.save(update_fields=["last_login"])
    assert read().content == before
