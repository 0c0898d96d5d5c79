"""Keyset pages of a section's articles: A to Z by title, `?after=<cursor>` / `?before=<cursor>`.

A cursor names the article at the edge of a page by its (title, id), so a page costs one
indexed range query wherever it is in the list (no OFFSET), and publishing an article does not
shift the pages a reader is paging through. The first page has no cursor: its URL is the
section's own.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.db.models import Q


class BadCursor(ValueError):
    """A cursor this site did not make."""


def cursor_encode(title, pk):
    raw = json.dumps([title, pk], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def cursor_decode(value):
    """(title, id) from a cursor, or BadCursor."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        title, pk = json.loads(raw.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as e:
        raise BadCursor(value) from e
    if not isinstance(title, str) or not isinstance(pk, int) or isinstance(pk, bool) or pk < 1:
        raise BadCursor(value)
    return title, pk


@dataclass(frozen=True)
class KeysetPage:
    """One page: which rows to show, and the cursors of the pages before and after it."""

    direction: str  # "first", "after" or "before"
    key: tuple | None  # (title, id) of the cursor's article
    size: int

    @classmethod
    def from_query(cls, query, size):
        """The page a query string asks for; BadCursor for a cursor that does not decode."""
        if "after" in query and "before" in query:
            raise BadCursor("after and before together")
        for direction in ("after", "before"):
            if direction in query:
                return cls(direction, cursor_decode(query[direction]), size)
        return cls("first", None, size)

    def select(self, queryset):
        """`queryset` ordered and sliced to this page, plus one row that tells if there is more."""
        if self.direction == "before":
            title, pk = self.key
            rows = queryset.filter(Q(title__lt=title) | Q(title=title, pk__lt=pk)).order_by("-title", "-pk")
        else:
            rows = queryset.order_by("title", "pk")
            if self.direction == "after":
                title, pk = self.key
                rows = rows.filter(Q(title__gt=title) | Q(title=title, pk__gt=pk))
        return rows[: self.size + 1]

    def links(self, items):
        """(items to show, cursor of the previous page or None, cursor of the next page or None).

        `items` are the rows `select` returned, serialized (dicts with `id` and `title`).
        """
        more = len(items) > self.size
        items = list(items[: self.size])
        if self.direction == "before":
            items.reverse()
        if not items:
            return items, None, None
        first = cursor_encode(items[0]["title"], items[0]["id"])
        last = cursor_encode(items[-1]["title"], items[-1]["id"])
        if self.direction == "first":
            return items, None, last if more else None
        if self.direction == "after":
            return items, first, last if more else None
        # Paging backwards: there is a next page (where we came from) and, if more, a previous one.
        return items, first if more else None, last

    def is_first(self, previous):
        """True when this page holds the first articles (its canonical URL is the section's)."""
        return self.direction == "first" or (self.direction == "before" and previous is None)
