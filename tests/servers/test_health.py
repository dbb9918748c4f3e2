"""`/health/` for a load balancer: 200 while this process reaches PostgreSQL and Redis, else 503."""

import runpy

import pytest
from django.db import OperationalError
from django.urls import reverse

from samenspel.site import health

from .helpers import ROOT

URL = "/health/"
UNREACHABLE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture(autouse=True)
def _no_redis(settings):
    settings.REDIS_URL = ""


def test_the_url_is_health():
    assert reverse("health") == URL


def test_ok_when_the_database_answers(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]  # a proxy never answers for the process


def test_head_answers_too_and_a_post_is_refused(client, db):
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_unavailable_when_the_database_fails(client, db, monkeypatch):
    class Broken:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Broken())
    response = client.get(URL)
    assert response.status_code == 503
    assert response.content == b"unavailable: database\n"


def test_redis_is_checked_when_it_is_configured(client, db, settings, redis_url):
    settings.REDIS_URL = redis_url
    assert client.get(URL).status_code == 200
    settings.REDIS_URL = UNREACHABLE  # the check's own client: the cache itself is not touched
    response = client.get(URL)
    assert response.status_code == 503
    assert response.content == b"unavailable: cache\n"


def test_the_rq_task_queue_is_checked_with_tasks_backend_rq(client, db, settings, redis_url):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.TASKS_REDIS_URL = redis_url
    assert client.get(URL).status_code == 200
    settings.TASKS_REDIS_URL = UNREACHABLE
    response = client.get(URL)
    assert response.status_code == 503
    assert response.content == b"unavailable: task queue\n"


def test_not_redirected_to_https_in_production(client, db, settings, monkeypatch):
    """A load balancer may ask over plain HTTP without X-Forwarded-Proto; every other page is redirected."""
    for name in ("DEBUG", "SECURE_SSL_REDIRECT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "a-test-secret-key-that-is-long-enough-and-random-for-this-test")
    production = runpy.run_path(str(ROOT / "samenspel" / "settings.py"))
    settings.SECURE_SSL_REDIRECT = production["SECURE_SSL_REDIRECT"]
    settings.SECURE_REDIRECT_EXEMPT = production["SECURE_REDIRECT_EXEMPT"]
    assert client.get(URL).status_code == 200
    assert client.get(reverse("circles:list")).status_code == 301
