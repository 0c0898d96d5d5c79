"""Public reads: never a database write, and served from the read replica when there is one.

`PublicReadMiddleware` marks every anonymous GET or HEAD outside the admin and the preview as
a public read for as long as it runs. During one:

- `ReplicaRouter` sends every ORM read to the `replica` database (DATABASE_REPLICA_URL), when
  it is configured: those callers only ever see published content, which a replica a moment
  behind serves as well. Writes always go to `default`.
- code that would store something derived (API snapshots, image renditions) renders it in
  memory instead (`public_read_in_progress()`): the APIs and the reader site work on a role
  with SELECT-only grants. Background tasks build those things ahead (at publish, on save).

The admin and the preview stay on the primary: editors must read their own writes at once.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.db import router

REPLICA = "replica"
# Paths whose GETs are not public reads: editors' screens, and drafts just stored for preview.
PRIMARY_PREFIXES = ("/admin/", "/api/v2/page_preview/", "/preview.html")

_public_read = contextvars.ContextVar("public_read", default=False)


def public_read_in_progress():
    """True while an anonymous GET/HEAD (or `public_read()`) runs: nothing may be stored."""
    return _public_read.get()


@contextmanager
def public_read():
    """Run the block as a public read (routed to the replica, storing nothing)."""
    marker = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(marker)


def read_database(model):
    """The alias reads of `model` go to now (the replica during a public read, if configured)."""
    return router.db_for_read(model) or "default"


def is_public_read(request):
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIMARY_PREFIXES):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


class PublicReadMiddleware:
    """Marks anonymous GET/HEAD requests as public reads. Goes before the API cache middleware,
    so that its content-generation read goes to the same database as the content."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_read(request):
            return self.get_response(request)
        with public_read():
            return self.get_response(request)


class ReplicaRouter:
    """Reads of public requests go to the replica, when DATABASE_REPLICA_URL configures one."""

    def db_for_read(self, model, **hints):
        alias = getattr(settings, "DATABASE_REPLICA_ALIAS", None)
        return alias if alias and public_read_in_progress() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary's schema; it is never migrated itself.
        return db != REPLICA
