"""A new sign-up is a message to the coordinators."""

import pytest
from django.urls import reverse

from samenspel.members import services
from samenspel.members.models import Member
from samenspel.members.selectors import current_consent_text
from samenspel.notifications.models import Kind, Notification
from tests.conftest import make_coordinator
from tests.factories.members import ConsentTextFactory, MemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_sign_up_tells_every_approved_coordinator_at_once(personas, mailoutbox, django_capture_on_commit_callbacks):
    ConsentTextFactory()
    second = make_coordinator(name="Tweede Coördinator", preferred_language="en")
    make_coordinator(name="Nog niet goedgekeurd", status=Member.Status.PENDING)
    newcomer = MemberFactory(status=Member.Status.PENDING, name="")
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_sign_up(
            member=newcomer,
            name="Nieuwe Persoon",
            kind=Member.Kind.EXPERT,
            organisation=None,
            themes=[],
            theme_visibility=Member.ThemeVisibility.COORDINATORS,
            consent_text=current_consent_text(),
            language="nl",
        )
    rows = Notification.objects.filter(kind=Kind.SIGN_UP)
    assert {row.recipient for row in rows} == {personas.coordinator, second}
    assert {row.link for row in rows} == {reverse("members:pending")}
    assert all("Nieuwe" not in str(row.params) for row in rows)
    to_second = next(m for m in mailoutbox if m.to == [second.email])
    assert to_second.subject == "Someone new signed up for the network"
