"""Download my data holds a member's opt-ins, responses and realised work; deleting the account
removes the opt-ins and responses and keeps the realised work in the figures, without the member."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from samenspel.members.models import Member
from samenspel.opportunities.models import MatchingOptIn, RealisedWork, Response
from tests.factories.members import MemberFactory
from tests.factories.opportunities import OpportunityFactory, RealisedWorkFactory, ResponseFactory

PASSWORD = "a-long-test-password"  # every factory member's


@pytest.fixture
def worker(personas):
    """A member who opted in, responded twice (chosen once) and did paid work."""
    person = MemberFactory(name="Wendy Werker", email="wendy@example.org")
    MatchingOptIn.objects.create(member=person, text_version=1, text="Ik wil uitnodigingen.", kinds=3, days=5)
    job = OpportunityFactory(title="Betaalde klus Zuidoost")
    ResponseFactory(opportunity=job, member=person, note="Ik kan dit.", phone="0612345678", share_phone=True)
    Response.objects.filter(member=person).update(status=Response.Status.CHOSEN)
    ResponseFactory(opportunity=OpportunityFactory(title="Onderzoek"), member=person, note="Graag.")
    RealisedWorkFactory(opportunity=job, member=person, hours=12, fee=300, recorded_by=personas.kartrekker)
    return person


def test_download_my_data_holds_opt_ins_responses_and_realised_work(client_for, worker):
    data = json.loads(client_for(worker).get(reverse("members:my_data")).content)
    opt_in = data["opportunity_invitation_choices"]
    assert len(opt_in) == 1 and opt_in[0]["text"] == "Ik wil uitnodigingen." and opt_in[0]["kinds"] == 3
    responses = {row["opportunity__title"]: row for row in data["opportunity_responses"]}
    assert set(responses) == {"Betaalde klus Zuidoost", "Onderzoek"}
    assert responses["Betaalde klus Zuidoost"]["note"] == "Ik kan dit."
    assert responses["Betaalde klus Zuidoost"]["phone"] == "0612345678"
    assert responses["Betaalde klus Zuidoost"]["status"] == "chosen"
    realised = data["paid_work_realised"]
    assert len(realised) == 1
    assert realised[0]["opportunity__title"] == "Betaalde klus Zuidoost"
    assert Decimal(realised[0]["hours"]) == 12 and Decimal(realised[0]["fee"]) == 300


def test_the_download_holds_no_one_elses_responses(client_for, worker):
    ResponseFactory(note="Van iemand anders")
    body = client_for(worker).get(reverse("members:my_data")).content.decode()
    assert "Van iemand anders" not in body


def test_deleting_removes_opt_ins_and_responses_and_detaches_realised_work(client_for, worker):
    pk = worker.pk
    response = client_for(worker).post(reverse("members:delete_account"), {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    assert not Member.objects.filter(pk=pk).exists()
    assert not MatchingOptIn.objects.filter(member_id=pk).exists() and not MatchingOptIn.objects.exists()
    assert not Response.objects.exists()
    row = RealisedWork.objects.get()  # the figures stay
    assert row.member is None
    assert (row.hours, row.fee, row.by_expert) == (Decimal("12"), Decimal("300"), True)
    assert "0612345678" not in json.dumps(list(RealisedWork.objects.values()), default=str)


def test_the_delete_page_says_realised_paid_work_stays_without_the_name(client_for, personas):
    html = client_for(personas.member).get(reverse("members:delete_account"), HTTP_ACCEPT_LANGUAGE="en").content
    assert "Paid work you did through an opportunity stays in the figures without your name" in html.decode()
    assert "your responses to opportunities" in html.decode()
