"""The test suite: fast hashing, plain static storage, in-memory cache, immediate tasks."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# One process: its memory cache sees every publish, so kept answers are safe to serve (outages).
API_STALE_IF_ERROR = 86400
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = True
# The suite never runs collectstatic: whitenoise serves the reader site's files from the finders.
WHITENOISE_USE_FINDERS = True
# Absolute URLs in tests name the default demo address, whatever PORT the shell exports.
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = READER_SITE_URL = "http://127.0.0.1:8000"
# The read replica's alias, unused unless a test routes to it (DATABASE_REPLICA_ALIAS): the same
# test database, through a connection of its own (tests/test_reads_never_write.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# The suite sends hundreds of API requests a minute from one address: limits only where a
# test sets them (tests/test_throttling.py).
API_RATE_LIMITS = {"anonymous": "off", "authenticated": "off"}
# The suite mails no one about errors, whatever ADMINS the shell exports.
ADMINS = []
