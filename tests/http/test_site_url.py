"""Absolute links in emails sent by `make run` point at the address it serves: in development
SITE_URL follows PORT, the port bin/run-dev serves on; a SITE_URL that is set wins."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def site_url(**env) -> str:
    """settings.SITE_URL as a fresh process reads it from these environment variables."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "samenspel.settings", "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"DEBUG": "1", "PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"DEBUG": "1"}, "http://127.0.0.1:8000"),
        ({"DEBUG": "1", "PORT": "8123", "SITE_URL": "https://samenspel.example.org/"}, "https://samenspel.example.org"),
        ({"DEBUG": "1", "PORT": "not-a-port"}, "http://127.0.0.1:8000"),
        # in production PORT says where gunicorn listens behind the proxy, not the public address
        ({"PORT": "8123", "DEBUG": "0", "ALLOWED_HOSTS": "samenspel.example.org"}, "http://127.0.0.1:8000"),
    ],
)
def test_site_url_follows_port_in_development(env, expected):
    assert site_url(**env) == expected


def test_run_dev_passes_its_port_on_to_the_server_and_the_worker():
    """bin/run-dev exports PORT (and DEBUG), so the task worker that sends the emails reads the same SITE_URL."""
    script = (ROOT / "bin" / "run-dev").read_text()
    assert 'export PORT="${PORT:-8000}"' in script
    assert 'export DEBUG="${DEBUG:-1}"' in script
    assert 'runserver "127.0.0.1:${PORT}"' in script
    makefile = (ROOT / "Makefile").read_text()
    assert "PORT=$(PORT) bin/run-dev" in makefile
