"""Serve public API responses from Django's cache, with validators a CDN and browsers can use.

Anonymous GET/HEAD requests of endpoints that opt in (`api_cache = True`) are answered
from the cache before DRF runs. Every such response carries a strong ETag (a hash of the
body), Last-Modified (when the content generation started) and API_CACHE_CONTROL, and
conditional requests get a 304. Requests with a session cookie or an Authorization header
may see more than the public (restricted pages, previews): they are never cached or
served from the cache, and get `Cache-Control: private, no-store`.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from ..compression import compress_variant, negotiate
from .generation import api_cache, content_generation
from .near import near_cache
from .stale import stale_store

DEFAULT_CACHE_CONTROL = "public, max-age=60, s-maxage=300, stale-while-revalidate=60"
PRIVATE_CACHE_CONTROL = "private, no-store"
ERROR_CACHE_CONTROL = "no-cache"
JSON = "application/json"
KEPT_HEADERS = ("Content-Location", "Content-Language")


@dataclass(frozen=True)
class CachedResponse:
    content: bytes
    content_type: str
    etag: str
    last_modified: int
    # {"br": bytes, "gzip": bytes}: each made the first time a client asks for it, then kept.
    variants: dict
    # Headers of the answer that describe it and are kept with it (e.g. Content-Location).
    headers: tuple = ()


def cache_control():
    return getattr(settings, "API_CACHE_CONTROL", DEFAULT_CACHE_CONTROL)


def is_anonymous_request(request):
    """A GET or HEAD with no session and no credentials: it sees what anonymous callers see."""
    if request.method not in ("GET", "HEAD"):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


def is_public_request(request):
    """An anonymous request that takes JSON: the API's answers are JSON only."""
    if not is_anonymous_request(request):
        return False
    accept = request.META.get("HTTP_ACCEPT", "")
    return not accept or "*/*" in accept or JSON in accept or "application/*" in accept


def cache_key(request, generation):
    query = sorted(request.GET.lists())
    raw = f"{request.scheme}|{request.get_host()}|{request.path}|{query!r}"
    return f"delivery:api:2:{generation}:{hashlib.sha256(raw.encode()).hexdigest()}"


def strong_etag(content):
    return f'"{hashlib.blake2b(content, digest_size=16).hexdigest()}"'


def _not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return "*" in tags or entry.etag in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    # A date later than our clock is invalid and ignored (RFC 9110, 13.1.3).
    return since is not None and entry.last_modified <= since <= time.time()


def _timeout():
    return getattr(settings, "API_CACHE_TIMEOUT", 3600)


def _store(request, key, entry):
    api_cache().set(key, entry, timeout=_timeout())
    near_cache.put(request_generation(request)[0], key, entry, _timeout())


def respond(request, entry, key=None):
    """The cached entry as a response: 304 when the client's copy is current. An encoding the
    entry lacks is made now and, with the entry's cache `key`, kept for the next hits."""
    encoding = negotiate(request.META.get("HTTP_ACCEPT_ENCODING"))
    if encoding and compress_variant(entry.variants, entry.content, encoding)[1] and key:
        _store(request, key, entry)
    response = HttpResponseNotModified() if _not_modified(request, entry) else None
    if response is None:
        response = HttpResponse(
            b"" if request.method == "HEAD" else entry.content, content_type=entry.content_type
        )
        response["Content-Length"] = str(len(entry.content))
    for name, value in entry.headers:
        response[name] = value
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.last_modified)
    response["Cache-Control"] = cache_control()
    response.precompressed = entry.variants
    response._public_cached = True
    return response


def _render(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    return response


def cached_api_view(view):
    """Wrap a DRF endpoint view (from a WagtailAPIRouter) with the response cache, if it opts in."""
    endpoint = getattr(view, "cls", None)
    if not getattr(endpoint, "api_cache", False):
        return view
    return cached_public_view(view)


def cached_public_view(view, is_public=is_public_request):
    """Serve anonymous GETs of `view` from the cache, keyed by the content generation."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_public(request):
            response = _render(view, request, args, kwargs)
            response["Cache-Control"] = PRIVATE_CACHE_CONTROL
            return response
        key, started, entry = cached_entry(request)
        if entry is None:
            response = _render(view, request, args, kwargs)
            if response.status_code != 200:
                response["Cache-Control"] = ERROR_CACHE_CONTROL
                return response
            entry = CachedResponse(
                content=response.content,
                content_type=response.get("Content-Type", JSON),
                etag=strong_etag(response.content),
                last_modified=started,
                variants={},
                headers=tuple((name, response[name]) for name in KEPT_HEADERS if name in response),
            )
            encoding = negotiate(request.META.get("HTTP_ACCEPT_ENCODING"))
            if encoding:
                compress_variant(entry.variants, entry.content, encoding)
            _store(request, key, entry)
            stale_store(request, entry, request._content_generation[0])
        return respond(request, entry, key)

    return wrapper


def request_generation(request):
    """(token, start) of the content generation, read once per request whoever asks first
    (the cache middleware, the view's cache wrapper, the visibility scope)."""
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    if not hasattr(request, "_content_generation"):
        request._content_generation = content_generation()
    return request._content_generation


def cached_entry(request):
    """(cache key, generation start, cached entry or None) for a public request; looked up
    once per request (the middleware, then on a miss the view's wrapper, ask)."""
    found = getattr(request, "_cached_entry", None)
    if found is not None:
        return found
    token, started = request_generation(request)
    key = cache_key(request, token)
    entry = near_cache.get(token, key)
    if entry is None:
        entry = api_cache().get(key)
        if entry is not None:
            near_cache.put(token, key, entry, _timeout())
    request._cached_entry = (key, started, entry)
    return request._cached_entry


class PublicCacheMiddleware:
    """Answer cache hits before sessions, locale, CSRF and auth middleware run.

    Goes right after whitenoise. Misses fall through to the view, whose wrapper fills the
    cache; only views that opted in ever store anything, so only they are ever answered here.
    """

    prefixes = ("/api/v2/", "/api/v3/", "/sitemap.xml")

    def __init__(self, get_response):
        self.get_response = get_response
        # The reader site's pages (cms/delivery/reader): "/" and each language's paths; any Accept.
        self.reader_prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def cached(self, request):
        """(entry, cache key) of the cached answer to `request`, if it is one of the cached kinds
        and is cached; else None."""
        path = request.path
        if path.startswith(self.prefixes):
            public = is_public_request(request)
        else:
            public = (path == "/" or path.startswith(self.reader_prefixes)) and is_anonymous_request(request)
        if not public:
            return None
        key, _started, entry = cached_entry(request)
        return (entry, key) if entry is not None else None

    def __call__(self, request):
        found = self.cached(request)
        if found is not None:
            return respond(request, *found)
        response = self.get_response(request)
        if getattr(response, "_public_cached", False):
            # LocaleMiddleware added Vary: Accept-Language on the way out; the body does not vary.
            # (Accept-Encoding and Origin are added by the outer compression and CORS layers.)
            response.headers.pop("Vary", None)
        return response
