"""Settings come from the environment and fail loudly on nonsense."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _settings(**env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'], settings.ALLOWED_HOSTS)"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "sedp.settings", **env},
    )


def test_no_environment_means_sqlite_in_debug():
    result = _settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("True django.db.backends.sqlite3")


def test_production_needs_a_secret_key():
    result = _settings(DEBUG="0")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_bad_boolean_is_refused():
    result = _settings(DEBUG="maybe")
    assert result.returncode != 0 and "DEBUG must be a boolean" in result.stderr


def test_postgres_and_hosts_from_environment():
    result = _settings(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="kh.laocai.gov.vn, a.b",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/sedp",
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout and "['kh.laocai.gov.vn', 'a.b']" in result.stdout
