"""The content generation: a token that changes whenever public content may have changed."""

import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "delivery:api:generation"


def api_cache():
    return caches[getattr(settings, "API_CACHE_ALIAS", "default")]


def _new_generation():
    # (token, unix time): the time doubles as Last-Modified of every API response.
    return (secrets.token_hex(6), int(time.time()))


def content_generation():
    """(token, unix time) of the current content generation; starts one if the cache has none."""
    cache = api_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY) or _new_generation()
    return generation


def _bump():
    api_cache().set(GENERATION_KEY, _new_generation(), timeout=None)


def content_generation_bump():
    """Invalidate every cached API response, now and again when the transaction commits.

    The bump after commit closes the race where a request reads the old rows, then stores
    its response under a generation taken before the commit.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump, robust=True)
