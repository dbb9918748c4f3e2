"""Escalation: a representative changes what they may change (a coach, a partner, a member link)
and must still not reach what they may not: a tandem's private reflections, marking modules done,
the reflection form, and private text on any page or export.

Issue 10, defect 2: as orgrep, editing a tandem with coach=<own id>, or an expert with
member=<own id>, used to open the tandem's private reflections to the representative.
"""

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.tandems.models import CoachRole, MemberLinkRequest, ModuleProgress, Reflection, Tandem
from tests.factories.members import MemberFactory
from tests.factories.tandems import ProfessionalFactory

pytestmark = pytest.mark.django_db

SECRET = "Mijn schulden van vroeger kwamen terug in dit gesprek."


@pytest.fixture
def world(tot):
    """The example tandem (enrolled, with a coach who has the role) and a private reflection of its expert."""
    Reflection.objects.create(
        enrolment=tot.enrolment, module=tot.modules[0], partner="expert", author=tot.expert, text=SECRET
    )
    return tot


def tandem_data(tandem, **overrides) -> dict:
    data = {
        "expert": tandem.expert_id,
        "professional": tandem.professional_id,
        "team": tandem.team_id,
        "started_on": tandem.started_on.isoformat(),
        "status": tandem.status,
        "ended_on": "",
        "coach": tandem.coach_id or "",
    }
    return {**data, **overrides}


def edit_tandem(client, tot, **overrides):
    url = reverse("tandems:tandem_edit", args=[tot.personas.organisation.slug, tot.tandem.pk])
    return client.post(url, tandem_data(tot.tandem, **overrides))


def person_data(record, **overrides) -> dict:
    data = {
        "team": record.team_id,
        "member": record.member_id or "",
        "initials": record.initials,
        "internal_reference": record.internal_reference,
    }
    return {**data, **overrides}


def edit_professional(client, tot, **overrides):
    record = tot.tandem.professional
    url = reverse("tandems:professional_edit", args=[tot.personas.organisation.slug, record.pk])
    return client.post(url, person_data(record, **overrides))


def edit_expert(client, tot, **overrides):
    record = tot.tandem.expert
    url = reverse("tandems:expert_edit", args=[tot.personas.organisation.slug, record.pk])
    data = person_data(record, hours_per_week="24", fte="", started_on="2023-01-01", ended_on="")
    return client.post(url, {**data, **overrides})


def assert_no_private_access(client, tot, *, refused: int = 403) -> None:
    """By every route: pages, the reflection form, marking done, the CSV export and the data download.

    refused: 403 for a representative of the tandem's organisation (they see the enrolment, the
    reflections are private), 404 for someone who does not see the enrolment at all.
    """
    enrolment, module = tot.enrolment, tot.modules[0]
    pages = [
        reverse("tandems:enrolment_detail", args=[enrolment.pk]),
        reverse("tandems:trajectory_detail", args=[tot.trajectory.slug]),
        reverse("tandems:trajectory_list"),
        reverse("tandems:org_detail", args=[tot.personas.organisation.slug]),
        reverse("tandems:org_export", args=[tot.personas.organisation.slug]),
        reverse("members:my_data"),
    ]
    for url in pages:
        response = client.get(url)
        assert SECRET not in response.content.decode(), url
    assert client.get(reverse("tandems:reflection_edit", args=[enrolment.pk, module.pk])).status_code == refused
    done = client.post(reverse("tandems:module_done", args=[enrolment.pk, module.pk]), {"completed_on": "2024-06-01"})
    assert done.status_code == refused
    assert not ModuleProgress.objects.filter(enrolment=enrolment).exists()


# --- the coach -----------------------------------------------------------------------------------


def test_a_representative_cannot_make_themselves_coach(world, client_for):
    orgrep = world.personas.orgrep
    client = client_for(orgrep)
    response = edit_tandem(client, world, coach=orgrep.pk)
    assert response.status_code == 200
    assert "Choose a coach from the list." in response.text
    world.tandem.refresh_from_db()
    assert world.tandem.coach == world.coach
    assert_no_private_access(client, world)


def test_a_representative_with_the_coach_role_still_cannot_choose_themselves(world, client_for):
    orgrep = world.personas.orgrep
    CoachRole.objects.create(member=orgrep, granted_by=world.personas.coordinator)
    client = client_for(orgrep)
    form = client.get(reverse("tandems:tandem_edit", args=[world.personas.organisation.slug, world.tandem.pk]))
    assert f'value="{orgrep.pk}"' not in form.text.split('name="coach"')[1].split("</select>")[0]
    assert "Choose a coach from the list." in edit_tandem(client, world, coach=orgrep.pk).text
    world.tandem.refresh_from_db()
    assert world.tandem.coach == world.coach
    assert_no_private_access(client, world)


@pytest.mark.parametrize("who", ["outsider", "member", "pending"])
def test_only_a_member_with_the_coach_role_can_be_coach(world, client_for, who):
    candidate = getattr(world.personas, who)
    client = client_for(world.personas.orgrep)
    response = edit_tandem(client, world, coach=candidate.pk)
    assert response.status_code == 200
    assert "Only members with the coach role can coach a tandem" in response.text
    world.tandem.refresh_from_db()
    assert world.tandem.coach == world.coach


@pytest.mark.parametrize("value", ["999999", "abc", "<script>x</script>", "1" * 30])
def test_a_foreign_or_broken_coach_id_gets_a_clear_message(world, client_for, value):
    response = edit_tandem(client_for(world.personas.orgrep), world, coach=value)
    assert response.status_code == 200
    assert "Choose a coach from the list." in response.text
    world.tandem.refresh_from_db()
    assert world.tandem.coach == world.coach


def test_a_coach_without_the_coach_role_reads_nothing(world, client_for):
    """A coach set before the role existed (or by the old attack) has no access until coordinators give the role."""
    orgrep = world.personas.orgrep
    Tandem.objects.filter(pk=world.tandem.pk).update(coach=orgrep)
    client = client_for(orgrep)
    assert_no_private_access(client, world)
    stranger = world.personas.outsider
    Tandem.objects.filter(pk=world.tandem.pk).update(coach=stranger)
    client = client_for(stranger)
    assert client.get(reverse("tandems:enrolment_detail", args=[world.enrolment.pk])).status_code == 404
    assert client.get(reverse("tandems:certificate", args=[world.enrolment.pk])).status_code == 404
    assert_no_private_access(client, world, refused=404)


def test_a_coach_change_is_audited_and_emailed_to_both_partners(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    new_coach = MemberFactory(name="Dirk Duo")
    CoachRole.objects.create(member=new_coach)
    world.expert.preferred_language = "en"
    world.expert.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_tandem(client_for(world.personas.orgrep), world, coach=new_coach.pk)
    assert response.status_code == 302
    world.tandem.refresh_from_db()
    assert world.tandem.coach == new_coach
    entry = AuditLogEntry.objects.get(action="tandems.tandem.coach_changed")
    assert entry.data == {"role": "coach", "old": world.coach.pk, "new": new_coach.pk}
    assert entry.actor == world.personas.orgrep
    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {world.expert.email, world.professional.email}
    assert mails[world.expert.email].subject == "Your tandem has changed"
    assert "The coach is now: Dirk Duo." in mails[world.expert.email].body
    assert mails[world.professional.email].subject == "Je tandem is veranderd"
    assert "De coach is nu: Dirk Duo." in mails[world.professional.email].body
    assert SECRET not in mails[world.expert.email].body


# --- a partner -------------------------------------------------------------------------------------


def test_a_representative_cannot_swap_a_partner_to_themselves(world, client_for):
    orgrep = world.personas.orgrep
    own_record = ProfessionalFactory(organisation=world.personas.organisation, team=world.tandem.team, member=orgrep)
    client = client_for(orgrep)
    response = edit_tandem(client, world, professional=own_record.pk)
    assert response.status_code == 200
    assert "You cannot put yourself in a tandem." in response.text
    world.tandem.refresh_from_db()
    assert world.tandem.professional.member == world.professional
    assert_no_private_access(client, world)


def test_a_partner_change_is_audited_and_emailed_to_old_and_new_partners(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    newcomer = MemberFactory(name="Nina Nieuw")
    record = ProfessionalFactory(organisation=world.personas.organisation, team=world.tandem.team, member=newcomer)
    old_professional = world.tandem.professional_id
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_tandem(client_for(world.personas.coordinator), world, professional=record.pk)
    assert response.status_code == 302
    entry = AuditLogEntry.objects.get(action="tandems.tandem.partner_changed")
    assert entry.data == {"role": "professional", "old": old_professional, "new": record.pk}
    recipients = sorted(mail.to[0] for mail in mailoutbox)
    assert recipients == sorted([world.expert.email, newcomer.email, world.professional.email])
    former = next(mail for mail in mailoutbox if mail.to == [world.professional.email])
    assert "Je bent geen partner meer in deze tandem." in former.body


# --- the member link ------------------------------------------------------------------------------


def test_a_representative_cannot_link_a_record_to_their_own_account(world, client_for):
    orgrep = world.personas.orgrep
    client = client_for(orgrep)
    form = client.get(reverse("tandems:expert_edit", args=[world.personas.organisation.slug, world.tandem.expert_id]))
    assert "Olga Orgrep" not in form.text
    response = edit_expert(client, world, member=orgrep.pk)
    assert response.status_code == 200
    assert "Choose a member from the list." in response.text
    world.tandem.expert.refresh_from_db()
    assert world.tandem.expert.member == world.expert
    assert not MemberLinkRequest.objects.exists()
    response = client.post(
        reverse("tandems:professional_create", args=[world.personas.organisation.slug]),
        {"team": world.tandem.team_id, "member": orgrep.pk, "initials": "O.O.", "internal_reference": "P-OWN"},
    )
    assert "Choose a member from the list." in response.text
    assert not world.tandem.professional.__class__.objects.filter(member=orgrep).exists()
    assert_no_private_access(client, world)


def test_linking_a_member_only_asks_them_and_only_they_can_answer(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    org = world.personas.organisation
    colleague = MemberFactory(name="Cor Collega", organisation=org)
    orgrep = world.personas.orgrep
    client = client_for(orgrep)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_professional(client, world, member=colleague.pk)
    assert response.status_code == 302
    record = world.tandem.professional
    record.refresh_from_db()
    assert record.member is None  # the old link ended, the new one waits for the colleague
    request = MemberLinkRequest.objects.get()
    assert (request.member, request.requested_by, request.status) == (colleague, orgrep, "pending")
    link_url = reverse("tandems:link_request", args=[request.pk])
    asked = next(mail for mail in mailoutbox if mail.to == [colleague.email])
    assert link_url in asked.body
    assert {"tandems.member_link.removed", "tandems.member_link.requested"} <= set(
        AuditLogEntry.objects.values_list("action", flat=True)
    )
    # Until the colleague accepts, their account reaches nothing.
    assert client_for(colleague).get(reverse("tandems:enrolment_detail", args=[world.enrolment.pk])).status_code == 404
    # Nobody else can see or answer the request: not who asked, not a coordinator, not another member.
    for other in (orgrep, world.personas.coordinator, world.personas.outsider, world.professional):
        other_client = client_for(other)
        assert other_client.get(link_url).status_code == 404
        assert other_client.post(link_url, {"decision": "accept"}).status_code == 404
    assert client_for(None).get(link_url).status_code == 302  # the link alone grants nothing: log in first
    request.refresh_from_db()
    record.refresh_from_db()
    assert (request.status, record.member) == ("pending", None)
    assert_no_private_access(client_for(orgrep), world)
    # The colleague, logged in, accepts.
    colleague_client = client_for(colleague)
    assert "Is this you?" in colleague_client.get(link_url).text
    response = colleague_client.post(link_url, {"decision": "accept"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.member == colleague
    assert AuditLogEntry.objects.filter(action="tandems.member_link.accepted", actor=colleague).exists()
    assert colleague_client.get(reverse("tandems:enrolment_detail", args=[world.enrolment.pk])).status_code == 200
    # Answered once: a second answer changes nothing.
    colleague_client.post(link_url, {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == "accepted"


def test_the_member_can_decline_and_nothing_is_linked(world, client_for):
    colleague = MemberFactory(name="Cor Collega", organisation=world.personas.organisation)
    edit_professional(client_for(world.personas.orgrep), world, member=colleague.pk)
    request = MemberLinkRequest.objects.get()
    link_url = reverse("tandems:link_request", args=[request.pk])
    client = client_for(colleague)
    for bad in ("", "maybe", "<script>"):
        response = client.post(link_url, {"decision": bad})
        assert response.status_code == 200
        assert "Choose yes or no." in response.text
    assert client.post(link_url, {"decision": "decline"}).status_code == 302
    request.refresh_from_db()
    world.tandem.professional.refresh_from_db()
    assert (request.status, world.tandem.professional.member) == ("declined", None)
    assert AuditLogEntry.objects.filter(action="tandems.member_link.declined", actor=colleague).exists()
    assert client.get(reverse("tandems:enrolment_detail", args=[world.enrolment.pk])).status_code == 404


def test_an_unknown_link_request_answers_404(world, client_for):
    client = client_for(world.personas.member)
    assert client.get(reverse("tandems:link_request", args=[999999])).status_code == 404


# --- the coach role: coordinators give and take it ----------------------------------------------


def test_coordinators_give_and_take_the_coach_role(world, client_for, mailoutbox, django_capture_on_commit_callbacks):
    coordinator, candidate = world.personas.coordinator, world.personas.member
    client = client_for(coordinator)
    url = reverse("tandems:coach_list")
    assert client.get(url).status_code == 200
    assert client.post(url, {"member": candidate.pk}).status_code == 302
    role = CoachRole.objects.get(member=candidate)
    assert role.granted_by == coordinator
    assert AuditLogEntry.objects.filter(action="tandems.coach_role.granted", actor=coordinator).exists()
    # The new coach is offered in the tandem form now.
    form = client_for(world.personas.orgrep).get(
        reverse("tandems:tandem_edit", args=[world.personas.organisation.slug, world.tandem.pk])
    )
    assert "Mila Member" in form.text
    # Taking the role from the tandem's coach takes them off the tandem; the partners are told.
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tandems:coach_remove", args=[world.coach.tandem_coach_role.pk]))
    assert response.status_code == 302
    assert not CoachRole.objects.filter(member=world.coach).exists()
    world.tandem.refresh_from_db()
    assert world.tandem.coach is None
    assert AuditLogEntry.objects.filter(action="tandems.coach_role.revoked", actor=coordinator).exists()
    assert AuditLogEntry.objects.filter(action="tandems.tandem.coach_changed", actor=coordinator).exists()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([world.expert.email, world.professional.email])
    coach_client = client_for(world.coach)
    assert coach_client.get(reverse("tandems:enrolment_detail", args=[world.enrolment.pk])).status_code == 404


def test_a_coordinator_cannot_make_themselves_coach(world, client_for):
    coordinator = world.personas.coordinator
    response = client_for(coordinator).post(reverse("tandems:coach_list"), {"member": coordinator.pk})
    assert response.status_code == 200
    assert "You cannot make yourself a coach." in response.text
    assert not CoachRole.objects.filter(member=coordinator).exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Choose a member."),
        ("999999", "Choose a member from the list."),
        ("abc", "Choose a member from the list."),
        ("<script>x</script>", "Choose a member from the list."),
        ("pending", "Choose a member from the list."),
        ("coach", "Choose a member from the list."),  # a coach already
    ],
)
def test_bad_coach_role_input_gets_a_clear_message(world, client_for, value, message):
    if value == "pending":
        value = world.personas.pending.pk
    elif value == "coach":
        value = world.coach.pk
    before = CoachRole.objects.count()
    response = client_for(world.personas.coordinator).post(reverse("tandems:coach_list"), {"member": value})
    assert response.status_code == 200
    assert message in response.text
    assert CoachRole.objects.count() == before


@pytest.mark.parametrize("who", ["orgrep", "member", "kartrekker", "municipality", "pending"])
def test_only_coordinators_give_or_take_the_coach_role(world, client_for, who):
    person = getattr(world.personas, who)
    client = client_for(person)
    assert client.post(reverse("tandems:coach_list"), {"member": person.pk}).status_code == 403
    assert client.post(reverse("tandems:coach_remove", args=[world.coach.tandem_coach_role.pk])).status_code == 403
    assert not CoachRole.objects.filter(member=person).exists()
    assert CoachRole.objects.filter(member=world.coach).exists()


def test_the_coaches_page_keeps_its_queries_with_many_coaches(world, client_for, django_assert_max_num_queries):
    for number in range(25):
        CoachRole.objects.create(member=MemberFactory(name=f"Coach {number}"), granted_by=world.personas.coordinator)
    client = client_for(world.personas.coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("tandems:coach_list"))
    assert response.status_code == 200
    assert "Coach 24" in response.text
