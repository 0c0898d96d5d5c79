"""Health endpoints for load balancers and orchestrators: JSON, never cached.

- `/healthz`: the process is alive and answers (touches nothing else).
- `/readyz`: it can serve: every database answers (the replica too, when configured), the cache
  stores and returns a value, and no migration is left to apply. 200 when all hold, else 503
  with the failing checks named.

    {"status": "ok", "checks": {"database": "ok", "cache": "ok", "migrations": "ok"}}
    {"status": "unavailable", "checks": {"database": "OperationalError: connection refused", ...}}
"""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OK = "ok"
_migrated = False


def _failure(error):
    """`Type: first line of the message`: enough to tell what failed, no traceback."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0] if lines else ''}"


def check_databases():
    aliases = [DEFAULT_DB_ALIAS, getattr(settings, "DATABASE_REPLICA_ALIAS", None)]
    for alias in filter(None, aliases):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    probe = secrets.token_hex(8)
    cache.set("health:readyz", probe, timeout=10)
    if cache.get("health:readyz") != probe:
        raise RuntimeError("the cache did not return what was stored")


def check_migrations():
    # Once applied they stay applied for this process's code: the graph is read from disk only
    # until then.
    global _migrated
    if not _migrated:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise RuntimeError(f"{len(plan)} migrations not applied")
        _migrated = True


CHECKS = {"database": check_databases, "cache": check_cache, "migrations": check_migrations}


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def readyz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # database, cache client (redis.exceptions.*) or our own
            results[name] = _failure(error)
        else:
            results[name] = OK
    ready = all(result == OK for result in results.values())
    body = {"status": OK if ready else "unavailable", "checks": results}
    return JsonResponse(body, status=200 if ready else 503)
