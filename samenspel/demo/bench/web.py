"""HTTP for the load runs of `make bench` (issue 13): members' sessions, forms, a small client.

The runs post as real members do: each one with their own session cookie and a CSRF cookie and
form token, to the site's own URLs, on a gunicorn that bin/bench started with the bench settings.

- `member_session(member)` makes the session a login would make (in the session store the site
  uses: Redis and the database with REDIS_URL, else the database), without a login request:
  the runs measure the writes, not 1,000 logins.
- `member_cookies(member)` adds a CSRF secret: the browser's `csrftoken` cookie. Django accepts
  the secret itself as the form's token (`csrf_fields`), as it accepts the masked one a page gives.
- `Client` is one keep-alive connection per thread (gunicorn's sync workers close it after
  each response; `http.client` opens a new one by itself).

Pure helpers (`percentile`, `Latencies`) are tested in tests/bench/test_bench_load.py.
"""

import http.client
import math
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit


def percentile(values: list[float], share: float) -> float:
    """The `share` (0..1) percentile of `values` by the nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


@dataclass
class Latencies:
    """Milliseconds per request and the status of each, for one kind of request."""

    ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, status: int, ms: float) -> None:
        self.ms.append(ms)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def merge(self, other: "Latencies") -> None:
        self.ms += other.ms
        for status, n in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + n

    @property
    def count(self) -> int:
        return len(self.ms)

    @property
    def server_errors(self) -> int:
        """5xx answers, and 0 for a request that got no answer at all (a broken connection)."""
        return sum(n for status, n in self.statuses.items() if status >= 500 or status == 0)

    def p50(self) -> float:
        return percentile(self.ms, 0.50)

    def p99(self) -> float:
        return percentile(self.ms, 0.99)


def member_session(member) -> str:
    """A new session of `member`, as `django.contrib.auth.login` stores it; returns its key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = member._meta.pk.value_to_string(member)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = member.get_session_auth_hash()
    store.create()
    return store.session_key


def member_cookies(member) -> dict[str, str]:
    """The cookies of a logged-in browser: the session and a CSRF secret."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    return {settings.SESSION_COOKIE_NAME: member_session(member), settings.CSRF_COOKIE_NAME: _get_new_csrf_string()}


def csrf_fields(cookies: dict[str, str]) -> dict[str, str]:
    """The hidden form field that goes with the CSRF cookie."""
    from django.conf import settings

    return {"csrfmiddlewaretoken": cookies[settings.CSRF_COOKIE_NAME]}


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


@dataclass(frozen=True)
class Answer:
    status: int  # 0: no answer (the connection broke)
    ms: float
    location: str = ""


class Client:
    """One HTTP connection to the bench's gunicorn (use one per thread)."""

    def __init__(self, base: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)

    def request(self, method: str, path: str, *, cookies: dict[str, str], data: dict | None = None) -> Answer:
        headers = {"Cookie": cookie_header(cookies), "Origin": self.origin}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return Answer(0, (time.perf_counter() - started) * 1000)
        return Answer(response.status, (time.perf_counter() - started) * 1000, response.getheader("Location") or "")

    def post(self, path: str, *, cookies: dict[str, str], data: dict | None = None) -> Answer:
        return self.request("POST", path, cookies=cookies, data={**(data or {}), **csrf_fields(cookies)})

    def close(self) -> None:
        self.connection.close()
