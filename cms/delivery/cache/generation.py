"""The content generation: a token that changes whenever public content may have changed.

It is a database row, not a cache entry: the per-process memory cache of the default
settings would let one app server's publish go unseen by the others. Reading it is one
primary-key query per API request; bumping it is one UPDATE inside the publishing
transaction, so readers switch to the new generation exactly when the content commits.
"""

import secrets

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

GENERATION_ID = 1


def api_cache():
    return caches[getattr(settings, "API_CACHE_ALIAS", "default")]


def _model():
    from ..models import ContentGeneration

    return ContentGeneration


def content_generation():
    """(token, unix time) of the current content generation; starts one if there is none."""
    row = _model().objects.filter(pk=GENERATION_ID).values_list("token", "changed_at").first()
    if row is None:
        content_generation_bump()
        row = _model().objects.values_list("token", "changed_at").get(pk=GENERATION_ID)
    token, changed_at = row
    return token, int(changed_at.timestamp())


def content_generation_bump():
    """Invalidate every cached API response (takes effect when the current transaction commits)."""
    _model().objects.update_or_create(
        pk=GENERATION_ID, defaults={"token": secrets.token_hex(6), "changed_at": timezone.now()}
    )
