"""Production-like settings for `make bench`: DEBUG off, no HTTPS redirect on loopback."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-not-secret-" + "x" * 30)

from cms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# Plain static storage: the bench does not run collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "bench-results" / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
LOGGING = {"version": 1, "disable_existing_loggers": True}
# The bench measures throughput from one address: no API rate limits.
API_RATE_LIMITS = {"anonymous": "off", "authenticated": "off"}

# The "cold" server (bench/run.py): the response cache is a no-op, so every request misses it
# however many times the rotation wraps around.
if os.environ.get("BENCH_RESPONSE_CACHE") == "off":
    CACHES = {**CACHES, "no-response-cache": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
    API_CACHE_ALIAS = "no-response-cache"
