import csv
import io

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from tests.factories.members import MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def export(client):
    response = client.get(reverse("members:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    return rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def test_export_holds_every_member_with_the_columns(personas, client_for):
    header, rows = export(client_for(personas.coordinator))
    assert header == ["name", "email", "kind", "organisation", "status", "themes", "date joined"]
    assert rows[personas.orgrep.email]["organisation"] == personas.organisation.name
    assert rows[personas.pending.email]["status"] == "pending"
    assert len(rows) == Member.objects.count()
    entry = AuditLogEntry.objects.get(action="member.export.done")
    assert entry.actor == personas.coordinator and entry.data == {"members": Member.objects.count()}


def test_themes_only_of_members_who_share_them_with_members_or_everyone(personas, client_for):
    theme = ThemeFactory(name_nl="Verslaving")
    private = MemberFactory(theme_visibility=Member.ThemeVisibility.COORDINATORS)
    shared = MemberFactory(theme_visibility=Member.ThemeVisibility.MEMBERS)
    public = MemberFactory(theme_visibility=Member.ThemeVisibility.PUBLIC)
    for person in (private, shared, public):
        person.themes.add(theme)
    _header, rows = export(client_for(personas.coordinator))
    assert rows[private.email]["themes"] == ""
    assert rows[shared.email]["themes"] == "Verslaving"
    assert rows[public.email]["themes"] == "Verslaving"


@pytest.mark.parametrize("value", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)"])
def test_formulas_are_escaped(personas, client_for, value):
    person = MemberFactory(name=value)
    _header, rows = export(client_for(personas.coordinator))
    assert rows[person.email]["name"] == "'" + value


def test_export_query_count_is_constant(personas, client_for, django_assert_max_num_queries):
    theme = ThemeFactory()
    for person in MemberFactory.create_batch(300, theme_visibility=Member.ThemeVisibility.PUBLIC, consented=False):
        person.themes.add(theme)
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(12):
        _header, rows = export(client)
    assert len(rows) > 300
