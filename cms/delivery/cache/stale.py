"""The last answer to each anonymous API GET, kept API_STALE_IF_ERROR seconds for outages.

The response cache is keyed by the content generation, a database read; while the database is
unreachable that key cannot be built. So each answer stored there is also kept under a key of
the request alone, with the time it was stored, for cms/delivery/outage.py to serve (marked
stale) when the database is down. Use a shared cache (REDIS_URL) for this to help.

Only an answer of the current content generation is ever served: an older one may hold text a
clinician has since corrected or withdrawn (a recall, a corrected dose). Each bump records the
new token in the cache (on commit), where the outage path can read it without the database; an
answer stored under another token, or with no token recorded, is not served.
"""

import hashlib
import logging
import time

from django.conf import settings

from .generation import api_cache, recorded_generation

logger = logging.getLogger(__name__)


def stale_if_error_seconds():
    return int(getattr(settings, "API_STALE_IF_ERROR", 86400))


def _stale_key(request):
    query = sorted(request.GET.lists())
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{query!r}"
    return f"delivery:api:stale:{hashlib.sha256(raw.encode()).hexdigest()}"


def stale_store(request, entry, token):
    """Keep `entry` (a CachedResponse of an /api/ path, built under generation `token`)."""
    seconds = stale_if_error_seconds()
    if seconds > 0 and request.path.startswith("/api/"):
        api_cache().set(_stale_key(request), (time.time(), token, entry), timeout=seconds)


def stale_entry(request):
    """(age in seconds, CachedResponse) kept for this request and young enough, or None."""
    seconds = stale_if_error_seconds()
    if seconds <= 0:
        return None
    try:
        stored = api_cache().get(_stale_key(request))
        current = recorded_generation()
    except Exception:  # the cache may be down as well: then there is nothing to serve
        logger.warning("stale-if-error: the cache is unreachable too", exc_info=True)
        return None
    if stored is None:
        return None
    stored_at, token, entry = stored
    if current is None or token != current:
        return None  # content changed since (or unknown): never serve what may be withdrawn
    age = max(0, int(time.time() - stored_at))
    return (age, entry) if age <= seconds else None
