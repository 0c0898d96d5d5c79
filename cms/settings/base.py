"""Settings shared by every environment, switched by environment variables.

dev.py, test.py and production.py only override what must differ.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import (
    env_addresses,
    env_bool,
    env_choice,
    env_email,
    env_float,
    env_int,
    env_int_list,
    env_list,
    env_rate,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours
    "home",
    "cms.articles",
    "cms.editorial",
    "cms.localization",
    "cms.delivery",
    "cms.demo",
    # Third party
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_headless_preview",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # django-ninja's Swagger UI assets: the v2 and v3 docs pages load them from here, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "csp",
    # Admin sign-in lockout after repeated failures (django-axes).
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: gzip/brotli for every text answer, whitenoise's and cached API answers included
    # (those come compressed already, once, from the cache).
    "cms.delivery.compression.CompressionMiddleware",
    # Content-Security-Policy on every answer, error pages included (cms/csp.py).
    "cms.csp.PathCSPMiddleware",
    # A database outage: 503 (or a kept API answer) instead of any 500 page (cms/delivery/outage.py).
    "cms.delivery.outage.DatabaseOutageMiddleware",
    # Under /api/ every error is a problem document, whatever layer answered it (disallowed
    # hosts, Django's 404/405, server errors even with DEBUG): cms/delivery/api/errors.py.
    "cms.delivery.api.errors.APIErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # whitenoise serves static files before anything else touches the request.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CORS before the cache, so cache hits get the headers too (only /api/ is concerned).
    "corsheaders.middleware.CorsMiddleware",
    # Anonymous GET/HEAD: nothing is written, reads go to the replica if there is one.
    "cms.delivery.db_routing.PublicReadMiddleware",
    # API rate limits (per token, else per client address), before even cached answers are served.
    "cms.delivery.api.throttling.APIRateLimitMiddleware",
    # Cached public API responses are answered here, before the rest of the stack runs.
    "cms.delivery.cache.http.PublicCacheMiddleware",
    # v3: a bearer token that authenticates no one is a 401, not an anonymous read.
    "cms.delivery.api.v3_auth.V3BearerTokenMiddleware",
    # v3 reads: cached like v2 for anonymous callers, v2's statuses for the same mistakes.
    "cms.delivery.api.v3_reads.V3ReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
# Under /api/ a CSRF failure is a problem document; elsewhere Django's page.
CSRF_FAILURE_VIEW = "cms.delivery.api.errors.csrf_failure"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # site/templates: the reader site's pages (cms/delivery/reader renders them); site/ is no package.
        "DIRS": [BASE_DIR / "cms" / "templates", BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise (an empty one counts as unset).
# Connections are kept DATABASE_CONN_MAX_AGE seconds (0: one per request) and, when reused,
# checked first (CONN_HEALTH_CHECKS): one reused after the database restarted is replaced,
# not failed on.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60, unit="seconds", minimum=0)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
# An optional read replica (a role with SELECT grants is enough): anonymous reads of the APIs
# and the reader site go there (cms/delivery/db_routing.py); writes and the admin never do.
DATABASE_REPLICA_ALIAS = None
if env_str("DATABASE_REPLICA_URL"):
    DATABASE_REPLICA_ALIAS = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["cms.delivery.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise this process's memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis: an unreachable Redis is a cache miss (IGNORE_EXCEPTIONS), not a 500,
            # and a dead server is given up on within a second.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cms",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks: run inside the request unless a backend is chosen.
# TASKS_BACKEND=database queues them for `manage.py db_worker`.
if env_choice("TASKS_BACKEND", "immediate", ("immediate", "database")) == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# django-axes first: it refuses sign-ins while locked out, before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source; the rest are translations.
# CMS_LANGUAGES="en,es,de,ar" picks which of the known languages are active.
KNOWN_LANGUAGES = {
    "en": _("English"),
    "es": _("Spanish"),
    "de": _("German"),
    "ar": _("Arabic"),
    "fr": _("French"),
}
LANGUAGE_CODE = "en"
LANGUAGES = [(code, KNOWN_LANGUAGES.get(code, code)) for code in env_list("CMS_LANGUAGES", "en,es,de,ar")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media (images, renditions, documents) on S3-compatible storage when a bucket is named, so
# every app server sees every upload; otherwise the local disk (MEDIA_ROOT). Static files stay
# on whitenoise. Without keys, boto3 finds credentials itself (instance role, ~/.aws).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
# Where browsers load media from: the Content-Security-Policy's img-src (CSP_IMG_ORIGINS) lets
# them. AWS's own bucket hosts are not guessed: name them in CSP_IMG_ORIGINS.
MEDIA_ORIGINS = []
if AWS_STORAGE_BUCKET_NAME:
    if AWS_S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
    elif AWS_S3_ENDPOINT_URL:
        _endpoint = urlsplit(AWS_S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [f"{_endpoint.scheme}://{_endpoint.netloc}"]
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            # The public host of media URLs (a CDN in front of the bucket), else the bucket's own.
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            # Plain, lasting URLs: API answers that name images are cached (CDN, API_CACHE_TIMEOUT)
            # longer than a signed URL would live. Documents never get such a URL (below).
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            # A second upload of "scan.png" gets a name of its own, never replaces the first.
            "file_overwrite": False,
        },
    }
# Documents are always served through Wagtail's view, which checks collection privacy on each
# request: with remote storage Wagtail would otherwise redirect to the bucket's URL, which
# anyone holding the link could open for good. The bucket keeps documents/ private.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The reader site (site/): templates rendered on the server by cms/delivery/reader, and its
# stylesheet and scripts as static files (site/static/reader/, hashed names in production).
SITE_FRONTEND_DIR = BASE_DIR / "site"
STATICFILES_DIRS = [SITE_FRONTEND_DIR / "static"]
# Articles per page of a section listing (keyset pages: ?after=<cursor>, ?before=<cursor>).
READER_LISTING_PAGE_SIZE = env_int("READER_LISTING_PAGE_SIZE", 20, unit="articles", minimum=1)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest article file `import_article` and the admin's Import article accept.
ARTICLE_IMPORT_MAX_BYTES = env_int("ARTICLE_IMPORT_MAX_BYTES", 10 * 1024 * 1024, unit="bytes", minimum=1)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_email("DEFAULT_FROM_EMAIL", "cms@localhost")
# The SMTP server of django.core.mail.backends.smtp.EmailBackend; the password stays in the environment.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, unit="seconds", minimum=1)
# Who is mailed each server error (LOGGING below), and the sender of those mails:
# ADMINS="Ops <ops@example.org>, jo@example.org"; empty: no one.
ADMINS = env_addresses("ADMINS")
SERVER_EMAIL = env_email("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail
WAGTAIL_SITE_NAME = "Medical content CMS"
# PORT is the port `make demo` serves on, so the demo's absolute URLs name it.
PORT = env_int("PORT", 8000, minimum=1, maximum=65535)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{PORT}")
# Search: Wagtail's database backend (PostgreSQL full-text search on PostgreSQL, FTS5 on
# SQLite) unless WAGTAILSEARCH_BACKEND names an Elasticsearch/OpenSearch engine; either way
# every search text is read as plain words (cms/delivery/search.py).
# The names of cms.delivery.search.ENGINES.
SEARCH_ENGINES = (
    "database",
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch2",
    "opensearch3",
)
WAGTAILSEARCH_BACKEND = env_choice("WAGTAILSEARCH_BACKEND", "database", SEARCH_ENGINES)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.delivery.search", "ENGINE": WAGTAILSEARCH_BACKEND}}
if WAGTAILSEARCH_BACKEND != "database":
    # WAGTAILSEARCH_URLS="https://user:password@search-1:9200,https://user:password@search-2:9200"
    WAGTAILSEARCH_URLS = env_list("WAGTAILSEARCH_URLS")
    if not WAGTAILSEARCH_URLS:
        raise ImproperlyConfigured(
            f"WAGTAILSEARCH_URLS must name the search cluster when WAGTAILSEARCH_BACKEND is "
            f"{WAGTAILSEARCH_BACKEND} (e.g. https://user:password@search:9200)."
        )
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=WAGTAILSEARCH_URLS,
        # One index per indexed model, named <prefix><app>_<model>: a prefix per site or stage.
        INDEX_PREFIX=env_str("WAGTAILSEARCH_INDEX_PREFIX", "cms_"),
        TIMEOUT=env_int("WAGTAILSEARCH_TIMEOUT", 10, unit="seconds", minimum=1),
    )
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
# Rich text leaves the API as HTML with internal links resolved.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
# Deeper than this, a listing pages with `cursor` (cms/delivery/api/pagination.py).
WAGTAILAPI_OFFSET_MAX = 10_000

# Content API caching (cms/delivery/cache/): what CDNs and browsers are told, and how long
# responses stay in Django's cache (they are invalidated on publish whatever this says).
API_CACHE_CONTROL = env_str(
    "API_CACHE_CONTROL", "public, max-age=60, s-maxage=300, stale-while-revalidate=60"
)
API_CACHE_TIMEOUT = env_int("API_CACHE_TIMEOUT", 3600, unit="seconds", minimum=0)
# With a shared cache (REDIS_URL), each worker also keeps the answers it last read from it, up to
# this many MB (cms/delivery/cache/near.py): a hit then skips Redis. 0 turns it off.
API_NEAR_CACHE_MB = env_int("API_NEAR_CACHE_MB", 32, unit="MB", minimum=0)
# While the database is unreachable, anonymous API answers already cached are served (marked
# stale) for up to this many seconds after they were stored; 0 turns it off. Other requests
# answer 503 with Retry-After: OUTAGE_RETRY_AFTER seconds.
# Kept answers served during a database outage: a day by default with the shared cache. Off
# without it: one process's memory cannot see another's publish, so could serve corrected text.
API_STALE_IF_ERROR = env_int("API_STALE_IF_ERROR", 86400 if REDIS_URL else 0, unit="seconds", minimum=0)
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 30, unit="seconds", minimum=1)
# Where readers see pages (sitemap, JSON-LD, hreflang, `url` and `meta.html_url` in the API).
READER_SITE_URL = env_str("READER_SITE_URL", WAGTAILADMIN_BASE_URL)

# CORS (django-cors-headers) for browser apps on other origins: the APIs (preview included)
# only, no credentials; CORS_ALLOWED_ORIGINS="https://app.example.org,https://preview.example.org".
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
CORS_ALLOW_HEADERS = [
    "accept",
    "authorization",
    "content-type",
    "if-match",
    "if-modified-since",
    "if-none-match",
    "user-agent",
]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Location", "Location", "Retry-After", "Cache-Status"]
CORS_PREFLIGHT_MAX_AGE = 86400

# Responsive images in the API: widths (px) of each rendition set, and the formats made
# (AVIF only where this Pillow can write it). Hero images keep the 1200x630 shape.
API_IMAGE_WIDTHS = env_int_list("API_IMAGE_WIDTHS", "480,800,1200,1600", unit="pixels", minimum=1)
API_IMAGE_FORMATS = env_list("API_IMAGE_FORMATS", "avif,webp,jpeg")
# Reading speed (words per minute) per language, for `reading_time_minutes`
# (Trauzettel-Klosinski et al. 2012, IReST: silent reading of adults).
READING_WORDS_PER_MINUTE = {"en": 228, "es": 218, "de": 179, "fr": 195, "ar": 138}
# CDN purges on publish (wagtail.contrib.frontend_cache): FRONTEND_CACHE_PURGE_URL is a
# Varnish/HTTP purge endpoint; CLOUDFLARE_ZONEID + CLOUDFLARE_BEARER_TOKEN use Cloudflare.
WAGTAILFRONTENDCACHE = {}
if env_str("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
    }
if env_str("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONEID"),
        "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
    }

# Editorial workflow and clinical sign-off (cms/editorial).
# The last approver is a medical reviewer without publish permission: the approvals authorise
# the publish; the sign-off rule still applies (cms/editorial/publishing.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.editorial.publishing.workflow_publish_approved"
MEDICAL_REVIEW_INTERVAL_DAYS = env_int("MEDICAL_REVIEW_INTERVAL_DAYS", 365, unit="days", minimum=1)
MEDICAL_REVIEW_DUE_SOON_DAYS = env_int("MEDICAL_REVIEW_DUE_SOON_DAYS", 30, unit="days", minimum=0)

# wagtail-localize: new translations start as drafts, never live with source text.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Machine translation in the translation editor: DeepL when DEEPL_API_KEY is set; Google Cloud
# Translation when GOOGLE_TRANSLATE_PROJECT_ID is set (credentials from
# GOOGLE_APPLICATION_CREDENTIALS; needs `pip install google-cloud-translate`); otherwise the
# dummy translator above (it reverses words: for trying the editor out, never for patients).
if env_str("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env_str("DEEPL_API_KEY")},
    }
elif env_str("GOOGLE_TRANSLATE_PROJECT_ID"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        "OPTIONS": {
            "PROJECT_ID": env_str("GOOGLE_TRANSLATE_PROJECT_ID"),
            "LOCATION": env_str("GOOGLE_TRANSLATE_LOCATION", "global"),
            "CREDENTIALS_PATH": env_str("GOOGLE_APPLICATION_CREDENTIALS"),
        },
    }

# Every engine is wrapped so that identifiers and URLs never reach it (cms/localization/machine.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "cms.localization.machine.ProtectedValuesTranslator",
    "OPTIONS": WAGTAILLOCALIZE_MACHINE_TRANSLATOR,
}
# Machine-translated texts must be confirmed by a person before a translation goes to review.
TRANSLATION_REQUIRE_HUMAN_CONFIRMATION = env_bool("TRANSLATION_REQUIRE_HUMAN_CONFIRMATION", True)

# Headless preview (cms/delivery/preview/): the admin's Preview button opens the reader
# site's preview page with a signed token that expires after PREVIEW_TOKEN_MAX_AGE seconds.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": env_str("PREVIEW_CLIENT_URL", "/preview.html")},
    "ENFORCE_TRAILING_SLASH": False,
}
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 3600, unit="seconds", minimum=1)

# Webhooks (cms/delivery/webhooks/): endpoints on private, loopback or link-local
# addresses are refused unless this is on (dev only: it lets the CMS call the local network).
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False)
WEBHOOKS_TIMEOUT = env_float("WEBHOOKS_TIMEOUT", 5.0, unit="seconds", minimum=0.1)
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 5, unit="attempts", minimum=1)
# Retry n waits WEBHOOKS_BACKOFF_SECONDS * 2**(n-1): 30 s, 1 min, 2 min, 4 min by default.
WEBHOOKS_BACKOFF_SECONDS = env_int("WEBHOOKS_BACKOFF_SECONDS", 30, unit="seconds", minimum=0)

# Where requests come from (cms/client_address.py): REMOTE_ADDR, or with N trusted proxies in
# front (load balancer, CDN) the N-th X-Forwarded-For entry from the right. Never more than
# there really are: a client could then choose its own address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, unit="proxies", minimum=0)

# Admin sign-in (django-axes): LOGIN_FAILURE_LIMIT failed attempts for one username, or from
# one client address, lock sign-in for it for LOGIN_LOCKOUT_MINUTES; a success resets the count.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, unit="attempts", minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, unit="minutes", minimum=1)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "cms/login_locked.html"

# API rate limits (cms/delivery/api/throttling.py): per client address without a token, per
# token with one; "N/s", "N/min", "N/hour", "N/day", or "off". Over the limit: 429 + Retry-After.
API_RATE_LIMITS = {
    "anonymous": env_rate("API_RATE_LIMIT_ANONYMOUS", "300/min"),
    "authenticated": env_rate("API_RATE_LIMIT_AUTHENTICATED", "1200/min"),
}

# Content-Security-Policy (django-csp; cms/csp.py picks the policy by path). CSP_IMG_ORIGINS:
# other origins images come from (an S3 bucket or CDN for media), comma-separated.
CSP_IMG_ORIGINS = env_list("CSP_IMG_ORIGINS", ",".join(MEDIA_ORIGINS))
_CSP_BASE = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", *CSP_IMG_ORIGINS],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    # The admin's preview panel shows the reader's preview page in a frame of the same origin.
    "frame-ancestors": ["'self'"],
}
# The reader site: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**_CSP_BASE, "script-src": ["'self'"], "style-src": ["'self'"]}}
# (path prefix, directives or None for the default policy): the first prefix that matches wins.
CSP_POLICIES = [
    # The API docs pages: Swagger UI from django-ninja's static files, under the default policy.
    ("/api/v2/docs/", None),
    ("/api/v3/docs/", None),
    # JSON loads nothing and is never framed.
    ("/api/", {"default-src": ["'none'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"]}),
    # Wagtail's admin writes inline scripts and style attributes; blob: for its image previews.
    (
        "/admin/",
        {
            **_CSP_BASE,
            "script-src": ["'self'", "'unsafe-inline'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": [*_CSP_BASE["img-src"], "blob:"],
            "frame-src": ["'self'"],
        },
    ),
]
# No Gravatar images in the admin: they would send each user's e-mail hash to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Logs go to stderr (what a container platform collects), at LOG_LEVEL and above. Errors are
# also mailed to ADMINS while DEBUG is off (nobody when ADMINS is empty): a server error, an
# exception in a background task or a failed webhook. Django's own loggers go through the same
# handlers instead of Django's defaults, so an error is written and mailed once. An unreachable
# database is written but not mailed (one mail per request of an outage; /readyz reports it).
LOG_LEVEL = env_choice("LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "not_a_database_outage": {"()": "cms.settings.log_filters.NotADatabaseOutage"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "not_a_database_outage"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Requests for other host names are scanners, mostly: written down, nobody mailed.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
    },
}
