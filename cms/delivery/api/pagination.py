"""Pages of a listing: limit and offset as in Wagtail, cursors that cost the same however deep.

- In the default order (pages by tree path, others by id), `meta.next_cursor` names the next
  page (null on the last) and `?cursor=` asks for it: the page is read from that column's index
  from where the last one ended, so page 500 costs what page 1 costs. An offset makes the database step over
  every row before it, so offsets stop at WAGTAILAPI_OFFSET_MAX (default 10,000).
- A page is read in two steps: its ids (a narrow read), then its rows (`view.load_page`).
- The total count of a public listing is counted once per content generation (it is the one
  part that reads the whole listing), then kept in the default cache.
"""

import base64
import hashlib
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from ..cache.http import is_anonymous_request, request_generation
from .errors import positive_int

DEFAULT_OFFSET_MAX = 10_000
PAGE_PARAMETERS = ("limit", "offset", "cursor")


# The orders a cursor can follow: a unique, indexed column, and how its values look.
KEYSET_FIELDS = {"path": str.isalnum, "pk": str.isdigit}


def keyset_field(queryset, request):
    """The column cursor pages follow, or None: the listing's default order (pages by tree path,
    other models by id), never ?order= or search results (they have their own)."""
    if not isinstance(queryset, QuerySet) or "order" in request.GET:
        return None
    order = tuple(queryset.query.order_by) or tuple(queryset.model._meta.ordering)
    if order == ("path",):
        return "path"
    return "pk" if not order else None


def page_cursor(field, value):
    """The opaque cursor of the page after the item whose `field` is `value`."""
    return base64.urlsafe_b64encode(f"{field}:{value}".encode()).decode().rstrip("=")


def cursor_value(cursor, field):
    """The `field` value a cursor of `page_cursor` carries, or BadRequestError."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        raw = ""
    name, _, value = raw.partition(":")
    if name != field or not value or not KEYSET_FIELDS[field](value) or len(value) > 255:
        raise BadRequestError("cursor is not one this listing gave out (meta.next_cursor)")
    return value


def _count_key(request, token):
    query = sorted((k, v) for k, v in request.GET.lists() if k not in PAGE_PARAMETERS)
    raw = f"{request.get_host()}|{request.path}|{query!r}"
    return f"delivery:count:{token}:{hashlib.sha256(raw.encode()).hexdigest()}"


def listing_count(queryset, request):
    """queryset.count(), kept per generation for anonymous callers (they all see the same)."""
    if not is_anonymous_request(request):
        return queryset.count()
    key = _count_key(request, request_generation(request)[0])
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, timeout=getattr(settings, "API_CACHE_TIMEOUT", 3600))
    return count


class DeliveryPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        limit = positive_int(request.GET.get("limit", min(20, limit_max)), "limit")
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        offset = positive_int(request.GET.get("offset", 0), "offset")
        offset_max = getattr(settings, "WAGTAILAPI_OFFSET_MAX", DEFAULT_OFFSET_MAX)
        if offset_max and offset > offset_max:
            raise BadRequestError(
                f"offset cannot be higher than {offset_max}: page further with cursor (meta.next_cursor)"
            )
        field = keyset_field(queryset, request)
        cursor = request.GET.get("cursor")
        if cursor is not None:
            if field is None:
                raise BadRequestError(
                    "cursor follows the default order: with order or search, page with offset"
                )
            if "offset" in request.GET:
                raise BadRequestError("use cursor or offset, not both")
        self.view = view
        self.next_cursor = None
        self.total_count = listing_count(queryset, request)
        if offset >= self.total_count or limit == 0:
            return []
        if not isinstance(queryset, QuerySet):
            return list(queryset[offset : offset + limit])
        if field is not None:
            queryset = queryset.order_by(field)
            if cursor is not None:
                queryset = queryset.filter(**{f"{field}__gt": cursor_value(cursor, field)})
        # One row more than the page shows: whether there is a next page.
        keys = list(queryset.values_list("pk", field or "pk")[offset : offset + limit + 1])
        if field is not None and len(keys) > limit:
            self.next_cursor = page_cursor(field, keys[limit - 1][1])
        ids = [pk for pk, _key in keys[:limit]]
        load_page = getattr(view, "load_page", None)
        if load_page is not None:
            return load_page(queryset, ids)
        rows = {item.pk: item for item in queryset.order_by().filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]

    def get_meta(self):
        return OrderedDict([("total_count", self.total_count), ("next_cursor", self.next_cursor)])

    def get_paginated_response(self, data):
        return Response(OrderedDict([("meta", self.get_meta()), ("items", data)]))
