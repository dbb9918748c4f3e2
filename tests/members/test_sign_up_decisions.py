import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Member
from tests.factories.members import MemberFactory

pytestmark = pytest.mark.django_db


def test_pending_list_shows_waiting_sign_ups_escaped(personas, client_for):
    MemberFactory(name="<script>alert(1)</script>", status=Member.Status.PENDING)
    response = client_for(personas.coordinator).get(reverse("members:pending"))
    html = response.content.decode()
    assert "Piet Pending" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Mila Member" not in html


def test_approving_sends_an_email_and_logs(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    client = client_for(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:decide", args=[personas.pending.pk]), {"decision": "approve"})
    assert response.status_code == 302
    personas.pending.refresh_from_db()
    assert personas.pending.status == Member.Status.APPROVED
    assert personas.pending.decided_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [personas.pending.email]
    assert "Piet Pending" in mailoutbox[0].body
    assert mailoutbox[0].alternatives[0][1] == "text/html"
    assert "http://127.0.0.1:8000/accounts/login/" in mailoutbox[0].body
    assert 'href="http://127.0.0.1:8000/accounts/login/"' in mailoutbox[0].alternatives[0][0]
    assert AuditLogEntry.objects.filter(action="member.signup.approved", actor=personas.coordinator).exists()


def test_refusing_sends_the_refusal_email(personas, client_for, django_capture_on_commit_callbacks, mailoutbox):
    client = client_for(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:decide", args=[personas.pending.pk]), {"decision": "refuse"})
    personas.pending.refresh_from_db()
    assert personas.pending.status == Member.Status.REFUSED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject


@pytest.mark.parametrize("decision", ["", "maybe", "<b>x</b>", "1" * 500])
def test_a_bad_decision_changes_nothing(personas, client_for, decision, mailoutbox):
    response = client_for(personas.coordinator).post(
        reverse("members:decide", args=[personas.pending.pk]), {"decision": decision}, follow=True
    )
    assert response.status_code == 200
    personas.pending.refresh_from_db()
    assert personas.pending.status == Member.Status.PENDING
    assert not mailoutbox


def test_decide_only_accepts_post(personas, client_for):
    response = client_for(personas.coordinator).get(reverse("members:decide", args=[personas.pending.pk]))
    assert response.status_code == 405


def test_pending_list_query_count_does_not_grow(personas, client_for, django_assert_max_num_queries):
    MemberFactory.create_batch(200, status=Member.Status.PENDING, consented=False)
    client = client_for(personas.coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:pending"))
    assert response.content.decode().count('name="decision" value="approve"') == 201
