"""Helpers of the settings tests: manage.py and the settings as a fresh process with a given
environment sees them (production settings unless told otherwise)."""

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the shell may export that would change what these subprocesses see.
SCRUBBED = {
    "DJANGO_SECRET_KEY",
    "REDIS_URL",
    "WEB_CONCURRENCY",
    "GUNICORN_CMD_ARGS",
    "ADMINS",
    "SERVER_EMAIL",
    "LOG_LEVEL",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "DATABASE_CONN_MAX_AGE",
    "API_STALE_IF_ERROR",
}


def key():
    return secrets.token_urlsafe(50)


# The start-up checks exercise the translation write in a transaction, so they need a database
# they can connect to, whatever DATABASE_URL the suite itself runs on (an unmigrated one will do).
CHECK_DATABASE = f"sqlite:///{Path(tempfile.gettempdir()) / 'cms-settings-checks.sqlite3'}"


def environment(**env):
    result = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    result.update(
        {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "DATABASE_URL": CHECK_DATABASE, **env}
    )
    return result


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def settings_of(*names, **env):
    """The values of settings `names` as the settings module of `env` makes them (a subprocess)."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps([repr(getattr(settings, name)) for name in {list(names)!r}]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
