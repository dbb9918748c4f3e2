"""Plain helpers of the tests that start other processes: free ports, the environment, waiting."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def missing(reason: str):
    """Skip where a service is absent on a development machine; fail in CI, which has them all."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def database_url() -> str:
    """The test database as a DATABASE_URL, for processes that must read and write what the test does."""
    if connection.vendor != "postgresql":  # CI runs the suite on PostgreSQL too
        pytest.skip(
            "needs PostgreSQL (run with DATABASE_URL set): the other processes must share the test "
            "database, and SQLite's test database is in this process's memory"
        )
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def environment(**extra: str) -> dict[str, str]:
    """This process's environment for a child: DEBUG on, the test database, no rate limits."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url(), "DISABLE_RATE_LIMITS": "1"}
    for name in ("REDIS_URL", "TASKS_BACKEND", "TASKS_REDIS_URL", "EMAIL_BACKEND", "PORT"):
        env.pop(name, None)
    env.update(extra)
    return env


class Children:
    """Processes started by a test: their output in a file each, all ended when the test ends."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        """Run `python <args>` in the repository (`["manage.py", ...]`, `["-m", "gunicorn", ...]`)."""
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603 - this Python on our own code
                [sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        self.started.append((process, log))
        return process

    def output(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}" for _, log in self.started)

    def end(self) -> None:
        for process, _ in self.started:
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 10
        for process, _ in self.started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Browser:
    """One person's browser: cookies kept, sent to whichever server it asks (as behind a load balancer)."""

    def __init__(self, session_key: str | None = None):
        self.cookies: dict[str, str] = {}
        if session_key:
            self.cookies[settings.SESSION_COOKIE_NAME] = session_key

    def request(self, port: int, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Accept-Language": "en", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";")[0]
            return response.status, response.read().decode()
        finally:
            conn.close()

    def get(self, port: int, path: str) -> str:
        status, text = self.request(port, "GET", path)
        assert status == 200, f"GET {path} on port {port}: {status}"
        return text

    def submit(self, port: int, path: str, data: dict) -> int:
        """Open the form at `path` and post `data` with its CSRF token, as a person does; the status."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(port, path))
        assert token, f"no form on {path}"
        status, _text = self.request(port, "POST", path, {**data, "csrfmiddlewaretoken": token.group(1)})
        return status


def logged_in(person) -> Browser:
    """A browser with a session of `person`, made in the test database (every server reads it there)."""
    client = Client()
    client.force_login(person)
    return Browser(client.cookies[settings.SESSION_COOKIE_NAME].value)


def wait_until_up(process: subprocess.Popen, port: int, children: "Children", timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server on port {port} stopped (exit {process.returncode}):\n{children.output()}")
        try:
            Browser().request(port, "GET", "/")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server on port {port} did not answer within {timeout} s:\n{children.output()}")
