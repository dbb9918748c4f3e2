"""Emailed secrets (password-reset keys, login codes, registration links) never reach the task table.

Each flow runs twice: with the ImmediateBackend the tests use elsewhere, and with the database
queue production uses (django-tasks-db), whose rows are then worked off as `db_worker` does.
"""

import importlib
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from samenspel.core.emails import send_templated_email
from samenspel.meetings.models import Registration, Visibility
from tests.factories.meetings import MeetingFactory

from .test_login import logged_in_user
from .test_signup import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["immediate", "database"])
def queue(request, settings):
    if request.param == "database":
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return request.param


def work_off_the_queue() -> None:
    """What `manage.py db_worker` does with each waiting row, in this test's transaction."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    for row in DBTaskResult.objects.ready():
        row.claim("test")
        worker.run_task(row)
        row.refresh_from_db()
        assert row.status == "SUCCESSFUL", row.traceback


def task_table_text() -> str:
    """Everything the task table holds, as one text to search."""
    rows = DBTaskResult.objects.values("args_kwargs", "return_value", "traceback", "exception_class_path")
    return json.dumps(list(rows), default=str)


def test_a_password_reset_key_is_never_stored_and_the_emailed_link_works(
    client, queue, verified_member, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": verified_member.email})
    assert response.status_code == 302
    work_off_the_queue()
    (message,) = mailoutbox
    link = re.search(r"https?://\S+/password/reset/key/(\S+?)/", message.body)
    assert link, message.body
    key = link.group(1)
    assert key not in task_table_text() and "password/reset/key" not in task_table_text()

    # The key works: the page to choose a new password, then a login with it.
    path = link.group(0)[link.group(0).index("/accounts/") :]
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_path, {"password1": "een-nieuw-lang-wachtwoord", "password2": "een-nieuw-lang-wachtwoord"}
    )
    assert response.status_code == 302
    verified_member.refresh_from_db()
    assert verified_member.check_password("een-nieuw-lang-wachtwoord")


def test_a_login_code_is_never_stored_and_works(
    client, queue, verified_member, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": verified_member.email})
    work_off_the_queue()
    (message,) = mailoutbox
    code = re.search(r"^\s*([A-Z0-9-]{6,})\s*$", message.body, re.MULTILINE).group(1)
    assert code not in task_table_text()
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert logged_in_user(client) == verified_member


def test_a_sign_up_confirmation_link_is_never_stored(
    client, queue, consent_text, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), valid_data())
    work_off_the_queue()
    assert mailoutbox, "no confirmation email"
    key = re.search(r"/confirm-email/([^/\s]+)/", mailoutbox[-1].body).group(1)
    assert key not in task_table_text()


def test_visitor_registration_links_are_made_when_sending_and_never_stored(
    client, queue, django_capture_on_commit_callbacks, mailoutbox
):
    meeting = MeetingFactory(visibility=Visibility.PUBLIC, online_url="https://meet.example.org/geheim", location="")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:register_visitor", args=[meeting.pk]),
            {"name": "Vera Visitor", "email": "vera@example.org"},
        )
    work_off_the_queue()
    (message,) = mailoutbox
    confirm = re.search(r"https?://\S+(/meetings/registration/([^/\s]+)/confirm/)", message.body)
    assert confirm, message.body
    path, token = confirm.group(1), confirm.group(2)
    stored = task_table_text()
    assert token not in stored and "/registration/" not in stored

    # The emailed link works; the status email (with the online link and .ics) is built when sent.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    work_off_the_queue()
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    confirmed = mailoutbox[-1]
    assert "https://meet.example.org/geheim" in confirmed.body
    assert confirmed.attachments and confirmed.attachments[0][0] == "meeting.ics"
    stored = task_table_text()
    assert token not in stored and "meet.example.org/geheim" not in stored


def test_an_email_about_a_row_deleted_before_sending_is_skipped(
    settings, personas, django_capture_on_commit_callbacks, mailoutbox
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    meeting = MeetingFactory(circle=personas.circle)
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email(to=personas.member.email, template="meetings/feed_renewed", context={"meeting": meeting})
    meeting.delete()
    work_off_the_queue()
    assert mailoutbox == []
    assert DBTaskResult.objects.get().return_value == "skipped"


def test_old_task_rows_with_email_bodies_are_removed_by_the_migration(settings):
    """Rows queued by the old `send_email` task held the whole email (links and keys included)."""
    from django.apps import apps

    old = DBTaskResult.objects.create(
        task_path="samenspel.core.tasks.send_email",
        args_kwargs={"args": [], "kwargs": {"to": ["a@example.org"], "subject": "x", "body": "key: SECRET123"}},
        backend_name="default",
        run_after="9999-01-01T00:00:00Z",
        status="SUCCESSFUL",
    )
    other = DBTaskResult.objects.create(
        task_path="samenspel.core.tasks.send_queued_email",
        args_kwargs={"args": [], "kwargs": {"to": "a@example.org", "template": "x"}},
        backend_name="default",
        run_after="9999-01-01T00:00:00Z",
    )
    migration = importlib.import_module("samenspel.core.migrations.0004_remove_queued_email_bodies")
    migration.remove_email_bodies(apps, None)
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.filter(pk=other.pk).exists()


def test_the_production_schedule_runs_every_job_and_prunes_task_results(settings):
    """docs/production.md's crontab is what an operator copies: every periodic command is in it."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "production.md").read_text()
    crontab = re.search(r"```cron\n(.*?)```", text, re.DOTALL).group(1)
    root = Path(__file__).resolve().parents[2]
    ours = {path.stem for path in root.glob("samenspel/*/management/commands/*.py") if path.stem != "__init__"}
    periodic = ours - {"seed_demo", "seed_bench", "demo_logins"} | {"prune_db_task_results"}
    assert {"send_consultation_reminders", "prune_db_task_results"} <= periodic
    for command in sorted(periodic):
        assert f"manage.py {command}" in crontab, f"{command} is missing from the crontab in docs/production.md"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("prune_db_task_results", "--min-age-days", "1", "--failed-min-age-days", "14", verbosity=0)


def test_a_circle_invitation_link_is_made_when_sending_and_never_stored(
    queue, personas, client_for, django_capture_on_commit_callbacks, mailoutbox
):
    client = client_for(personas.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("circles:invite", args=[personas.circle.slug]),
            {"email": "gast@example.org", "message": "Kom je ook?"},
        )
    assert response.status_code == 302
    work_off_the_queue()
    (message,) = mailoutbox
    link = re.search(r"https?://\S+(/circles/invitation/([^/\s]+)/)", message.body)
    assert link, message.body
    assert link.group(2) not in task_table_text() and "/circles/invitation/" not in task_table_text()
    # The emailed link opens the invitation.
    assert client_for(None).get(link.group(1)).status_code == 200
