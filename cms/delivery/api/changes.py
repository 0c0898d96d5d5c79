"""GET /api/v2/changes/?since=<cursor>: the change feed (cms/delivery/changes.py), keyset-paginated.

{"meta": {"next_cursor": "YzE6NDI", "has_more": false},
 "items": [{"cursor": "YzE6NDE", "action": "unpublish", "occurred_at": "2026-01-05T10:00:00+00:00",
            "kind": "page", "type": "articles.ArticlePage", "id": 12, "locale": "es",
            "path": "/es/treatments/x/", "previous_path": null,
            "url": "https://example.org/es/treatments/x/",
            "detail_url": "https://cms.example.org/api/v2/articles/12/"}]}

Start without `since` (the whole history), keep `meta.next_cursor` and ask again with it; it is
the same cursor when nothing changed. `limit` is 1 to 500 (default 100).
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe
from wagtail.api.v2.utils import BadRequestError

from ..cache.http import cached_public_view
from ..changes import CursorError, change_cursor, changes_since
from ..jsonld import reader_base_url
from .errors import check_query_values, positive_int, problem_response

KNOWN_PARAMETERS = {"since", "limit"}
DEFAULT_LIMIT, MAX_LIMIT = 100, 500
# Which v2 endpoint shows each type ("pages" for any other page type).
SNIPPET_ENDPOINTS = {
    "articles.Condition": "conditions",
    "articles.TreatmentModality": "modalities",
    "articles.MedicalCenter": "centers",
}


def _detail_url(entry):
    from django.urls import NoReverseMatch, reverse

    if entry.kind == "page":
        name = "articles" if entry.object_type == "articles.ArticlePage" else "pages"
    else:
        name = SNIPPET_ENDPOINTS.get(entry.object_type)
    if name is None:
        return None
    try:
        path = reverse(f"wagtailapi:{name}:detail", args=[entry.object_id])
    except NoReverseMatch:
        return None
    return settings.WAGTAILAPI_BASE_URL.rstrip("/") + path


def change_representation(entry):
    is_page = entry.kind == "page"
    return {
        "cursor": change_cursor(entry.pk),
        "action": entry.action,
        "occurred_at": entry.occurred_at.isoformat(),
        "kind": entry.kind,
        "type": entry.object_type,
        "id": entry.object_id,
        "locale": entry.locale or None,
        "path": entry.path if is_page else None,
        "previous_path": entry.previous_path or None,
        "url": reader_base_url() + entry.path if is_page else None,
        "detail_url": _detail_url(entry),
    }


@require_safe
@cached_public_view
def changes_view(request):
    try:
        check_query_values(request.GET)
        unknown = set(request.GET) - KNOWN_PARAMETERS
        if unknown:
            raise BadRequestError(f"query parameter is not an operation: {', '.join(sorted(unknown))}")
        limit = positive_int(request.GET.get("limit", DEFAULT_LIMIT), "limit")
        if not 1 <= limit <= MAX_LIMIT:
            raise BadRequestError(f"limit must be between 1 and {MAX_LIMIT}")
        entries, next_cursor, has_more = changes_since(request.GET.get("since"), limit)
    except (BadRequestError, CursorError) as exc:
        return problem_response(400, exc)
    data = {
        "meta": {"next_cursor": next_cursor, "has_more": has_more},
        "items": [change_representation(entry) for entry in entries],
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode(), content_type="application/json")
