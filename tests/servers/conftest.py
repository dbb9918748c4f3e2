"""Fixtures of the tests that run Samenspel in several processes at once (docs/production.md)."""

import os

import pytest

from .helpers import Children, environment, free_port, missing, wait_until_up


@pytest.fixture
def children(tmp_path):
    """Start processes with `children.start(...)`; every one is ended after the test, also when it fails."""
    started = Children(tmp_path)
    try:
        yield started
    finally:
        started.end()


@pytest.fixture
def redis_url():
    """A Redis database of this test run's own (one per xdist worker), empty before and after the test."""
    import redis

    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    url = f"redis://127.0.0.1:6379/{10 + (int(worker) if worker.isdigit() else 0) % 4}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        missing("needs Redis on 127.0.0.1:6379 (the machine's service)")
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


@pytest.fixture
def two_servers(children, redis_url, transactional_db):
    """Two gunicorn instances on free ports, one process each (its own "pages" cache in memory),
    both on the test database and one Redis (sessions, the shared cache): the deployment of
    docs/production.md with two app hosts. Returns their ports."""
    env = environment(REDIS_URL=redis_url)
    ports = []
    for n in (1, 2):
        port = free_port()
        server = children.start(
            f"gunicorn{n}",
            ["-m", "gunicorn", "samenspel.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env,
        )
        ports.append((server, port))
    for server, port in ports:
        wait_until_up(server, port, children)
    return [port for _server, port in ports]
