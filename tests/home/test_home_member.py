"""The member's section of the home page: next meetings with their status, open rounds, new updates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.consultations.models import Round, RoundInvitee, Version
from samenspel.meetings.models import Meeting, Registration
from tests.factories.circles import CircleFactory, CircleUpdateFactory
from tests.factories.consultations import RoundFactory, VersionFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory
from tests.home.helpers import section

pytestmark = pytest.mark.usefixtures("english")


def test_my_next_meetings_show_my_place_and_my_waitlist_place(personas, client_for):
    mine = RegistrationFactory(member=personas.member, meeting=MeetingFactory(title="Netwerkavond")).meeting
    full = MeetingFactory(title="Schrijfmiddag", capacity=1)
    start = timezone.now() - datetime.timedelta(days=2)
    RegistrationFactory(meeting=full, queued_at=start)
    RegistrationFactory(
        meeting=full, status=Registration.Status.WAITLISTED, queued_at=start + datetime.timedelta(hours=1)
    )
    RegistrationFactory(
        meeting=full, status=Registration.Status.WAITLISTED, queued_at=start + datetime.timedelta(hours=2)
    )
    RegistrationFactory(
        meeting=full,
        member=personas.member,
        status=Registration.Status.WAITLISTED,
        queued_at=start + datetime.timedelta(hours=3),
    )
    client = client_for(personas.member)
    body = section(client, "member")
    assert "Netwerkavond" in body and "You are registered" in body
    assert f'href="{reverse("meetings:detail", args=[mine.pk])}"' in body
    assert "Schrijfmiddag" in body and "On the waitlist, place 3" in body
    assert f'href="{reverse("meetings:mine")}"' in body  # all of them on "My meetings"

    # Someone ahead cancels: the member moves up.
    first_waiting = Registration.objects.filter(meeting=full, status=Registration.Status.WAITLISTED).earliest(
        "queued_at"
    )
    first_waiting.status = Registration.Status.CANCELLED
    first_waiting.save()
    assert "On the waitlist, place 2" in section(client, "member")


def test_cancelled_past_and_others_registrations_are_not_next(personas, client_for):
    RegistrationFactory(
        member=personas.member, meeting=MeetingFactory(title="Afgemeld"), status=Registration.Status.CANCELLED
    )
    RegistrationFactory(
        member=personas.member,
        meeting=MeetingFactory(
            title="Vorige week",
            starts_at=timezone.now() - datetime.timedelta(days=7),
            ends_at=timezone.now() - datetime.timedelta(days=7, hours=-2),
        ),
    )
    RegistrationFactory(member=personas.outsider, meeting=MeetingFactory(title="Van een ander"))
    body = section(client_for(personas.member), "member")
    assert "Afgemeld" not in body and "Vorige week" not in body and "Van een ander" not in body


def test_a_cancelled_meeting_says_it_does_not_take_place(personas, client_for):
    RegistrationFactory(
        member=personas.member, meeting=MeetingFactory(title="Toch niet", status=Meeting.Status.CANCELLED)
    )
    body = section(client_for(personas.member), "member")
    assert "Toch niet" in body and "The meeting does not take place" in body


def test_only_the_next_three_meetings_are_on_the_home_page(personas, client_for):
    for days in range(1, 6):
        RegistrationFactory(
            member=personas.member,
            meeting=MeetingFactory(
                title=f"Avond {days}",
                starts_at=timezone.now() + datetime.timedelta(days=days),
                ends_at=timezone.now() + datetime.timedelta(days=days, hours=2),
            ),
        )
    body = section(client_for(personas.member), "member")
    assert all(f"Avond {days}" in body for days in (1, 2, 3))
    assert "Avond 4" not in body and "Avond 5" not in body


def test_open_rounds_i_may_comment_on_with_their_closing_time(personas, client_for):
    for_members = RoundFactory(title="Ronde voor leden")
    invited = RoundFactory(title="Ronde op uitnodiging", audience=Round.Audience.INVITED)
    RoundInvitee.objects.create(round=invited, member=personas.member)
    not_me = RoundFactory(title="Ronde voor een ander", audience=Round.Audience.INVITED)
    RoundInvitee.objects.create(round=not_me, member=personas.outsider)
    RoundFactory(
        title="Gesloten ronde",
        opens_at=timezone.now() - datetime.timedelta(days=20),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    RoundFactory(title="Ronde op een concept", version=VersionFactory(status=Version.Status.DRAFT))
    body = section(client_for(personas.member), "member")
    assert "Ronde voor leden" in body and "You can comment as a member." in body
    assert f'href="{reverse("consultations:round_detail", args=[for_members.pk])}"' in body
    assert "Ronde op uitnodiging" in body and "You are invited to comment." in body
    assert "Closes: " in body
    closes = timezone.localtime(invited.closes_at)
    assert f'datetime="{closes:%Y-%m-%dT%H:%M%z}"' in body
    assert "Ronde voor een ander" not in body
    assert "Gesloten ronde" not in body and "Ronde op een concept" not in body


def test_new_updates_in_my_circles_but_not_old_ones_mine_or_others(personas, client_for):
    recent = CircleUpdateFactory(circle=personas.circle, author=personas.kartrekker, title="Verse stand van zaken")
    CircleUpdateFactory(
        circle=personas.circle,
        author=personas.kartrekker,
        title="Oude stand van zaken",
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    CircleUpdateFactory(circle=personas.circle, author=personas.member, title="Mijn eigen bericht")
    CircleUpdateFactory(circle=CircleFactory(name="Kring Zorg"), title="Nieuws uit een andere kring")
    body = section(client_for(personas.member), "member")
    assert "Verse stand van zaken" in body and "New in Kring Onderzoek" in body
    assert f'href="{reverse("circles:updates", args=[personas.circle.slug])}#update-{recent.pk}"' in body
    assert "Oude stand van zaken" not in body
    assert "Mijn eigen bericht" not in body
    assert "Nieuws uit een andere kring" not in body
    # The link's anchor is on the updates page.
    page = client_for(personas.member).get(reverse("circles:updates", args=[personas.circle.slug]))
    assert f'id="update-{recent.pk}"' in page.content.decode()


def test_with_nothing_to_do_the_member_reads_so_and_finds_their_meetings(personas, client_for):
    body = section(client_for(personas.outsider), "member")
    assert "Nothing is waiting for you. Look at the meetings and the circles to see what is going on." in body
    assert f'href="{reverse("meetings:mine")}"' in body
