"""Safe defaults: what an operator gets by forgetting a variable is the safe choice.

DEBUG is off unless DEBUG=1 is set; an empty DATABASE_URL= means SQLite; seed_demo refuses to
put fictional people in a production database; docs/production.md serves no bare /media/.
"""

import os
import re
import runpy
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samenspel.members.models import Member

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ROOT / "samenspel" / "settings.py"
SECRET = "a-test-secret-key-that-is-long-enough-and-random-ZX81-plus-more-characters"


def settings_with(monkeypatch, **env) -> dict:
    """samenspel/settings.py evaluated again with exactly these of its variables set."""
    for name in ("DEBUG", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "X_ACCEL_REDIRECT_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_debug_is_off_unless_it_is_set(monkeypatch):
    assert settings_with(monkeypatch, SECRET_KEY=SECRET)["DEBUG"] is False
    assert settings_with(monkeypatch, SECRET_KEY=SECRET, DEBUG="")["DEBUG"] is False
    assert settings_with(monkeypatch, DEBUG="1")["DEBUG"] is True


def test_without_debug_and_without_a_secret_key_the_site_does_not_start(monkeypatch):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        settings_with(monkeypatch)


def test_an_empty_database_url_means_sqlite(monkeypatch):
    database = settings_with(monkeypatch, DEBUG="1", DATABASE_URL="")["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert str(database["NAME"]).endswith("db.sqlite3")


def test_an_empty_conn_max_age_is_the_default(monkeypatch):
    monkeypatch.setenv("CONN_MAX_AGE", "")
    database = settings_with(monkeypatch, DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/x")["DATABASES"]
    assert database["default"]["CONN_MAX_AGE"] == 60


@pytest.mark.parametrize(("value", "prepared"), [(None, True), ("", True), ("1", True), ("0", False)])
def test_postgresql_keeps_plans_unless_told_not_to(monkeypatch, value, prepared):
    """Server-side binding with prepared statements by default; DATABASE_PREPARE=0 (PgBouncer) turns it off."""
    if value is None:
        monkeypatch.delenv("DATABASE_PREPARE", raising=False)
    else:
        monkeypatch.setenv("DATABASE_PREPARE", value)
    database = settings_with(monkeypatch, DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/x")["DATABASES"]
    options = database["default"].get("OPTIONS", {})
    if prepared:
        assert options == {"server_side_binding": True, "prepare_threshold": 5}
    else:
        assert "server_side_binding" not in options and "prepare_threshold" not in options
    sqlite = settings_with(monkeypatch, DEBUG="1", DATABASE_URL="")["DATABASES"]["default"]
    assert sqlite["OPTIONS"] == {"timeout": 20}


def test_seed_demo_refuses_a_production_database(tmp_path):
    """The operator's mistake replayed: `manage.py seed_demo` with production settings."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "samenspel.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "--yes-on-production" in result.stderr
    assert not (tmp_path / "production.sqlite3").exists() or (tmp_path / "production.sqlite3").stat().st_size == 0


@pytest.mark.django_db
def test_seed_demo_without_debug_writes_nothing(settings):
    settings.DEMO_DATA_ALLOWED = False  # what settings.py makes of DEBUG=0
    with pytest.raises(CommandError, match="--yes-on-production"):
        call_command("seed_demo", stdout=StringIO())
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_seed_demo_runs_without_debug_when_told_so(settings):
    settings.DEMO_DATA_ALLOWED = False
    call_command("seed_demo", "--yes-on-production", stdout=StringIO())
    assert Member.objects.exists()


def test_the_production_nginx_config_serves_uploads_only_through_the_permission_check():
    text = (ROOT / "docs" / "production.md").read_text(encoding="utf-8")
    nginx = "\n".join(re.findall(r"```nginx\n(.*?)```", text, re.S))
    assert "location /media/" not in nginx
    internal = re.search(r"location (/[\w-]+/) \{[^}]*\binternal;[^}]*alias /var/lib/samenspel/media/;", nginx)
    assert internal, nginx
    assert f"X_ACCEL_REDIRECT_PREFIX` | `{internal.group(1)}`" in text
