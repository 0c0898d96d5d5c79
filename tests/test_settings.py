"""Settings read the environment through typed readers; production refuses to start without a
secret key, or with several workers and no shared cache; errors are logged and mailed."""

import datetime
import io
import logging
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cms import checks as cms_checks
from cms.settings.env import (
    env_addresses,
    env_bool,
    env_choice,
    env_email,
    env_float,
    env_int,
    env_int_list,
    env_list,
    env_rate,
    env_str,
    gunicorn_workers,
    shared_cache_problem,
)
from tests.settings_support import ROOT, environment, key, manage, settings_of

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_a_real_key():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=key())
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_whitenoise_comes_right_after_security_middleware(settings):
    middleware = settings.MIDDLEWARE
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


def test_database_and_cache_come_from_the_environment():
    code = (
        "from django.conf import settings;"
        "print(settings.DATABASES['default']['ENGINE']);"
        "print(settings.CACHES['default']['BACKEND']);"
        "print(settings.ALLOWED_HOSTS)"
    )
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DATABASE_URL="postgres://u@db.example:5432/cms",
        REDIS_URL="redis://127.0.0.1:6379/3",
        ALLOWED_HOSTS="cms.example.org,api.example.org",
    )
    out = subprocess.run(
        [sys.executable, "-c", "import django;django.setup();" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert out[0] == "django.db.backends.postgresql"
    assert out[1] == "django_redis.cache.RedisCache"
    assert out[2] == "['cms.example.org', 'api.example.org']"


# Typed readers (cms/settings/env.py): a value, the default when unset or empty, and an error that
# names the variable, the value and what was expected.


def test_env_int(monkeypatch):
    monkeypatch.delenv("CMS_T", raising=False)
    assert env_int("CMS_T", 7) == 7
    monkeypatch.setenv("CMS_T", "")
    assert env_int("CMS_T", 7) == 7
    monkeypatch.setenv("CMS_T", " 42 ")
    assert env_int("CMS_T", 7, unit="seconds", minimum=0) == 42
    monkeypatch.setenv("CMS_T", "abc")
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("CMS_T", 7, unit="seconds")
    assert str(error.value) == "CMS_T must be a whole number of seconds, got 'abc'."
    monkeypatch.setenv("CMS_T", "2.5")
    with pytest.raises(ImproperlyConfigured, match=r"^CMS_T must be a whole number, got '2.5'\.$"):
        env_int("CMS_T", 7)
    monkeypatch.setenv("CMS_T", "-1")
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("CMS_T", 7, unit="proxies", minimum=0)
    assert str(error.value) == "CMS_T must be a whole number of proxies (0 or more), got '-1'."
    monkeypatch.setenv("CMS_T", "70000")
    with pytest.raises(ImproperlyConfigured) as error:
        env_int("CMS_T", 8000, minimum=1, maximum=65535)
    assert str(error.value) == "CMS_T must be a whole number (1 to 65535), got '70000'."


def test_env_float(monkeypatch):
    monkeypatch.delenv("CMS_T", raising=False)
    assert env_float("CMS_T", 5.0) == 5.0
    monkeypatch.setenv("CMS_T", "2.5")
    assert env_float("CMS_T", 5.0, unit="seconds", minimum=0.1) == 2.5
    for bad in ("fast", "nan", "inf", "0"):
        monkeypatch.setenv("CMS_T", bad)
        with pytest.raises(ImproperlyConfigured) as error:
            env_float("CMS_T", 5.0, unit="seconds", minimum=0.1)
        assert str(error.value) == f"CMS_T must be a number of seconds (0.1 or more), got {bad!r}."


def test_env_bool(monkeypatch):
    monkeypatch.delenv("CMS_T", raising=False)
    assert env_bool("CMS_T", True) is True
    words = [("1", True), ("TRUE", True), ("yes", True), ("On", True)]
    words += [("0", False), ("false", False), ("NO", False), ("off", False)]
    for word, value in words:
        monkeypatch.setenv("CMS_T", word)
        assert env_bool("CMS_T", not value) is value, word
    # A typo used to mean "off" without a word; now it stops start-up.
    monkeypatch.setenv("CMS_T", "ture")
    with pytest.raises(ImproperlyConfigured) as error:
        env_bool("CMS_T", True)
    assert str(error.value) == "CMS_T must be one of 1/true/yes/on (on) or 0/false/no/off (off), got 'ture'."


def test_env_str_and_lists(monkeypatch):
    monkeypatch.setenv("CMS_T", "")
    assert env_str("CMS_T", "fallback") == "fallback"
    monkeypatch.setenv("CMS_T", "a, b,,c ")
    assert env_list("CMS_T") == ["a", "b", "c"]
    monkeypatch.delenv("CMS_T")
    assert env_list("CMS_T", "x,y") == ["x", "y"]
    assert env_int_list("CMS_T", "480,800") == [480, 800]
    monkeypatch.setenv("CMS_T", "480,big")
    with pytest.raises(ImproperlyConfigured) as error:
        env_int_list("CMS_T", "480,800", unit="pixels", minimum=1)
    assert (
        str(error.value)
        == "CMS_T must be comma-separated whole numbers of pixels (1 or more), got '480,big'."
    )
    monkeypatch.setenv("CMS_T", "480,0")
    with pytest.raises(ImproperlyConfigured, match="got '480,0'"):
        env_int_list("CMS_T", "480,800", unit="pixels", minimum=1)


def test_env_choice_and_rate(monkeypatch):
    monkeypatch.setenv("CMS_T", "debug")
    assert env_choice("CMS_T", "WARNING", ("DEBUG", "INFO", "WARNING")) == "DEBUG"
    monkeypatch.setenv("CMS_T", "databse")
    with pytest.raises(ImproperlyConfigured) as error:
        env_choice("CMS_T", "immediate", ("immediate", "database"))
    assert str(error.value) == "CMS_T must be one of immediate, database, got 'databse'."
    for rate in ("10/s", "300/min", "5000/hour", "1/day", "OFF"):
        monkeypatch.setenv("CMS_T", rate)
        assert env_rate("CMS_T", "300/min") == ("off" if rate == "OFF" else rate)
    for bad in ("300", "300/week", "many/min", "/min"):
        monkeypatch.setenv("CMS_T", bad)
        with pytest.raises(ImproperlyConfigured) as error:
            env_rate("CMS_T", "300/min")
        assert str(error.value) == (
            f"CMS_T must be a rate such as 300/min (N/s, N/min, N/hour, N/day) or off, got {bad!r}."
        )


def test_env_addresses_and_email(monkeypatch):
    monkeypatch.setenv("CMS_T", "Ops <ops@example.org>, Jo <jo@example.org>")
    assert env_addresses("CMS_T") == [("Ops", "ops@example.org"), ("Jo", "jo@example.org")]
    monkeypatch.setenv("CMS_T", '"Doe, Jo" <jo@example.org>,ops@example.org')
    assert env_addresses("CMS_T") == [("Doe, Jo", "jo@example.org"), ("ops@example.org", "ops@example.org")]
    monkeypatch.delenv("CMS_T")
    assert env_addresses("CMS_T") == []
    for bad in ("ops", "Ops <ops@example.org>, jo", "ops@example.org jo@example.org"):
        monkeypatch.setenv("CMS_T", bad)
        with pytest.raises(ImproperlyConfigured) as error:
            env_addresses("CMS_T")
        assert str(error.value) == (
            "CMS_T must be comma-separated e-mail addresses such as "
            f"'Ops <ops@example.org>, jo@example.org', got {bad!r}."
        )
    monkeypatch.setenv("CMS_T", "CMS <cms@example.org>")
    assert env_email("CMS_T", "cms@localhost") == "CMS <cms@example.org>"
    monkeypatch.setenv("CMS_T", "cms")
    with pytest.raises(ImproperlyConfigured, match=r"^CMS_T must be an e-mail address .*, got 'cms'\.$"):
        env_email("CMS_T", "cms@localhost")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "API_STALE_IF_ERROR",
            "abc",
            "API_STALE_IF_ERROR must be a whole number of seconds (0 or more), got 'abc'.",
        ),
        ("TRUSTED_PROXY_COUNT", "one", "TRUSTED_PROXY_COUNT must be a whole number of proxies (0 or more)"),
        ("PORT", "http", "PORT must be a whole number (1 to 65535), got 'http'."),
        ("ARTICLE_IMPORT_MAX_BYTES", "10MB", "ARTICLE_IMPORT_MAX_BYTES must be a whole number of bytes"),
        (
            "WEBHOOKS_TIMEOUT",
            "fast",
            "WEBHOOKS_TIMEOUT must be a number of seconds (0.1 or more), got 'fast'.",
        ),
        ("API_RATE_LIMIT_ANONYMOUS", "lots", "API_RATE_LIMIT_ANONYMOUS must be a rate such as 300/min"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got 'loud'."),
        ("TASKS_BACKEND", "databse", "TASKS_BACKEND must be one of immediate, database, got 'databse'."),
        ("ADMINS", "ops", "ADMINS must be comma-separated e-mail addresses"),
        ("SECURE_HSTS_PRELOAD", "maybe", "SECURE_HSTS_PRELOAD must be one of 1/true/yes/on (on)"),
        (
            "WEB_CONCURRENCY",
            "four",
            "WEB_CONCURRENCY must be a whole number of workers (1 or more), got 'four'.",
        ),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(variable, value, message):
    result = manage("check", DJANGO_SECRET_KEY=key(), **{variable: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_settings_keep_their_defaults():
    assert settings_of(
        "API_STALE_IF_ERROR",
        "TRUSTED_PROXY_COUNT",
        "ARTICLE_IMPORT_MAX_BYTES",
        "WEBHOOKS_TIMEOUT",
        "API_IMAGE_WIDTHS",
        "AXES_COOLOFF_TIME",
        "WAGTAILADMIN_BASE_URL",
        "TASKS",
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        PORT="",
        WAGTAILADMIN_BASE_URL="",
        TASKS_BACKEND="",
    ) == [
        "0",
        "0",
        "10485760",
        "5.0",
        "[480, 800, 1200, 1600]",
        repr(datetime.timedelta(minutes=15)),
        "'http://127.0.0.1:8000'",
        "{'default': {'BACKEND': 'django_tasks.backends.immediate.ImmediateBackend'}}",
    ]


def test_hsts_starts_short_without_preload():
    assert settings_of(
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        DJANGO_SECRET_KEY=key(),
    ) == ["3600", "False", "True"]
    # The last step of the ramp-up, from the environment; check --deploy is clean either way.
    ramped = {"SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_PRELOAD": "on"}
    assert settings_of("SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", DJANGO_SECRET_KEY=key(), **ramped) == [
        "31536000",
        "True",
    ]
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=key(), **ramped)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_admins_server_email_logging_and_connections_from_the_environment():
    values = settings_of(
        "ADMINS",
        "SERVER_EMAIL",
        "DEFAULT_FROM_EMAIL",
        "LOG_LEVEL",
        "DATABASES",
        DJANGO_SECRET_KEY=key(),
        DATABASE_URL="postgres://u@db.example:5432/cms",
        DATABASE_CONN_MAX_AGE="300",
        ADMINS="Ops <ops@example.org>, Jo <jo@example.org>",
        SERVER_EMAIL="CMS errors <errors@example.org>",
        DEFAULT_FROM_EMAIL="cms@example.org",
        LOG_LEVEL="info",
    )
    assert values[:4] == [
        "[('Ops', 'ops@example.org'), ('Jo', 'jo@example.org')]",
        "'CMS errors <errors@example.org>'",
        "'cms@example.org'",
        "'INFO'",
    ]
    assert "'CONN_MAX_AGE': 300" in values[4]
    assert "'CONN_HEALTH_CHECKS': True" in values[4]
    # Unset: nobody is mailed; errors come from the notifications' sender.
    assert settings_of(
        "ADMINS", "SERVER_EMAIL", DJANGO_SECRET_KEY=key(), DEFAULT_FROM_EMAIL="cms@example.org"
    ) == [
        "[]",
        "'cms@example.org'",
    ]


def test_smtp_from_the_environment():
    assert settings_of(
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        DJANGO_SECRET_KEY=key(),
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="cms",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="on",
    ) == ["'smtp.example.org'", "587", "'cms'", "'s3cret'", "True"]
    result = manage("check", DJANGO_SECRET_KEY=key(), EMAIL_PORT="smtp")
    assert "ImproperlyConfigured: EMAIL_PORT must be a whole number" in result.stderr


@pytest.mark.django_db
def test_a_server_error_is_logged_and_mailed_to_admins_once(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("health is broken")

    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    written = io.StringIO()
    monkeypatch.setattr(console, "stream", written)
    monkeypatch.setattr("cms.health.JsonResponse", broken)
    client.raise_request_exception = False
    with override_settings(ADMINS=[("Ops", "ops@example.org")]):
        assert client.get("/healthz").status_code == 500
        # Another host name: written down, nobody mailed.
        assert client.get("/healthz", headers={"host": "scanner.example"}).status_code == 400
    assert [message.to for message in mail.outbox] == [["ops@example.org"]]
    assert "Internal Server Error: /healthz" in mail.outbox[0].subject
    assert "RuntimeError at /healthz\nhealth is broken" in mail.outbox[0].body
    logged = written.getvalue()
    assert "ERROR django.request" in logged
    assert "RuntimeError: health is broken" in logged
    assert "ERROR django.security.DisallowedHost" in logged


def test_a_database_outage_is_logged_but_not_mailed(client, monkeypatch):
    """Every request of an outage fails alike: written down, answered 503, nobody mailed each time."""
    from django.db import OperationalError

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    [console] = [handler for handler in logging.getLogger().handlers if handler.name == "console"]
    written = io.StringIO()
    monkeypatch.setattr(console, "stream", written)
    monkeypatch.setattr("cms.health.JsonResponse", unreachable)
    client.raise_request_exception = False
    with override_settings(ADMINS=[("Ops", "ops@example.org")]):
        assert client.get("/healthz").status_code == 503
    assert [m.subject for m in mail.outbox] == []
    assert "OperationalError: connection refused" in written.getvalue()


def test_production_logs_to_stderr_at_log_level_and_mails_errors():
    code = (
        "import django, logging; django.setup(); from django.core import mail; "
        "log = logging.getLogger('cms.delivery.webhooks'); "
        "log.info('delivery attempt 1'); log.warning('endpoint slow'); log.error('delivery failed'); "
        "print([(m.subject, m.to, m.from_email) for m in getattr(mail, 'outbox', [])])"
    )

    def run(**env):
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=environment(
                DJANGO_SECRET_KEY=key(),
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                ADMINS="Ops <ops@example.org>",
                SERVER_EMAIL="errors@example.org",
                **env,
            ),
            capture_output=True,
            text=True,
            check=True,
        )

    result = run()
    assert "WARNING cms.delivery.webhooks" in result.stderr
    assert "ERROR cms.delivery.webhooks" in result.stderr
    assert "delivery attempt 1" not in result.stderr
    assert (
        result.stdout.strip()
        == "[('[Django] ERROR: delivery failed', ['ops@example.org'], 'errors@example.org')]"
    )
    assert "INFO cms.delivery.webhooks" in run(LOG_LEVEL="INFO").stderr


def test_a_server_error_is_not_mailed_without_admins(client, monkeypatch, db):
    monkeypatch.setattr("cms.health.JsonResponse", lambda *a, **k: 1 / 0)
    client.raise_request_exception = False
    assert client.get("/healthz").status_code == 500
    assert mail.outbox == []


# Several workers need the shared cache: gunicorn's worker count from WEB_CONCURRENCY, or from
# --workers in GUNICORN_CMD_ARGS.


def test_gunicorn_workers(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    assert gunicorn_workers() == 1
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    assert gunicorn_workers() == 4
    for args, workers in [("--workers 3", 3), ("-w 2 --timeout 30", 2), ("--workers=5", 5), ("-w6", 6)]:
        monkeypatch.setenv("GUNICORN_CMD_ARGS", args)
        assert gunicorn_workers() == workers, args
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--timeout 30 --worker-class sync")
    assert gunicorn_workers() == 4
    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--workers many")
    with pytest.raises(ImproperlyConfigured, match="GUNICORN_CMD_ARGS must be a whole number of workers"):
        gunicorn_workers()


def test_shared_cache_problem():
    assert shared_cache_problem(LOCMEM, 1) is None
    assert shared_cache_problem(REDIS, 8) is None
    problem = shared_cache_problem(LOCMEM, 4)
    assert problem.startswith("4 gunicorn workers (WEB_CONCURRENCY or GUNICORN_CMD_ARGS) need a shared cache")
    assert "CACHES 'default' is not shared between processes" in problem
    dummy = {**REDIS, "off": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert "CACHES 'off' is not shared" in shared_cache_problem(dummy, 2)


def test_the_deploy_check_refuses_several_workers_on_a_per_process_cache(monkeypatch):
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "4")
    with override_settings(CACHES=LOCMEM):
        [error] = cms_checks.shared_cache_check()
    assert error.id == "cms.E001"
    assert error.msg.startswith("4 gunicorn workers")
    with override_settings(CACHES=REDIS):
        assert cms_checks.shared_cache_check() == []
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    with override_settings(CACHES=LOCMEM):
        assert cms_checks.shared_cache_check() == []
    monkeypatch.setenv("WEB_CONCURRENCY", "lots")
    with override_settings(CACHES=LOCMEM):
        [error] = cms_checks.shared_cache_check()
    assert error.id == "cms.E002"


def test_the_deploy_check_runs_with_manage_py_check_deploy():
    """A settings module that swaps in a memory cache after production's is caught at deploy."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "caches"],
        cwd=ROOT,
        env=environment(DJANGO_SETTINGS_MODULE="cms.settings.test", WEB_CONCURRENCY="4"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "cms.E001" in result.stderr
    assert "4 gunicorn workers" in result.stderr


def test_production_refuses_several_workers_without_redis():
    result = manage("check", "--deploy", DJANGO_SECRET_KEY=key(), WEB_CONCURRENCY="4")
    assert result.returncode != 0
    assert (
        "ImproperlyConfigured: 4 gunicorn workers (WEB_CONCURRENCY or GUNICORN_CMD_ARGS) need a shared"
        in (result.stderr)
    )
    result = manage("check", "--deploy", DJANGO_SECRET_KEY=key(), GUNICORN_CMD_ARGS="--workers 3")
    assert result.returncode != 0
    assert "ImproperlyConfigured: 3 gunicorn workers" in result.stderr


def test_production_with_several_workers_and_redis_is_clean():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=key(),
        WEB_CONCURRENCY="4",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_one_worker_without_redis_serves_no_kept_answers():
    """Allowed (one process sees every publish), but outages answer 503, not kept answers: a
    second app server with its own memory would not see this one's publishes."""
    assert settings_of("API_STALE_IF_ERROR", "CACHES", DJANGO_SECRET_KEY=key(), WEB_CONCURRENCY="1") == [
        "0",
        "{'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}",
    ]


def test_gunicorn_refuses_to_start_several_workers_without_redis():
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cms.wsgi", "--bind", "127.0.0.1:0", "--timeout", "20"],
        cwd=ROOT,
        env=environment(DJANGO_SECRET_KEY=key(), WEB_CONCURRENCY="2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.terminate()  # gunicorn stops its workers on SIGTERM
        process.communicate(timeout=30)
        pytest.fail("gunicorn served two workers on a per-process cache")
    assert process.returncode != 0
    assert "2 gunicorn workers (WEB_CONCURRENCY or GUNICORN_CMD_ARGS) need a shared cache" in stderr
