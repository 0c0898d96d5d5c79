"""Each worker's copy of the answers it read from Redis (cms/delivery/cache/near.py).

Against the real Redis on 127.0.0.1:6379 (database 13), as production.
"""

import pytest
import redis
from django.core.cache import caches

from cms.delivery.cache import near
from cms.delivery.cache.http import CachedResponse
from cms.delivery.cache.near import near_cache
from tests.api_helpers import publish

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/13"
DETAIL = "/api/v2/pages/{pk}/"


@pytest.fixture
def shared_cache(settings, worker_id):
    """Redis as the default cache, under a key prefix of this test process's own (xdist)."""
    prefix = f"near-{worker_id}"
    client = redis.Redis.from_url(REDIS_URL)

    def empty():
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)

    empty()
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
    }
    near_cache.clear()
    yield caches["default"]
    near_cache.clear()
    empty()
    client.close()


def answer_reads(backend, monkeypatch):
    """The keys of cached answers read from Redis from now on."""
    keys = []
    get = backend.get

    def spy(key, *args, **kwargs):
        if key.startswith("delivery:api:"):
            keys.append(key)
        return get(key, *args, **kwargs)

    monkeypatch.setattr(backend, "get", spy)
    return keys


def test_a_hit_skips_redis_once_this_worker_has_the_answer(client, make_article, shared_cache, monkeypatch):
    page = make_article("Lung cancer")
    reads = answer_reads(shared_cache, monkeypatch)
    first = client.get(DETAIL.format(pk=page.pk))
    assert len(reads) == 1  # a miss: asked Redis, then rendered and stored it in both
    second = client.get(DETAIL.format(pk=page.pk))
    assert len(reads) == 1
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    near_cache.clear()  # another worker: it has no copy, Redis has the answer
    assert client.get(DETAIL.format(pk=page.pk)).content == first.content
    assert len(reads) == 2


def test_a_publish_is_seen_at_once(client, make_article, shared_cache):
    """The copy is keyed by the content generation, read from the database on every request."""
    page = make_article("Old title")
    url = DETAIL.format(pk=page.pk)
    assert client.get(url).json()["title"] == "Old title"
    assert client.get(url).json()["title"] == "Old title"  # served from the copy
    page.title = "Corrected title"
    publish(page)
    assert client.get(url).json()["title"] == "Corrected title"
    page.unpublish()
    assert client.get(url).status_code == 404


def test_a_compressed_variant_is_kept_too(client, make_article, shared_cache, monkeypatch):
    page = make_article()
    url = DETAIL.format(pk=page.pk)
    client.get(url)
    reads = answer_reads(shared_cache, monkeypatch)
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert gzipped["Content-Encoding"] == "gzip"
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip").content == gzipped.content
    assert reads == []


def entry(size):
    return CachedResponse(
        content=b"x" * size, content_type="application/json", etag='"e"', last_modified=0, variants={}
    )


def test_answers_expire_with_the_cache_timeout(shared_cache, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(near.time, "monotonic", lambda: now[0])
    near_cache.put("g1", "k", entry(10), timeout=60)
    now[0] += 59
    assert near_cache.get("g1", "k") is not None
    now[0] += 2
    assert near_cache.get("g1", "k") is None


def test_a_new_generation_empties_it(shared_cache):
    near_cache.put("g1", "k", entry(10), timeout=60)
    assert near_cache.get("g2", "k") is None
    assert near_cache.get("g1", "k") is None  # gone, not kept for the old generation


def test_it_stays_within_its_bytes(shared_cache, settings):
    settings.API_NEAR_CACHE_MB = 1
    for n in range(10):
        near_cache.put("g1", f"k{n}", entry(200_000), timeout=60)
    assert near_cache.bytes <= 1024 * 1024
    assert near_cache.get("g1", "k0") is None  # the least recently used went first
    assert near_cache.get("g1", "k9") is not None
    near_cache.put("g1", "huge", entry(400_000), timeout=60)  # over a quarter: never kept
    assert near_cache.get("g1", "huge") is None


def test_it_is_off_with_a_per_process_cache_or_none(settings):
    near_cache.put("g1", "k", entry(10), timeout=60)  # the test settings' locmem cache
    assert near_cache.get("g1", "k") is None
    settings.API_NEAR_CACHE_MB = 0
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
    }
    near_cache.put("g1", "k", entry(10), timeout=60)
    assert near_cache.get("g1", "k") is None
