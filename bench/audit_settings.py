"""`make audit`: the bench's production-like settings, with the project's own URLs and hashed,
compressed static files (collectstatic), as a production server serves them."""

from bench.settings import *  # noqa: F403
from bench.settings import BASE_DIR, STORAGES

ROOT_URLCONF = "cms.urls"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "bench-results" / "audit" / "static"
