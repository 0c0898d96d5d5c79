"""Settings of `make soak` (bench/soak.py): production's, on loopback, without collectstatic."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "soak-only-key-not-secret-" + "x" * 30)

from cms.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# Plain static storage served from the finders: the soak does not run collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Every client of the soak is 127.0.0.1: the per-address API limits would turn its load into 429s.
API_RATE_LIMITS = {"anonymous": "off", "authenticated": "off"}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
