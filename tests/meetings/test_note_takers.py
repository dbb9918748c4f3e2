"""Note-takers: automatic assignment keeps them in their own group; cancelling frees the role and tells the organiser."""

from collections import Counter
from types import SimpleNamespace

import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.meetings.models import BreakoutGroup, ParticipantRole, Registration
from samenspel.meetings.services import afterwards
from tests.factories.meetings import MeetingFactory

from .helpers_afterwards import add_group, add_participants, new_member, register

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("afterwards_settings")]


def test_balanced_assignment_puts_each_note_taker_in_their_own_group():
    people = [SimpleNamespace(id=n, role="expert", member_id=100 + n) for n in range(1, 10)]
    # Round-robin would put member 101 in group 1, 102 in 2, ...; make them note-takers elsewhere.
    groups = [
        SimpleNamespace(id=1, note_taker_id=102),
        SimpleNamespace(id=2, note_taker_id=103),
        SimpleNamespace(id=3, note_taker_id=101),
    ]
    assignment = afterwards.balanced_assignment(people, groups)
    assert (assignment[2], assignment[3], assignment[1]) == (1, 2, 3)
    assert sorted(Counter(assignment.values()).values()) == [3, 3, 3]


def test_balanced_assignment_swaps_within_a_role_so_the_mix_stays():
    roles = ["expert"] * 3 + ["professional"] * 3
    people = [SimpleNamespace(id=n + 1, role=role, member_id=200 + n) for n, role in enumerate(roles)]
    groups = [SimpleNamespace(id=1, note_taker_id=None), SimpleNamespace(id=2, note_taker_id=200)]
    assignment = afterwards.balanced_assignment(people, groups)
    assert assignment[1] == 2  # member 200, the first expert, round-robin would put in group 1
    for role in ["expert", "professional"]:
        counts = Counter(assignment[p.id] for p in people if p.role == role)
        assert max(counts.values()) - min(counts.get(g.id, 0) for g in groups) <= 1


def test_automatic_assignment_through_the_page_keeps_note_takers_with_their_group(personas, client_for, circle_meeting):
    participants = add_participants(circle_meeting, 9, role=ParticipantRole.EXPERT)
    add_participants(circle_meeting, 6, role=ParticipantRole.PROFESSIONAL)
    # The first expert would land in the first group; make them note-taker of the last.
    note_takers = [participants[0].member, participants[1].member, participants[2].member]
    groups = [
        add_group(circle_meeting, "A", note_taker=note_takers[2]),
        add_group(circle_meeting, "B", note_taker=note_takers[0]),
        add_group(circle_meeting, "C", note_taker=note_takers[1]),
    ]
    response = client_for(personas.kartrekker).post(reverse("meetings:group_auto_assign", args=[circle_meeting.pk]))
    assert response.status_code == 302
    for group, member in zip(groups, [note_takers[2], note_takers[0], note_takers[1]], strict=True):
        assert Registration.objects.get(meeting=circle_meeting, member=member).group_id == group.pk
    sizes = Counter(Registration.objects.filter(meeting=circle_meeting).values_list("group_id", flat=True))
    assert sorted(sizes.values()) == [5, 5, 5]


def test_a_note_taker_who_cancels_is_no_longer_note_taker_and_the_organiser_is_told(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory(circle=personas.circle, title="Kringavond", created_by=personas.kartrekker)
    register(meeting, personas.member)
    group = add_group(meeting, "Groep Noord", note_taker=personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.member).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.note_taker is None
    assert AuditLogEntry.objects.filter(action="meeting.group.note_taker_left", target_id=str(group.pk)).exists()
    to_organiser = [m for m in mailoutbox if m.to == [personas.kartrekker.email]]
    assert len(to_organiser) == 1
    assert "Kringavond" in to_organiser[0].subject
    assert personas.member.name in to_organiser[0].body and "Groep Noord" in to_organiser[0].body
    assert reverse("meetings:groups", args=[meeting.pk]) in to_organiser[0].body
    page = client_for(personas.kartrekker).get(reverse("meetings:groups", args=[meeting.pk])).content.decode()
    assert f'value="{personas.member.pk}" selected' not in page


def test_the_organiser_email_is_in_dutch_for_a_dutch_organiser(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    personas.kartrekker.preferred_language = "nl"
    personas.kartrekker.save(update_fields=["preferred_language"])
    meeting = MeetingFactory(circle=personas.circle, title="Kringavond", created_by=personas.kartrekker)
    register(meeting, personas.member)
    add_group(meeting, "Groep Noord", note_taker=personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.member).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    (email,) = [m for m in mailoutbox if m.to == [personas.kartrekker.email]]
    assert "notulist" in email.subject.lower()


def test_someone_who_takes_no_notes_cancels_without_an_organiser_email(
    personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory(circle=personas.circle, created_by=personas.kartrekker)
    other = new_member()
    register(meeting, other)
    register(meeting, personas.member)
    group = add_group(meeting, "Groep", note_taker=other)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(personas.member).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    assert BreakoutGroup.objects.get(pk=group.pk).note_taker == other
    assert not [m for m in mailoutbox if m.to == [personas.kartrekker.email]]


def test_an_outsider_cannot_cancel_someone_elses_note_taking(personas, client_for):
    meeting = MeetingFactory(circle=personas.circle, created_by=personas.kartrekker)
    register(meeting, personas.member)
    group = add_group(meeting, "Groep", note_taker=personas.member)
    response = client_for(personas.outsider).post(reverse("meetings:cancel_registration", args=[meeting.pk]))
    assert response.status_code in (302, 400, 404)
    assert BreakoutGroup.objects.get(pk=group.pk).note_taker == personas.member
    assert Registration.objects.get(meeting=meeting, member=personas.member).status == Registration.Status.CONFIRMED
