"""The bench's databases: SQLite files copied from a migrated template, PostgreSQL databases
created from a migrated template database (`CREATE DATABASE ... TEMPLATE`), and Redis."""

import os
import shutil
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis

from bench.servers import ROOT

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
# Database names: <prefix>_template and <prefix>_<size>.
PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench")
# Variables that would change what the bench measures if inherited from the shell.
_INHERITED = ("REDIS_URL", "DATABASE_URL", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "TASKS_BACKEND")


def _postgres_url(name):
    parts = urlsplit(POSTGRES_URL)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _admin():
    return psycopg.connect(_postgres_url("postgres"), autocommit=True)


class Database:
    """One kind of database: `template()` migrates once, `create(size)` gives a fresh copy."""

    def __init__(self, kind, out):
        self.kind = kind
        self.out = out
        self.created = []

    def label(self):
        return "PostgreSQL" if self.kind == "postgres" else "SQLite"

    def url(self, size):
        if self.kind == "postgres":
            return _postgres_url(f"{PREFIX}_{size}")
        return f"sqlite:///{self.out / f'db-{size}.sqlite3'}"

    def env(self, url, **extra):
        env = {k: v for k, v in os.environ.items() if k not in _INHERITED}
        env.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DATABASE_URL=url,
            PYTHONPATH=str(ROOT),
            TASKS_BACKEND="immediate",
        )
        if self.kind == "postgres":
            # Production's layout: a shared cache that every worker and app server reads.
            env["REDIS_URL"] = REDIS_URL
        # SQLite keeps each worker's own memory cache (no REDIS_URL). Still right for the bench,
        # several workers included: every cache hit first reads the content generation, a
        # database row every worker shares (cms/delivery/cache/generation.py, checked on each
        # request by cms/delivery/cache/http.py), so no worker can serve an answer another
        # worker's publish made stale; the per-process cache only costs more cold misses.
        env.update(extra)
        return env

    def template(self):
        """Migrate an empty template once; return the seconds it took."""
        started = time.monotonic()
        if self.kind == "postgres":
            name = f"{PREFIX}_template"
            with _admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}"')
            self.created.append(name)
            url = _postgres_url(name)
        else:
            path = self.out / "template.sqlite3"
            path.unlink(missing_ok=True)
            url = f"sqlite:///{path}"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=self.env(url), check=True
        )
        return round(time.monotonic() - started, 1)

    def create(self, size):
        """A fresh database for `size` pages, copied from the template; its URL."""
        if self.kind == "postgres":
            name = f"{PREFIX}_{size}"
            with _admin() as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{PREFIX}_template"')
            if name not in self.created:
                self.created.append(name)
        else:
            shutil.copy(self.out / "template.sqlite3", self.out / f"db-{size}.sqlite3")
        return self.url(size)

    def drop_all(self):
        if self.kind != "postgres" or not self.created:
            return
        with _admin() as admin:
            for name in self.created:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created = []


def redis_flush():
    """FLUSHDB the bench's Redis database (that index only) before each configuration."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    finally:
        client.close()


def server_versions(kinds):
    versions = {}
    if "postgres" in kinds:
        try:
            with _admin() as admin:
                versions["postgres"] = admin.execute("SHOW server_version").fetchone()[0]
        except psycopg.Error as error:
            versions["postgres"] = f"unavailable: {error}"
        try:
            client = redis.Redis.from_url(REDIS_URL)
            versions["redis"] = client.info("server")["redis_version"]
            client.close()
        except redis.RedisError as error:
            versions["redis"] = f"unavailable: {error}"
    return versions
