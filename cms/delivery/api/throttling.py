"""Rate limits of the APIs (everything under /api/): per token for callers with a bearer
token, per client address (cms/client_address.py) for everyone else.

Over the limit, the answer is a 429 problem document with `Retry-After` (seconds). The counts
live in Django's cache, so with REDIS_URL every app server shares them. DRF's throttle class
does the counting (a sliding window); only the key and the rates are ours:

    API_RATE_LIMITS = {
        "anonymous": "300/min",       # per client address ("off": no limit)
        "authenticated": "1200/min",  # per API token
    }
"""

import hashlib
import logging
import math

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from cms.client_address import client_address

from .errors import API_PREFIX, problem_response
from .v3_auth import bearer_token

logger = logging.getLogger(__name__)


class APIRateThrottle(SimpleRateThrottle):
    """One bucket per token (its digest, never the token itself) or per client address."""

    def __init__(self, request):
        token = bearer_token(request)
        if token:
            self.scope = "authenticated"
            self.ident = hashlib.sha256(token.encode()).hexdigest()
        else:
            self.scope = "anonymous"
            self.ident = client_address(request)
        super().__init__()

    def get_rate(self):
        """The setting of this caller's kind; None (or "off") lifts the limit."""
        rate = settings.API_RATE_LIMITS.get(self.scope)
        return None if rate in (None, "", "off") else rate

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": f"api:{self.scope}", "ident": self.ident}


class APIRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def allowed(throttle, request):
        try:
            return throttle.allow_request(request, None)
        except Exception:
            # The counts live in the cache: when it is down, serve rather than fail every call.
            logger.warning("API rate limits skipped: the cache is unreachable", exc_info=True)
            return True

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX) or request.method == "OPTIONS":
            return self.get_response(request)
        throttle = APIRateThrottle(request)
        if throttle.rate is None or self.allowed(throttle, request):
            return self.get_response(request)
        retry_after = max(1, math.ceil(throttle.wait() or 1))
        return problem_response(
            429,
            f"too many requests: at most {throttle.rate} for {throttle.scope} callers; "
            f"retry after {retry_after} s",
            headers={"Retry-After": str(retry_after), "Cache-Control": "no-store"},
        )
