"""Errors of both APIs: RFC 9457 problem documents, 4xx for client mistakes, never a 500 page.

Every error body is `application/problem+json`:

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "unknown locale 'xx': expected one of en, es, de, ar",
     "message": "unknown locale 'xx': expected one of en, es, de, ar"}

`message` repeats `detail` for v2 clients written before problem documents. The same mistake
gets the same status on v2 and v3 (cms/delivery/api/v3_reads.py maps v3's answers): a bad query
value is 400, an unknown locale 400, an id that names no page (or is no id at all) 404.

`problem_response()` is the one way to answer a problem from plain Django code (middleware,
views); `APIErrorsMiddleware` and `csrf_failure` make every other error under /api/ one too.
"""

import json
from http import HTTPStatus

from django.core.exceptions import DisallowedHost, ValidationError
from django.db import DataError
from django.http import Http404, HttpResponse
from django.views.csrf import csrf_failure as django_csrf_failure
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

PROBLEM_JSON = "application/problem+json"
NO_SUCH_PAGE = "no such page"

# Database integers are signed 64-bit at most; anything bigger is a malformed id.
MAX_INT = 2**63 - 1
MAX_PARAM_LENGTH = 1000


def positive_int(value, name):
    """`value` as an int in [0, MAX_INT], or BadRequestError naming the parameter."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequestError(f"{name} must be a positive integer") from None
    if number < 0 or number > MAX_INT:
        raise BadRequestError(f"{name} must be a positive integer no bigger than {MAX_INT}")
    return number


def page_id(value):
    """An id from a URL path as an int, or Http404 'no such page' (a word or a huge number names none)."""
    try:
        return positive_int(value, "id")
    except BadRequestError:
        raise Http404(NO_SUCH_PAGE) from None


def check_query_values(query_dict):
    """Refuse NUL characters and absurdly long values before they reach the database."""
    for name, values in query_dict.lists():
        for value in values:
            if "\x00" in value:
                raise BadRequestError(f"null characters are not allowed in {name}")
            if len(value) > MAX_PARAM_LENGTH:
                raise BadRequestError(f"{name} is longer than {MAX_PARAM_LENGTH} characters")


def problem(status_code, detail, **extra):
    """The problem document (a dict) for `status_code`; `extra` adds members such as `errors`."""
    try:
        title = HTTPStatus(status_code).phrase
    except ValueError:
        title = "Error"
    detail = str(detail)
    return {
        "type": "about:blank",
        "title": title,
        "status": status_code,
        "detail": detail,
        "message": detail,
        **extra,
    }


def problem_response(status_code, detail, headers=None, **extra):
    """A Django response carrying `problem(status_code, detail, **extra)`."""
    body = json.dumps(problem(status_code, detail, **extra), ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode(), status=status_code, content_type=PROBLEM_JSON, headers=headers)


class JSONErrorsMixin:
    """DRF viewset mixin: every client error is a problem document with a 4xx status."""

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return self.problem(status.HTTP_404_NOT_FOUND, str(exc) or NO_SUCH_PAGE)
        if isinstance(exc, BadRequestError):
            return self.problem(status.HTTP_400_BAD_REQUEST, exc)
        if isinstance(exc, ValidationError):
            return self.problem(status.HTTP_400_BAD_REQUEST, "; ".join(exc.messages))
        if isinstance(exc, (DataError, OverflowError)):
            # The database refused a value from the query string (e.g. out of range).
            return self.problem(status.HTTP_400_BAD_REQUEST, "a query parameter has a value out of range")
        response = super().handle_exception(exc)
        if isinstance(exc, APIException):
            # DRF's own errors (405, 406, 415, ...) as problem documents, with their headers (Allow).
            problem_answer = self.problem(response.status_code, exc.detail)
            for name in ("Allow", "Retry-After", "WWW-Authenticate"):
                if name in response:
                    problem_answer[name] = response[name]
            return problem_answer
        return response

    @staticmethod
    def problem(status_code, detail):
        return Response(problem(status_code, detail), status=status_code, content_type=PROBLEM_JSON)


def api_not_found(request, *args, **kwargs):
    """Catch-all for unknown paths under /api/: a problem 404 instead of an HTML page."""
    return problem_response(404, "no such API endpoint", path=request.path)


API_PREFIX = "/api/"
JSON_TYPES = ("application/json", PROBLEM_JSON)
# What a non-JSON error answer under /api/ (Django's own pages) says instead, by status.
GENERIC_DETAILS = {
    400: "bad request",
    401: "authentication required",
    403: "forbidden",
    404: "no such API endpoint",
    405: "method not allowed",
    500: "internal server error: the error was logged",
}
# Headers of the replaced answer that still hold (Allow of a 405, Retry-After of a 503, ...).
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate", "Vary")


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


def _disallowed_host(request):
    try:
        request.get_host()
    except DisallowedHost:
        return True
    return False


def api_problem_for(request, response):
    """The problem document to answer instead of `response`, an HTML (or empty) error page."""
    status_code = response.status_code
    if status_code == 400 and _disallowed_host(request):
        detail = "the Host header names no site this server answers for"
    else:
        detail = GENERIC_DETAILS.get(status_code) or problem(status_code, "")["title"].lower()
    # Errors are never stored as if they were content.
    replacement = problem_response(status_code, detail, headers={"Cache-Control": "no-store"})
    for name in KEPT_HEADERS:
        if name in response:
            replacement[name] = response[name]
    return replacement


class APIErrorsMiddleware:
    """Under /api/, every error is a problem document: never Django's HTML pages.

    Disallowed hosts, 404 and 405 from Django's own views, and server errors (the technical
    500 page of DEBUG included: its traceback never reaches API callers) all come out of the
    inner layers as HTML responses; they are replaced here, keeping status and Allow.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_api_request(request) or response.status_code < 400 or response.streaming:
            return response
        if response.get("Content-Type", "").startswith(JSON_TYPES):
            return response
        return api_problem_for(request, response)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a problem 403 under /api/, Django's page elsewhere."""
    if is_api_request(request):
        return problem_response(
            403, f"CSRF verification failed: {reason}", headers={"Cache-Control": "no-store"}
        )
    return django_csrf_failure(request, reason=reason)
