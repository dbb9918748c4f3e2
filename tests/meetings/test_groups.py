"""Breakout groups: who may manage them, assignment by hand and automatic, and the note-taker's outcomes."""

from collections import Counter
from types import SimpleNamespace

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import BreakoutGroup, ParticipantRole, Registration, Visibility
from samenspel.meetings.services import afterwards
from tests.factories.meetings import MeetingFactory

from .helpers_afterwards import add_group, add_participants, new_member, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]

ORGANISER_ONLY = {
    "pending": 404,
    "member": 403,
    "outsider": 403,
    "kartrekker": 200,
    "coordinator": 200,
    "orgrep": 403,
    "municipality": 403,
}


# --- balanced assignment: a pure function ---------------------------------------------------


def people(roles: list[str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=index + 1, role=role) for index, role in enumerate(roles)]


def groups_with_ids(*ids: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(id=group_id) for group_id in ids]


def check_balanced(registrations, groups, assignment):
    assert set(assignment) == {r.id for r in registrations}
    assert set(assignment.values()) <= {g.id for g in groups}
    sizes = Counter(assignment.values())
    counts = [sizes.get(g.id, 0) for g in groups]
    assert max(counts) - min(counts) <= 1
    for role in {r.role for r in registrations}:
        per_group = Counter(assignment[r.id] for r in registrations if r.role == role)
        role_counts = [per_group.get(g.id, 0) for g in groups]
        assert max(role_counts) - min(role_counts) <= 1, role


@pytest.mark.parametrize(
    "roles, group_count",
    [
        (["expert"] * 12 + ["professional"] * 9 + ["policy"] * 8 + ["other"] * 3 + [""] * 3, 3),  # 35, the seed
        (["expert"] * 7, 3),  # one role only
        (["expert", "professional"], 5),  # more groups than people
        (["expert"] * 5 + ["policy"] * 4 + ["professional"], 4),  # uneven numbers
        (["policy", "expert", "policy", "other", "expert", "policy", "professional"], 2),
        ([], 3),  # nobody
    ],
)
def test_balanced_assignment_keeps_sizes_and_each_role_within_one(roles, group_count):
    registrations = people(roles)
    groups = groups_with_ids(*range(100, 100 + group_count))
    assignment = afterwards.balanced_assignment(registrations, groups)
    check_balanced(registrations, groups, assignment)


def test_balanced_assignment_with_more_groups_than_people_puts_one_person_per_group():
    assignment = afterwards.balanced_assignment(people(["expert", "policy"]), groups_with_ids(7, 8, 9, 10))
    assert sorted(Counter(assignment.values()).values()) == [1, 1]


def test_balanced_assignment_without_groups_assigns_nobody():
    assert afterwards.balanced_assignment(people(["expert"]), []) == {}


def test_balanced_assignment_is_deterministic_and_spreads_experts():
    registrations = people(["expert"] * 6 + ["professional"] * 3)
    groups = groups_with_ids(1, 2, 3)
    first = afterwards.balanced_assignment(registrations, groups)
    assert first == afterwards.balanced_assignment(list(reversed(registrations)), groups)
    experts = Counter(first[r.id] for r in registrations if r.role == "expert")
    assert experts == {1: 2, 2: 2, 3: 2}


# --- the groups page: permissions -------------------------------------------------------------


def test_groups_page_is_for_organisers_only(personas, client_for, circle_meeting):
    url = reverse("meetings:groups", args=[circle_meeting.pk])
    assert client_for(None).get(url).status_code == 302
    for name, expected in ORGANISER_ONLY.items():
        assert client_for(getattr(personas, name)).get(url).status_code == expected, name


def test_groups_page_of_a_hidden_circle_meeting_is_404_for_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    response = client_for(personas.outsider).get(reverse("meetings:groups", args=[meeting.pk]))
    assert response.status_code == 404


def test_unknown_meeting_is_404(personas, client_for):
    assert client_for(personas.coordinator).get(reverse("meetings:groups", args=[999999])).status_code == 404


@pytest.mark.parametrize("action", ["group_assign", "group_auto_assign"])
def test_assignment_posts_are_forbidden_for_members(personas, client_for, circle_meeting, action):
    url = reverse(f"meetings:{action}", args=[circle_meeting.pk])
    assert client_for(personas.member).post(url, {}).status_code == 403
    assert client_for(personas.outsider).post(url, {}).status_code == 403
    assert client_for(None).post(url, {}).status_code == 302


def test_group_edit_and_delete_are_forbidden_for_members(personas, client_for, circle_meeting):
    group = add_group(circle_meeting)
    for name in ["group_edit", "group_delete"]:
        url = reverse(f"meetings:{name}", args=[circle_meeting.pk, group.pk])
        assert client_for(personas.member).post(url, {"name": "x", "question": "y"}).status_code == 403
    assert BreakoutGroup.objects.get(pk=group.pk).name == "Groep"


# --- adding, editing, removing groups ----------------------------------------------------------


def test_kartrekker_adds_a_group_with_a_note_taker(personas, client_for, circle_meeting):
    register(circle_meeting, personas.member)
    response = client_for(personas.kartrekker).post(
        reverse("meetings:groups", args=[circle_meeting.pk]),
        {"name": "Groep 1", "question": "Hoe blijft ervaringskennis zichtbaar?", "note_taker": personas.member.pk},
    )
    assert response.status_code == 302
    group = BreakoutGroup.objects.get(meeting=circle_meeting)
    assert (group.name, group.note_taker) == ("Groep 1", personas.member)
    assert AuditLogEntry.objects.filter(action="meeting.group.created", target_id=str(group.pk)).exists()
    page = client_for(personas.kartrekker).get(reverse("meetings:groups", args=[circle_meeting.pk]))
    assert "Hoe blijft ervaringskennis zichtbaar?" in page.content.decode()


def test_second_group_gets_the_next_position(personas, circle_meeting):
    first = afterwards.save_group(meeting=circle_meeting, actor=personas.coordinator, name="A", question="?")
    second = afterwards.save_group(meeting=circle_meeting, actor=personas.coordinator, name="B", question="?")
    assert (first.position, second.position) == (0, 1)


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "", "question": "Een vraag"}, "name"),
        ({"name": "   ", "question": "Een vraag"}, "name"),
        ({"name": "Groep", "question": ""}, "question"),
        ({"name": "x" * 101, "question": "Een vraag"}, "name"),
        ({"name": "Groep", "question": "v" * 1001}, "question"),
        ({"name": "Groep", "question": "Een vraag", "note_taker": "abc"}, "note_taker"),
        ({"name": "Groep", "question": "Een vraag", "note_taker": "999999"}, "note_taker"),
    ],
)
def test_bad_group_input_is_refused_and_nothing_saved(personas, client_for, circle_meeting, data, field):
    response = client_for(personas.kartrekker).post(reverse("meetings:groups", args=[circle_meeting.pk]), data)
    assert response.status_code == 400
    assert field in response.context["group_form"].errors
    assert not BreakoutGroup.objects.exists()


def test_note_taker_must_be_a_confirmed_participant(personas, client_for, circle_meeting):
    register(circle_meeting, personas.member, status=Registration.Status.WAITLISTED)
    data = {"name": "Groep", "question": "Vraag", "note_taker": personas.outsider.pk}
    response = client_for(personas.kartrekker).post(reverse("meetings:groups", args=[circle_meeting.pk]), data)
    assert response.status_code == 400
    data["note_taker"] = personas.member.pk  # waitlisted: not a participant
    response = client_for(personas.kartrekker).post(reverse("meetings:groups", args=[circle_meeting.pk]), data)
    assert response.status_code == 400
    with pytest.raises(afterwards.AfterwardsError):
        afterwards.save_group(
            meeting=circle_meeting, actor=personas.coordinator, name="G", question="?", note_taker=personas.member
        )
    assert not BreakoutGroup.objects.exists()


def test_group_name_with_html_is_shown_escaped(personas, client_for, circle_meeting):
    add_group(circle_meeting, name="<script>alert(1)</script>", question="<img src=x onerror=alert(1)>")
    html = client_for(personas.kartrekker).get(reverse("meetings:groups", args=[circle_meeting.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_edit_and_remove_a_group(personas, client_for, circle_meeting):
    group = add_group(circle_meeting)
    registration = register(circle_meeting, personas.member, group=group)
    client = client_for(personas.kartrekker)
    url = reverse("meetings:group_edit", args=[circle_meeting.pk, group.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Nieuwe naam", "question": "Nieuwe vraag"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.name, group.question) == ("Nieuwe naam", "Nieuwe vraag")
    delete_url = reverse("meetings:group_delete", args=[circle_meeting.pk, group.pk])
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url).status_code == 302
    assert not BreakoutGroup.objects.filter(pk=group.pk).exists()
    registration.refresh_from_db()
    assert registration.group is None and registration.status == Registration.Status.CONFIRMED


def test_a_group_of_another_meeting_is_404(personas, client_for, circle_meeting):
    other = add_group(MeetingFactory(circle=personas.circle))
    client = client_for(personas.kartrekker)
    for name in ["group_edit", "group_delete", "group_outcomes"]:
        assert client.get(reverse(f"meetings:{name}", args=[circle_meeting.pk, other.pk])).status_code == 404


# --- assigning people ------------------------------------------------------------------------


def test_assign_by_hand_with_one_form(personas, client_for, circle_meeting):
    first, second = add_group(circle_meeting, "A"), add_group(circle_meeting, "B")
    one, two, three = add_participants(circle_meeting, 3)
    three.group = first
    three.save()
    data = {f"registration_{one.pk}": first.pk, f"registration_{two.pk}": second.pk, f"registration_{three.pk}": ""}
    response = client_for(personas.kartrekker).post(reverse("meetings:group_assign", args=[circle_meeting.pk]), data)
    assert response.status_code == 302
    assert [r.group_id for r in Registration.objects.filter(pk__in=[one.pk, two.pk, three.pk]).order_by("pk")] == [
        first.pk,
        second.pk,
        None,
    ]


@pytest.mark.parametrize("bad_value", ["abc", "999999", "-1"])
def test_assign_by_hand_refuses_a_foreign_or_unknown_group(personas, client_for, circle_meeting, bad_value):
    add_group(circle_meeting, "A")
    foreign = add_group(MeetingFactory(), "Foreign")
    (one,) = add_participants(circle_meeting, 1)
    value = str(foreign.pk) if bad_value == "999999" else bad_value
    response = client_for(personas.kartrekker).post(
        reverse("meetings:group_assign", args=[circle_meeting.pk]), {f"registration_{one.pk}": value}
    )
    assert response.status_code == 400
    one.refresh_from_db()
    assert one.group is None


def test_assign_by_hand_service_refuses_foreign_registrations(personas, circle_meeting):
    group = add_group(circle_meeting)
    (foreign,) = add_participants(MeetingFactory(), 1)
    with pytest.raises(afterwards.AfterwardsError):
        afterwards.assign_by_hand(meeting=circle_meeting, assignment={foreign.pk: group.pk}, actor=personas.coordinator)
    foreign.refresh_from_db()
    assert foreign.group is None


def test_automatic_assignment_balances_the_roles(personas, client_for, circle_meeting):
    groups = [add_group(circle_meeting, name) for name in ["A", "B", "C"]]
    add_participants(circle_meeting, 7, role=ParticipantRole.EXPERT)
    add_participants(circle_meeting, 5, role=ParticipantRole.PROFESSIONAL)
    add_participants(circle_meeting, 4, role=ParticipantRole.POLICY)
    add_participants(circle_meeting, 2, status=Registration.Status.WAITLISTED)
    response = client_for(personas.kartrekker).post(reverse("meetings:group_auto_assign", args=[circle_meeting.pk]))
    assert response.status_code == 302
    confirmed = list(Registration.objects.filter(meeting=circle_meeting, status=Registration.Status.CONFIRMED))
    assert all(r.group_id is not None for r in confirmed)
    assert not Registration.objects.filter(status=Registration.Status.WAITLISTED, group__isnull=False).exists()
    sizes = Counter(r.group_id for r in confirmed)
    assert sorted(sizes.values()) == [5, 5, 6]
    for role in [ParticipantRole.EXPERT, ParticipantRole.PROFESSIONAL, ParticipantRole.POLICY]:
        per_group = [sum(1 for r in confirmed if r.role == role and r.group_id == g.pk) for g in groups]
        assert max(per_group) - min(per_group) <= 1


def test_automatic_assignment_without_groups_says_so(personas, client_for, circle_meeting):
    add_participants(circle_meeting, 2)
    response = client_for(personas.kartrekker).post(
        reverse("meetings:group_auto_assign", args=[circle_meeting.pk]), follow=True
    )
    assert "Add a group first." in response.content.decode()


def test_groups_page_query_count_with_300_participants(
    personas, client_for, circle_meeting, django_assert_max_num_queries
):
    groups = [add_group(circle_meeting, f"Groep {n}") for n in range(10)]
    registrations = add_participants(circle_meeting, 300)
    for index, registration in enumerate(registrations):
        registration.group = groups[index % 10]
    Registration.objects.bulk_update(registrations, ["group"])
    client = client_for(personas.kartrekker)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("meetings:groups", args=[circle_meeting.pk]))
    assert response.status_code == 200


# --- outcomes by the note-taker ---------------------------------------------------------------


@pytest.fixture
def group_with_note_taker(personas, circle_meeting):
    register(circle_meeting, personas.member)
    return add_group(circle_meeting, "Groep 1", note_taker=personas.member)


def test_note_taker_writes_outcomes_sanitised(personas, client_for, circle_meeting, group_with_note_taker):
    url = reverse("meetings:group_outcomes", args=[circle_meeting.pk, group_with_note_taker.pk])
    client = client_for(personas.member)
    assert client.get(url).status_code == 200
    text = "**Samen** beslissen\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[link](javascript:alert(1))"
    assert client.post(url, {"outcomes": text}).status_code == 302
    group_with_note_taker.refresh_from_db()
    assert group_with_note_taker.outcomes == text
    html = group_with_note_taker.outcomes_html
    assert "<strong>Samen</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_outcomes_permissions_per_persona(personas, client_for, circle_meeting, group_with_note_taker):
    url = reverse("meetings:group_outcomes", args=[circle_meeting.pk, group_with_note_taker.pk])
    expected = {
        "pending": 404,
        "member": 200,  # the note-taker
        "outsider": 403,
        "kartrekker": 200,
        "coordinator": 200,
        "orgrep": 403,
        "municipality": 403,
    }
    assert client_for(None).get(url).status_code == 302
    for name, status in expected.items():
        assert client_for(getattr(personas, name)).get(url).status_code == status, name


def test_a_participant_who_is_not_the_note_taker_gets_403(personas, client_for, circle_meeting, group_with_note_taker):
    other = new_member()
    register(circle_meeting, other, group=group_with_note_taker)
    url = reverse("meetings:group_outcomes", args=[circle_meeting.pk, group_with_note_taker.pk])
    assert client_for(other).post(url, {"outcomes": "Overschreven"}).status_code == 403
    group_with_note_taker.refresh_from_db()
    assert group_with_note_taker.outcomes == ""


def test_outcomes_of_a_hidden_meeting_are_404_for_an_outsider(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, visibility=Visibility.CIRCLE)
    group = add_group(meeting)
    url = reverse("meetings:group_outcomes", args=[meeting.pk, group.pk])
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.member).get(url).status_code == 403  # sees the meeting, not the note-taker


def test_too_long_outcomes_are_refused(personas, client_for, circle_meeting, group_with_note_taker):
    url = reverse("meetings:group_outcomes", args=[circle_meeting.pk, group_with_note_taker.pk])
    response = client_for(personas.member).post(url, {"outcomes": "x" * 20001})
    assert response.status_code == 400
    group_with_note_taker.refresh_from_db()
    assert group_with_note_taker.outcomes == ""
