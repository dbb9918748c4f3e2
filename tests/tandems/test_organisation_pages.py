"""The overview pages show an organisation's data with a constant number of queries."""

import csv
import io
import re

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from tests.factories.members import MemberFactory
from tests.factories.organisations import OrganisationFactory, TeamFactory
from tests.factories.tandems import ExpertFactory, ProfessionalFactory, TandemFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def fill(organisation, teams=8):
    for i in range(teams):
        team = TeamFactory(organisation=organisation, name=f"Team {organisation.pk}-{i}")
        for j in range(3):
            expert = ExpertFactory(organisation=organisation, team=team, member=MemberFactory() if j == 0 else None)
            TrainingFactory(expert=expert)
            TrainingFactory(expert=expert, course="Vervolg")
            professional = ProfessionalFactory(organisation=organisation, team=team)
            TandemFactory(
                organisation=organisation, team=team, expert=expert, professional=professional, coach=MemberFactory()
            )


def test_the_organisation_page_has_a_constant_number_of_queries(org_world, client_for, django_assert_max_num_queries):
    fill(org_world.organisation)
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:org_detail", args=[org_world.organisation.slug])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count("Vervolg") == 24


def test_the_list_has_a_constant_number_of_queries(personas, client_for, django_assert_max_num_queries):
    for _ in range(12):
        organisation = OrganisationFactory()
        fill(organisation, teams=2)
    client = client_for(personas.municipality)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("tandems:org_list"))
    assert response.status_code == 200
    assert len(re.findall(r'href="/organisations/org-[^/"]+/data/"', response.text)) == 12


def test_the_list_counts_experts_at_work_today_and_open_tandems(org_world, client_for):
    import datetime

    ExpertFactory(organisation=org_world.organisation, team=org_world.team, ended_on=datetime.date(2023, 12, 31))
    response = client_for(org_world.personas.orgrep).get(reverse("tandems:org_list"))
    row = response.text.split(org_world.organisation.name)[1].split("</tr>")[0]
    cells = [cell.split(">")[-1] for cell in row.split("</td>")[:-1]]
    assert cells == ["1", "1", "1", "1"]  # teams, experts at work (not the one who left), professionals, tandems


def test_the_export_holds_every_record_in_the_import_columns(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    response = client.get(reverse("tandems:org_export", args=[org_world.organisation.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["role"] for row in rows] == ["expert", "professional", "tandem"]
    assert rows[0]["reference"] == "ED-1"
    assert rows[0]["course"] == "Ervaringsdeskundigheid niveau 4"
    assert rows[0]["fte"] == "0.67"
    assert (rows[2]["expert"], rows[2]["professional"], rows[2]["status"]) == ("ED-1", "P-1", "active")
    assert "ED-9" not in response.content.decode()  # nothing of the other organisation
    entry = AuditLogEntry.objects.get(action="tandems.organisation.exported")
    assert entry.data == {"rows": 3}


def test_the_export_neutralises_spreadsheet_formulas(org_world, client_for):
    org_world.expert.initials = "=1+1"
    org_world.expert.save()
    response = client_for(org_world.personas.orgrep).get(
        reverse("tandems:org_export", args=[org_world.organisation.slug])
    )
    assert "'=1+1" in response.content.decode()


def test_the_menu_links_to_the_own_data_only_for_those_who_may_read_it(org_world, client_for):
    url = reverse("tandems:org_list")
    for persona in ("orgrep", "coordinator", "municipality"):
        page = client_for(getattr(org_world.personas, persona)).get(reverse("home"))
        assert f'href="{url}"' in page.text, persona
    for persona in ("member", "outsider"):
        page = client_for(getattr(org_world.personas, persona)).get(reverse("home"))
        assert f'href="{url}"' not in page.text, persona
