"""seed_demo and demo_logins on an empty database. The other tests of seed_demo and demo_logins share one
loaded demo per module (test_seed_demo.py, test_demo_logins.py, tests/fixtures/demo.py)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samenspel.members.models import Member, Theme

pytestmark = pytest.mark.django_db


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_logins_says_to_seed_first_when_there_is_no_demo_data():
    assert "seed_demo" in command("demo_logins")
    with pytest.raises(CommandError, match="seed_demo"):
        command("demo_logins", "--totp")


def test_seed_demo_loads_the_network_on_an_empty_database():
    assert Member.objects.count() == 0
    output = command("seed_demo")
    assert "4 circles" in output
    assert Theme.objects.count() == 10
    assert {"Armoede", "Schulden", "Jeugdzorg", "Migratie"} <= set(Theme.objects.values_list("name_nl", flat=True))
    assert Member.objects.count() >= 55
