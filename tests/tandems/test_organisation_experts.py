"""Representatives record the experts by experience their organisation employs, and their training."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.tandems.models import EmployedExpert, MemberLinkRequest, Training
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def expert_data(w, **overrides):
    data = {
        "team": w.team.pk,
        "member": "",
        "initials": "S.T.",
        "internal_reference": "ED-77",
        "hours_per_week": "18",
        "fte": "",
        "started_on": "2024-02-01",
        "ended_on": "",
    }
    return {**data, **overrides}


def add(client, w, **overrides):
    return client.post(reverse("tandems:expert_create", args=[w.organisation.slug]), expert_data(w, **overrides))


def test_a_representative_adds_an_expert_who_is_not_a_member(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    response = add(client, org_world)
    expert = EmployedExpert.objects.get(internal_reference="ED-77")
    assert response.status_code == 302
    assert response["Location"] == reverse("tandems:expert_detail", args=[org_world.organisation.slug, expert.pk])
    assert (expert.organisation, expert.team, expert.hours_per_week) == (org_world.organisation, org_world.team, 18)
    assert expert.fte == Decimal("0.50")
    entry = AuditLogEntry.objects.get(action="tandems.expert.created")
    assert entry.actor == org_world.personas.orgrep
    assert "S.T." not in str(entry.data)  # no personal data in the log


def test_fte_is_turned_into_hours(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    add(client, org_world, hours_per_week="", fte="0.75")
    assert EmployedExpert.objects.get(internal_reference="ED-77").hours_per_week == Decimal("27.0")


def accept_link(client, member):
    """`member` logs in and says yes to the request waiting for them."""
    request = MemberLinkRequest.objects.get(member=member, status="pending")
    client.force_login(member)
    assert client.post(reverse("tandems:link_request", args=[request.pk]), {"decision": "accept"}).status_code == 302


def test_a_member_of_the_organisation_is_linked_once_they_accept(org_world, client_for):
    colleague = MemberFactory(name="Dewi Hartono", organisation=org_world.organisation)
    client = client_for(org_world.personas.orgrep)
    response = add(client, org_world, member=colleague.pk, initials="", internal_reference="")
    assert response.status_code == 302
    expert = EmployedExpert.objects.get(internal_reference="", organisation=org_world.organisation)
    assert (expert.member, expert.initials) == (None, "D.H.")  # asked, not linked
    page = client.get(reverse("tandems:expert_detail", args=[org_world.organisation.slug, expert.pk]))
    assert "Dewi Hartono has been asked to confirm" in page.text
    accept_link(client, colleague)
    expert.refresh_from_db()
    assert expert.member == colleague
    page = client_for(org_world.personas.orgrep).get(
        reverse("tandems:expert_detail", args=[org_world.organisation.slug, expert.pk])
    )
    assert "Dewi Hartono" in page.text


def test_a_member_of_another_organisation_cannot_be_linked(org_world, client_for):
    stranger = MemberFactory(name="Somebody Else", organisation=org_world.other)
    client = client_for(org_world.personas.orgrep)
    response = add(client, org_world, member=stranger.pk)
    assert response.status_code == 200
    assert "Choose a member from the list." in response.text
    assert not EmployedExpert.objects.filter(member=stranger).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"initials": "", "member": ""}, "Choose a platform member, or fill in the initials"),
        ({"team": ""}, "Choose a team."),
        ({"team": "not-a-number"}, "Choose a team of this organisation."),
        ({"hours_per_week": "", "fte": ""}, "Fill in the hours per week, or the FTE."),
        ({"hours_per_week": "60"}, "This is not possible"),
        ({"hours_per_week": "0"}, "This is not possible"),
        ({"hours_per_week": "-4"}, "This is not possible"),
        ({"hours_per_week": "lots"}, "Fill in a number"),
        ({"hours_per_week": "", "fte": "1.5"}, "This is not possible"),
        ({"started_on": ""}, "Fill in a date."),
        ({"started_on": "31/31/2024"}, "Fill in a date, like"),
        ({"ended_on": "2024-01-01"}, "The end date is before the start date."),
        ({"initials": "A" * 11}, "This is too long"),
        ({"internal_reference": "R" * 51}, "This is too long"),
        ({"internal_reference": "ED-1"}, "is already used in this organisation"),
        ({"internal_reference": "ed-1"}, "is already used in this organisation"),
    ],
)
def test_bad_input_gives_a_clear_message_and_saves_nothing(org_world, client_for, overrides, message):
    client = client_for(org_world.personas.orgrep)
    before = EmployedExpert.objects.count()
    response = add(client, org_world, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert EmployedExpert.objects.count() == before


def test_a_team_of_another_organisation_is_refused(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    response = add(client, org_world, team=org_world.other_team.pk)
    assert response.status_code == 200
    assert "Choose a team of this organisation." in response.text
    assert not EmployedExpert.objects.filter(internal_reference="ED-77").exists()


def test_the_same_member_twice_in_one_organisation_is_refused(org_world, client_for):
    colleague = MemberFactory(organisation=org_world.organisation)
    client = client_for(org_world.personas.orgrep)
    add(client, org_world, member=colleague.pk, internal_reference="")
    response = add(client, org_world, member=colleague.pk, internal_reference="")
    assert response.status_code == 200
    assert "This member has already been asked to confirm another record in this organisation." in response.text
    accept_link(client, colleague)
    client = client_for(org_world.personas.orgrep)
    response = add(client, org_world, member=colleague.pk, internal_reference="")
    assert response.status_code == 200
    assert "This member is already recorded in this organisation." in response.text
    assert EmployedExpert.objects.filter(member=colleague).count() == 1
    assert MemberLinkRequest.objects.filter(member=colleague).count() == 1


def test_html_is_shown_as_text(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    add(client, org_world, initials="<b>x</b>", internal_reference=XSS[:50])
    expert = EmployedExpert.objects.get(initials="<b>x</b>")
    page = client.get(reverse("tandems:org_detail", args=[org_world.organisation.slug]))
    assert "<b>x</b>" not in page.text
    assert "&lt;b&gt;x&lt;/b&gt;" in page.text
    assert "<script>alert" not in page.text
    assert expert.internal_reference == XSS[:50]


def test_ending_the_employment(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:expert_edit", args=[org_world.organisation.slug, org_world.expert.pk])
    data = expert_data(org_world, initials="M.A.", internal_reference="ED-1", ended_on="2025-06-30")
    data["started_on"] = "2023-01-01"
    response = client.post(url, data)
    assert response.status_code == 302
    org_world.expert.refresh_from_db()
    assert org_world.expert.ended_on == datetime.date(2025, 6, 30)
    assert AuditLogEntry.objects.get(action="tandems.expert.updated").data["fields"] == ["ended_on", "hours_per_week"]


def test_an_expert_in_a_tandem_is_not_removed(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    url = reverse("tandems:expert_delete", args=[org_world.organisation.slug, org_world.expert.pk])
    response = client.post(url, follow=True)
    assert "This person is in a tandem." in response.text
    assert EmployedExpert.objects.filter(pk=org_world.expert.pk).exists()


def test_an_expert_added_by_mistake_is_removed_with_their_training(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    add(client, org_world)
    expert = EmployedExpert.objects.get(internal_reference="ED-77")
    Training.objects.create(expert=expert, course="Basis", started_on=datetime.date(2024, 3, 1))
    response = client.post(reverse("tandems:expert_delete", args=[org_world.organisation.slug, expert.pk]))
    assert response.status_code == 302
    assert not EmployedExpert.objects.filter(pk=expert.pk).exists()
    assert not Training.objects.filter(expert_id=expert.pk).exists()


# --- Training -------------------------------------------------------------------------------


def training_url(w, training=None):
    slug = w.organisation.slug
    if training is None:
        return reverse("tandems:training_create", args=[slug, w.expert.pk])
    return reverse("tandems:training_edit", args=[slug, w.expert.pk, training.pk])


def test_a_representative_records_a_training_and_its_completion(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    data = {
        "course": "Ervaringsdeskundige niveau 4",
        "started_on": "2023-09-01",
        "completed_on": "",
        "certificate_on": "",
    }
    assert client.post(training_url(org_world), data).status_code == 302
    training = Training.objects.get(course="Ervaringsdeskundige niveau 4")
    data.update(completed_on="2024-06-28", certificate_on="2024-07-05")
    assert client.post(training_url(org_world, training), data).status_code == 302
    training.refresh_from_db()
    assert training.certificate_on == datetime.date(2024, 7, 5)
    page = client.get(reverse("tandems:expert_detail", args=[org_world.organisation.slug, org_world.expert.pk]))
    assert "Ervaringsdeskundige niveau 4" in page.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"course": ""}, "Fill in the name of the course."),
        ({"course": "   "}, "Fill in the name of the course."),
        ({"course": "x" * 201}, "This is too long"),
        ({"started_on": "yesterday"}, "Fill in a date, like"),
        ({"completed_on": "2023-01-01"}, "The end date is before the start date."),
        ({"completed_on": "", "certificate_on": "2024-07-05"}, "Fill in when the course was completed."),
        ({"certificate_on": "2022-01-01"}, "The certificate date is before the start of the course."),
    ],
)
def test_bad_training_input_is_refused(org_world, client_for, overrides, message):
    client = client_for(org_world.personas.orgrep)
    data = {"course": "Basis", "started_on": "2023-09-01", "completed_on": "2024-06-28", "certificate_on": ""}
    before = Training.objects.count()
    response = client.post(training_url(org_world), {**data, **overrides})
    assert response.status_code == 200
    assert message in response.text
    assert Training.objects.count() == before


def test_a_training_of_another_expert_is_404_under_this_expert(org_world, client_for):
    other_training = Training.objects.create(
        expert=org_world.other_expert, course="Andere", started_on=datetime.date(2023, 1, 1)
    )
    client = client_for(org_world.personas.coordinator)
    assert client.get(training_url(org_world, other_training)).status_code == 404
    url = reverse("tandems:training_delete", args=[org_world.organisation.slug, org_world.expert.pk, other_training.pk])
    assert client.post(url).status_code == 404
    assert Training.objects.filter(pk=other_training.pk).exists()


def test_removing_a_training(org_world, client_for):
    client = client_for(org_world.personas.orgrep)
    url = reverse(
        "tandems:training_delete", args=[org_world.organisation.slug, org_world.expert.pk, org_world.training.pk]
    )
    assert client.post(url).status_code == 302
    assert not Training.objects.filter(pk=org_world.training.pk).exists()
    assert AuditLogEntry.objects.filter(action="tandems.training.deleted").exists()


def test_short_months_are_lower_case_in_dutch(org_world, client_for):
    from tests.factories.tandems import ExpertFactory, TrainingFactory

    expert = ExpertFactory(
        organisation=org_world.organisation, team=org_world.team, started_on=datetime.date(2023, 10, 2)
    )
    TrainingFactory(expert=expert, started_on=datetime.date(2023, 3, 1), completed_on=datetime.date(2023, 10, 5))
    url = reverse("tandems:expert_detail", args=[org_world.organisation.slug, expert.pk])
    client = client_for(org_world.personas.orgrep)
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "1 mrt 2023" in dutch and "5 okt 2023" in dutch
    assert "Okt" not in dutch and "Mrt" not in dutch
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 Mar 2023" in english
