"""The monitor demo: four closed quarters of 2024 that tell a story, then every quarter up to the last
completed one (relative to today), loaded once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samenspel.monitor import selectors
from samenspel.monitor.models import Correction, LevelAssessment, Period, Snapshot

pytestmark = pytest.mark.django_db


def rows() -> tuple:
    return (
        sorted(Period.objects.values_list("pk", "year", "quarter", "closed_at")),
        sorted(Snapshot.objects.values_list("pk", "period_id", "organisation_id", "data")),
        sorted(LevelAssessment.objects.values_list("pk", "step", "explanation", "updated_at")),
        sorted(Correction.objects.values_list("pk", "new_value")),
    )


def test_the_demo_closes_four_quarters_with_a_plausible_story_and_a_second_run_changes_nothing(client):
    call_command("seed_demo", stdout=StringIO())
    closed = selectors.closed_periods()
    quarters = [(p.period.year, p.period.quarter) for p in closed]
    assert quarters[:4] == [(2024, 1), (2024, 2), (2024, 3), (2024, 4)]
    today = timezone.localdate()
    last_completed = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    assert quarters[-1] == last_completed  # on 6 December 2026: Q3 2026
    assert not selectors.skipped_labels([p.period for p in closed])
    assert {row.slug for row in closed[-1].organisations} == {
        "buurtteams-noord-west",
        "samen-in-de-buurt-zuid",
        "buurtwerk-oost",
    }
    first, last = closed[0].city, closed[-1].city
    assert last["experts_employed"] >= 5
    assert closed[3].city["experts_trained"] > first["experts_trained"]  # the trainings of 2024 show
    assert last["tandems_formed"] >= 5
    assert last["tandems_in_trajectory"] + last["tandems_through_trajectory"] > 0
    assert last["level_board"] > first["level_board"]
    assert Correction.objects.filter(indicator="level_professionals").count() == 1
    before = rows()
    call_command("seed_demo", stdout=StringIO())
    assert rows() == before
    page = client.get(reverse("monitor:dashboard")).content.decode()
    assert len(re.findall("<svg", page)) == 4
