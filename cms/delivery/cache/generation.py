"""The content generation: a token that changes whenever public content may have changed.

It is a database row, not a cache entry: the per-process memory cache of the default
settings would let one app server's publish go unseen by the others. Reading it is one
primary-key query per API request; bumping it is one UPDATE inside the publishing
transaction, so readers switch to the new generation exactly when the content commits.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import connections, transaction
from django.utils import timezone

from ..db_routing import read_database

GENERATION_ID = 1
logger = logging.getLogger(__name__)


def api_cache():
    return caches[getattr(settings, "API_CACHE_ALIAS", "default")]


def _model():
    from ..models import ContentGeneration

    return ContentGeneration


# The token of a database no content change has reached yet (no row): reads never create one.
INITIAL_GENERATION = "initial.0"


def _read_token():
    # Raw SQL: this runs on every public API request, cache hits included, and building
    # the equivalent ORM query costs more than running it. Same database as the content read.
    model = _model()
    connection = connections[read_database(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [GENERATION_ID])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def content_generation(start=False):
    """(token, unix time) of the current content generation. With `start` (writers only), a
    database with none gets one; readers never write and see INITIAL_GENERATION instead."""
    token = _read_token()
    if token is None and start:
        content_generation_bump()
        token = _read_token()
    token = token or INITIAL_GENERATION
    # The token carries its start time ("<random>.<unix time>"): Last-Modified of every answer.
    stamp = token.rpartition(".")[2]
    return token, int(stamp) if stamp.isdigit() else 0


def content_generation_bump():
    """Invalidate every cached API response (takes effect when the current transaction commits)."""
    now = timezone.now()
    token = f"{secrets.token_hex(6)}.{int(now.timestamp())}"
    _model().objects.update_or_create(pk=GENERATION_ID, defaults={"token": token, "changed_at": now})
    transaction.on_commit(lambda: _record_generation(token))


# The token last bumped to, also kept in the cache: the outage path (cache/stale.py) cannot
# read the database, and must know whether a kept answer is still the current content.
RECORDED_GENERATION_KEY = "delivery:generation:recorded"


def _record_generation(token):
    try:
        api_cache().set(RECORDED_GENERATION_KEY, token, timeout=None)
    except Exception:  # an unreachable cache holds no kept answers either
        logger.warning("could not record the content generation in the cache", exc_info=True)


def recorded_generation():
    """The content generation token as last recorded in the cache, or None if unknown."""
    return api_cache().get(RECORDED_GENERATION_KEY)
