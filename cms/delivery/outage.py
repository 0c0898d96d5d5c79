"""A database outage is a clean 503, never a 500 page, and cached API answers outlive it.

When a request fails because the database cannot be reached (Django's OperationalError or
InterfaceError, raised by a view or by a middleware), `DatabaseOutageMiddleware` replaces the
error page with:

- under /api/: the last answer stored for that anonymous GET (`stale_store`, kept for
  API_STALE_IF_ERROR seconds beside the generation-keyed cache entry, so it needs no database
  read to be found), marked `Cache-Status: cms; fwd=stale; fwd-status=503;
  detail=stale-if-error` (RFC 9211) with its `Age`; otherwise a 503 problem document;
- under /admin/: a static 503 page; anywhere else (the reader site): a static 503 page.

Each 503 carries `Retry-After` (OUTAGE_RETRY_AFTER seconds). Nothing is restarted when the
database returns: Django drops a broken connection at the end of the request, and the next one
connects afresh (CONN_HEALTH_CHECKS checks reused connections first).
"""

import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .api.errors import problem_response
from .cache.http import is_public_request, respond
from .cache.stale import stale_entry

OUTAGE_ERRORS = (OperationalError, InterfaceError)
NO_STORE = "no-store"


def retry_after():
    return str(getattr(settings, "OUTAGE_RETRY_AFTER", 30))


def stale_response(request):
    """The kept answer to this anonymous API GET, marked stale (RFC 9211), or None."""
    found = stale_entry(request) if is_public_request(request) else None
    if found is None:
        return None
    age, entry = found
    response = respond(request, entry)
    response["Age"] = str(age)
    # RFC 9211: the stored answer went stale when asking the origin (the database) failed.
    response["Cache-Status"] = "cms; fwd=stale; fwd-status=503; detail=stale-if-error"
    # Downstream caches must not keep this copy past the outage.
    response["Cache-Control"] = "no-cache"
    return response


def outage_response(request):
    """What a request answers while the database is unreachable."""
    path = request.path
    if path.startswith("/api/"):
        response = stale_response(request)
        if response is not None:
            return response
        response = problem_response(
            503, _("The content database is unreachable; please retry shortly."), path=path
        )
    else:
        template = (
            "delivery/admin_unavailable.html" if path.startswith("/admin/") else "reader/unavailable.html"
        )
        response = HttpResponse(render_to_string(template), status=503)
    response["Retry-After"] = retry_after()
    response["Cache-Control"] = NO_STORE
    return response


@receiver(got_request_exception, dispatch_uid="delivery_database_outage")
def _note_outage(sender, request=None, **kwargs):
    """got_request_exception runs inside Django's `except`: remember a database outage."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OUTAGE_ERRORS):
        request._database_unreachable = True


class DatabaseOutageMiddleware:
    """Outside all but compression and CSP: turns a failed request's 500 into the outage answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "_database_unreachable", False):
            return outage_response(request)
        return response
