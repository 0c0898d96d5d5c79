"""Anonymous reads of the v3 API (/api/v3/) treated like v2's, and the same status for the same mistake.

Writes stay with cms/delivery/api/v3.py; this module only touches GET/HEAD:

- anonymous GETs are answered from the shared response cache with a strong ETag,
  Last-Modified, API_CACHE_CONTROL and 304s (cms/delivery/cache/http.py); requests with a
  token or a session get `Cache-Control: private, no-store`;
- an unknown `?locale=` is 400 (v3 says 404), a query value v3 cannot parse is 400 (v3 says
  422, which stays for request bodies), a page id that is not a number is 404 "no such page"
  (v3 says 422), like v2. Every error is a problem document with `detail`.
"""

import json

from wagtail.api.v2.utils import BadRequestError

from ..cache.http import cached_public_view, is_public_request
from .errors import NO_SUCH_PAGE, problem_response
from .filters import locale_code

PREFIX = "/api/v3/"
UNCACHED = ("/api/v3/openapi.json", "/api/v3/docs/")


def _problem(response):
    try:
        return json.loads(response.content)
    except (ValueError, AttributeError):
        return None


def _same_status_as_v2(request, response):
    """v3's answer to a read, with v2's status for the same mistake."""
    if response.status_code not in (404, 422) or response.streaming:
        return response
    problem = _problem(response) or {}
    locations = [tuple(error.get("loc", ())[:2]) for error in problem.get("errors") or []]
    if response.status_code == 422 and ("path", "page_id") in locations:
        return problem_response(404, NO_SUCH_PAGE)
    if response.status_code == 422:  # a read has no body: its query was wrong
        return problem_response(400, "a query parameter has a bad value", errors=problem.get("errors"))
    if response.status_code == 404 and problem.get("detail") == "No Page matches the given query.":
        return problem_response(404, NO_SUCH_PAGE)
    return response


class V3ReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cached = cached_public_view(self.read)

    def read(self, request):
        return _same_status_as_v2(request, self.get_response(request))

    def __call__(self, request):
        if not request.path.startswith(PREFIX) or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if "locale" in request.GET:
            try:
                locale_code(request.GET["locale"])
            except BadRequestError as exc:
                return problem_response(400, exc)
        if request.path.startswith(UNCACHED) or not is_public_request(request):
            response = self.read(request)
            if not request.path.startswith(UNCACHED):
                response["Cache-Control"] = "private, no-store"
            return response
        return self.cached(request)
