"""Fixtures of the opportunities tests (factories in tests/factories/opportunities.py)."""

import pytest

from samenspel.opportunities.models import Opportunity
from tests.factories.opportunities import AreaFactory, OpportunityFactory


@pytest.fixture
def area(db):
    return AreaFactory(name_nl="Zuidoost", name_en="South-East")


@pytest.fixture
def opportunity(personas) -> Opportunity:
    """A paid job for members only, for the personas' circle, posted by its kartrekker; open for two more weeks."""
    return OpportunityFactory(
        kind=Opportunity.Kind.PAID_JOB,
        pay=Opportunity.Pay.HOURLY,
        hourly_rate=25,
        title="Ervaringsdeskundige buurtteam Zuidoost",
        offered_by="Buurtteam Zuidoost",
        circle=personas.circle,
        created_by=personas.kartrekker,
        audience=Opportunity.Audience.MEMBERS,
    )
