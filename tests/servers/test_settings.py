"""The settings of several hosts and workers: TASKS_BACKEND picks the queue (docs/production.md, 8)."""

import runpy

import pytest
import redis

from .helpers import ROOT, missing

VARIABLES = ("DEBUG", "REDIS_URL", "TASKS_BACKEND", "TASKS_REDIS_URL", "RQ_JOB_TIMEOUT")


def settings_with(monkeypatch, **env) -> dict:
    """samenspel/settings.py evaluated again with DEBUG on and exactly these of its task variables."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "samenspel" / "settings.py"))


def test_the_database_queue_is_the_default(monkeypatch):
    for value in (None, "", "db"):
        found = settings_with(monkeypatch, **({} if value is None else {"TASKS_BACKEND": value}))
        assert found["TASKS"] == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        assert "django_rq" not in found["INSTALLED_APPS"]
        assert "RQ_QUEUES" not in found


def test_rq_takes_the_queue_from_redis_url_or_tasks_redis_url(monkeypatch):
    found = settings_with(monkeypatch, TASKS_BACKEND="rq", REDIS_URL="redis://cache.example:6379/0")
    assert found["TASKS"] == {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    assert found["RQ_QUEUES"] == {"default": {"URL": "redis://cache.example:6379/0", "DEFAULT_TIMEOUT": 3600}}
    assert {"django_rq", "django_tasks_rq"} <= set(found["INSTALLED_APPS"])
    assert found["RQ"] == {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "samenspel.core.rq_worker.Worker"}

    found = settings_with(
        monkeypatch,
        TASKS_BACKEND="rq",
        REDIS_URL="redis://cache.example:6379/0",
        TASKS_REDIS_URL="redis://queue.example:6379/1",
        RQ_JOB_TIMEOUT="600",
    )
    assert found["RQ_QUEUES"] == {"default": {"URL": "redis://queue.example:6379/1", "DEFAULT_TIMEOUT": 600}}
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.example:6379/0"


def test_rq_without_a_redis_server_does_not_start(monkeypatch):
    with pytest.raises(RuntimeError, match="TASKS_BACKEND=rq needs a Redis server"):
        settings_with(monkeypatch, TASKS_BACKEND="rq")


def test_another_backend_by_its_dotted_path(monkeypatch):
    found = settings_with(monkeypatch, TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    assert found["TASKS"] == {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_the_rq_worker_logs_no_job_arguments():
    try:
        from samenspel.core.rq_worker import Worker
    except ImportError:
        missing("needs rq (requirements/base.txt): make install")
    worker = Worker(["default"], connection=redis.Redis(), log_job_description=True)  # no connection made
    assert worker.log_job_description is False


def test_a_failed_job_is_kept_two_weeks_not_rq_s_year(settings, redis_url):
    """A task that fails, run by this worker in burst mode: its job (with the address) expires in 14 days."""
    try:
        import django_rq
        from django_tasks_rq import Job
        from rq.registry import FailedJobRegistry

        from samenspel.core.rq_worker import FAILED_JOB_SECONDS, Worker
    except ImportError:
        missing("needs django-tasks-rq (requirements/base.txt): make install")
    from samenspel.core.tasks import send_queued_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": redis_url, "DEFAULT_TIMEOUT": 60}}
    result = send_queued_email.enqueue(  # not an email builder: the task raises ValueError
        to="someone@example.org", template="core/none", language="nl", context={}, build="samenspel.core.emails.seal"
    )
    queue = django_rq.get_queue("default", job_class=Job)
    worker = Worker([queue], connection=queue.connection, job_class=Job)
    assert worker.work(burst=True) is True

    failed = FailedJobRegistry(queue=queue)
    assert failed.get_job_ids() == [result.id]
    seconds = queue.connection.ttl(f"rq:job:{result.id}")
    assert FAILED_JOB_SECONDS - 60 < seconds <= FAILED_JOB_SECONDS  # rq's default: 365 days
