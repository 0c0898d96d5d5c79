"""Production: refuses to start without a secret key, or with several workers and no shared
cache; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str, gunicorn_workers, shared_cache_problem

DEBUG = False
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

# gunicorn workers each keep their own memory cache: with several, REDIS_URL is required
# (cms/checks.py checks the final settings again, for settings modules built on these).
_problem = shared_cache_problem(CACHES, gunicorn_workers())  # noqa: F405
if _problem:
    raise ImproperlyConfigured(_problem)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP: their health endpoints answer there, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS ramps up (README, Configuration): an hour first, so a mistake (a host name that cannot
# serve HTTPS yet) is undone within the hour; then a week, a month, a year; preload last, once
# every subdomain serves HTTPS, because leaving the browsers' preload list takes months.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 3600, unit="seconds", minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# check --deploy warns while preload is off (security.W021): off is the deliberate default.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
