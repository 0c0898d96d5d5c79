"""/healthz and /readyz (cms/health.py): JSON for load balancers, never cached."""

import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor

from cms import health

pytestmark = pytest.mark.django_db


def assert_never_cached(response):
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert_never_cached(response)
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_readyz_checks_database_cache_and_migrations(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert_never_cached(response)


def test_readyz_fails_when_the_database_is_unreachable(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(unreachable):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert_never_cached(response)
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "OperationalError: connection refused"
    assert body["checks"]["migrations"].startswith("OperationalError")
    assert body["checks"]["cache"] == "ok"


def test_readyz_fails_when_the_cache_keeps_nothing(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("RuntimeError")


def test_readyz_fails_with_migrations_left_to_apply(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    real_plan = MigrationExecutor.migration_plan

    def one_left(self, targets, clean_start=False):
        assert real_plan(self, targets, clean_start) == []
        return [(self.loader.graph.nodes[("delivery", "0001_initial")], False)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", one_left)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "RuntimeError: 1 migrations not applied"
