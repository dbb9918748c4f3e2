"""The trajectory's demo: on top of the demo network and its tandems, idempotent, telling the story."""

import pytest
from django.utils import timezone

from samenspel.demo import base as demo
from samenspel.demo.sections.trajectory import SLUG, load_trajectory_demo
from samenspel.organisations.models import Team
from samenspel.tandems.models import (
    Enrolment,
    ModuleProgress,
    Reflection,
    SessionAttendance,
    Tandem,
    TrajectorySession,
)
from tests.factories.tandems import CoachedTandemFactory

pytestmark = pytest.mark.django_db


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (TrajectorySession, Enrolment, SessionAttendance, ModuleProgress, Reflection)
    }


def test_the_trajectory_demo_loads_once_and_tells_the_story():
    ctx = demo.load_demo()  # the demo network (and the tandems demo, when it calls us)
    if not Tandem.objects.exists():  # the organisations' demo is not there: make a few tandems
        for team in Team.objects.filter(organisation__in=ctx.organisations.values())[:5]:
            CoachedTandemFactory(organisation=team.organisation, team=team)
    trajectory = load_trajectory_demo(ctx)
    first = counts()
    assert trajectory.slug == SLUG
    assert trajectory.modules.count() == 4
    assert first["TrajectorySession"] == 8  # a round that took place and a planned round
    assert first["Enrolment"] >= 3
    assert first["SessionAttendance"] > 0 and first["ModuleProgress"] > 0
    completed = Enrolment.objects.filter(completed_on__isnull=False)
    assert completed.exists()
    assert all(e.completed_on >= e.enrolled_on for e in completed)
    assert not ModuleProgress.objects.filter(completed_on__gt=timezone.localdate()).exists()
    ctx.created = ctx.changed = 0
    load_trajectory_demo(ctx)
    assert counts() == first
    assert (ctx.created, ctx.changed) == (0, 0)
