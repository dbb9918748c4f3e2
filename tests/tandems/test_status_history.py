"""A tandem's status history: a row per change with the day it took effect, and the monitor's
quarterly counts from it, right in retrospect."""

import datetime
import importlib

import pytest
import time_machine
from django.urls import reverse

from samenspel.monitor import indicators
from samenspel.tandems.models import Tandem, TandemStatusChange
from tests.factories.tandems import D

pytestmark = pytest.mark.django_db


def edit(client, w, **changes):
    url = reverse("tandems:tandem_edit", args=[w.organisation.slug, w.tandem.pk])
    data = {
        "expert": w.expert.pk,
        "professional": w.professional.pk,
        "team": w.team.pk,
        "started_on": w.tandem.started_on.isoformat(),
        "status": w.tandem.status,
        "ended_on": "",
        "coach": "",
    }
    return client.post(url, {**data, **changes})


def history(tandem) -> list[tuple[str, datetime.date]]:
    return list(TandemStatusChange.objects.filter(tandem=tandem).order_by("since", "id").values_list("status", "since"))


def counted(w, on: datetime.date) -> int:
    figures = next(r for r in indicators.compute(on=on).organisations if r.organisation == w.organisation).figures
    return figures["tandems_formed"]


def test_every_status_change_is_a_row_and_past_quarters_stay_right(org_world, client_for):
    w = org_world
    w.tandem.started_on, w.tandem.status = D(2024, 3, 1), Tandem.Status.ACTIVE
    w.tandem.save()
    client = client_for(w.personas.orgrep)
    with time_machine.travel(datetime.datetime(2025, 2, 10, 12, tzinfo=datetime.UTC)):
        assert edit(client, w, status="ended", ended_on="2025-01-31").status_code == 302
    w.tandem.refresh_from_db()
    with time_machine.travel(datetime.datetime(2025, 6, 2, 12, tzinfo=datetime.UTC)):
        assert edit(client, w, status="active").status_code == 302
    assert history(w.tandem) == [("active", D(2024, 3, 1)), ("ended", D(2025, 1, 31)), ("active", D(2025, 6, 2))]
    # The tandem ran in Q4 2024, had ended in Q1 2025 and ran again in Q2 2025; today it has no end date.
    assert [counted(w, day) for day in (D(2024, 12, 31), D(2025, 3, 31), D(2025, 6, 30))] == [1, 0, 1]
    page = client.get(reverse("tandems:tandem_edit", args=[w.organisation.slug, w.tandem.pk]))
    assert "Status history" in page.text or "Geschiedenis van de status" in page.text
    assert page.text.count("<time datetime=") >= 3


def test_saving_without_a_status_change_adds_no_row(org_world, client_for):
    w = org_world
    client = client_for(w.personas.orgrep)
    assert edit(client, w).status_code == 302
    assert edit(client, w).status_code == 302
    assert len(history(w.tandem)) == 1


def test_a_new_tandem_that_has_ended_gets_its_start_and_its_end(org_world, client_for):
    from tests.factories.tandems import ExpertFactory, ProfessionalFactory

    w = org_world
    expert = ExpertFactory(organisation=w.organisation, team=w.team, internal_reference="ED-7")
    professional = ProfessionalFactory(organisation=w.organisation, team=w.team, internal_reference="P-7")
    data = {
        "expert": expert.pk,
        "professional": professional.pk,
        "team": w.team.pk,
        "started_on": "2023-01-02",
        "status": "ended",
        "ended_on": "2023-12-31",
        "coach": "",
    }
    response = client_for(w.personas.orgrep).post(reverse("tandems:tandem_create", args=[w.organisation.slug]), data)
    assert response.status_code == 302
    tandem = Tandem.objects.get(expert=expert)
    assert history(tandem) == [("active", D(2023, 1, 2)), ("ended", D(2023, 12, 31))]
    assert counted(w, D(2023, 6, 30)) >= 1


def test_bad_input_adds_no_history(org_world, client_for):
    w = org_world
    client = client_for(w.personas.orgrep)
    before = history(w.tandem)
    for changes in [{"status": "gone"}, {"status": "ended"}, {"status": "ended", "ended_on": "morgen"}]:
        assert edit(client, w, **changes).status_code == 200  # the form again, with the error
    assert history(w.tandem) == before


def test_others_cannot_see_or_change_the_history(org_world, client_for):
    w = org_world
    url = reverse("tandems:tandem_edit", args=[w.organisation.slug, w.tandem.pk])
    assert client_for(w.other_rep).get(url).status_code in (403, 404)
    assert client_for(w.personas.member).get(url).status_code in (403, 404)
    assert client_for(w.other_rep).post(url, {"status": "ended"}).status_code in (403, 404)
    assert history(w.tandem) == []


def test_the_migration_backfills_one_row_per_tandem_and_the_end_of_an_ended_one(org_world):
    from django.apps import apps

    w = org_world
    ended = w.other_tandem
    ended.status, ended.ended_on = Tandem.Status.ENDED, D(2025, 5, 1)
    ended.save()
    migration = importlib.import_module("samenspel.tandems.migrations.0004_tandem_status_history")
    migration.backfill(apps, None)
    assert history(w.tandem) == [(w.tandem.status, w.tandem.started_on)]
    assert history(ended) == [("active", ended.started_on), ("ended", D(2025, 5, 1))]
