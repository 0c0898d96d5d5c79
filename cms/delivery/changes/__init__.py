"""The change feed: what was published, updated, unpublished, moved or deleted, in commit order.

Like Contentful's Sync API, a static build or a syndication partner keeps a cursor and asks
`GET /api/v2/changes/?since=<cursor>` for what changed after it (cms/delivery/api/changes.py).

Recorded from Wagtail's signals (receivers.py), for pages and the vocabulary snippets:

- a page published: `publish` (it was not live) or `update` (it was); its live translations
  get an `update` too, since their `translations` list changed;
- unpublished: `unpublish`; deleted (if it was ever published): `delete`. Both are tombstones
  with id, type, locale and the last path; live translations get an `update`;
- moved, or published with a new slug: `move` (with `previous_path`) for it and every live
  descendant;
- a snippet saved: `publish` (new) or `update`, plus an `update` for every live page that shows
  it (Wagtail's reference index); deleted: `delete`.

Every webhook event (publish, unpublish, delete, translation-publish) therefore has its entry.

Order: the receivers run after the cache invalidation receivers, which bump the content
generation row (cms/delivery/cache/generation.py) in the same transaction; that row lock
serialises publishing transactions, so entry ids grow in commit order and a cursor never
skips an entry committed later with a smaller id.
"""

import base64
import binascii
import functools

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from cms.localization.services import page_locale_path

from ..content import content_models
from ..models import ContentChange

Action = ContentChange.Action
LIVE_ACTIONS = {Action.PUBLISH, Action.UPDATE, Action.MOVE}
CURSOR_PREFIX = "c1:"


class CursorError(ValueError):
    """A `since` value that is not a cursor this feed gave out."""


def change_cursor(entry_id):
    """The opaque cursor of an entry id (base64url of 'c1:<id>')."""
    return base64.urlsafe_b64encode(f"{CURSOR_PREFIX}{entry_id}".encode()).decode().rstrip("=")


def cursor_entry_id(cursor):
    """The entry id inside a cursor; '' or None is the start of the feed (0)."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise CursorError("since is not a cursor of this feed") from None
    if not raw.startswith(CURSOR_PREFIX) or not raw[len(CURSOR_PREFIX) :].isdigit():
        raise CursorError("since is not a cursor of this feed")
    return int(raw[len(CURSOR_PREFIX) :])


def changes_since(cursor, limit):
    """(entries, next cursor, has_more): at most `limit` entries after `cursor`, oldest first."""
    after = cursor_entry_id(cursor)
    entries = list(ContentChange.objects.filter(pk__gt=after).order_by("pk")[: limit + 1])
    has_more = len(entries) > limit
    entries = entries[:limit]
    next_cursor = change_cursor(entries[-1].pk) if entries else change_cursor(after)
    return entries, next_cursor, has_more


def change_page_type(page):
    model = page.specific_class or type(page)
    return model._meta.label


def change_reader_path(page):
    return page_locale_path(page.url_path, page.locale.language_code)


def _page_entry(page, action, now, previous_path=""):
    return ContentChange(
        action=action,
        kind=ContentChange.Kind.PAGE,
        object_type=change_page_type(page),
        object_id=page.pk,
        locale=page.locale.language_code,
        translation_key=page.translation_key,
        path=change_reader_path(page),
        previous_path=previous_path,
        occurred_at=now,
    )


def change_last_entry(kind, object_type, object_id):
    """(action, path) of the object's latest entry, or (None, None)."""
    row = (
        ContentChange.objects.filter(kind=kind, object_type=object_type, object_id=object_id)
        .order_by("-pk")
        .values_list("action", "path")
        .first()
    )
    return row or (None, None)


def _live_translations(page):
    return (
        Page.objects.live()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .select_related("locale")
    )


def change_record_page(page, action, with_translations=True):
    """Record `action` for `page` (and `update` for its live translations); returns the entries."""
    if page.depth is not None and page.depth <= 1:
        return []
    now = timezone.now()
    entries = [_page_entry(page, action, now)]
    if with_translations:
        entries += [_page_entry(other, Action.UPDATE, now) for other in _live_translations(page)]
    return ContentChange.objects.bulk_create(entries)


def change_record_move(page, previous_path):
    """`move` for the page (now at its current reader path, before at `previous_path`) and every
    live descendant, with where each was before."""
    now = timezone.now()
    path = change_reader_path(page)
    entries = [_page_entry(page, Action.MOVE, now, previous_path)]
    descendants = Page.objects.live().filter(path__startswith=page.path).exclude(pk=page.pk)
    for descendant in descendants.select_related("locale").defer_streamfields():
        now_at = change_reader_path(descendant)
        entries.append(_page_entry(descendant, Action.MOVE, now, previous_path + now_at[len(path) :]))
    return ContentChange.objects.bulk_create(entries)


def change_record_snippet(instance, action):
    """Record `action` for a snippet, and `update` for every live page showing it."""
    now = timezone.now()
    locale = getattr(instance, "locale", None)
    entries = [
        ContentChange(
            action=action,
            kind=ContentChange.Kind.SNIPPET,
            object_type=instance._meta.label,
            object_id=instance.pk,
            locale=locale.language_code if locale is not None else "",
            translation_key=getattr(instance, "translation_key", None),
            occurred_at=now,
        )
    ]
    page_ids = [
        int(object_id)
        for object_id, model in ReferenceIndex.get_references_to(instance)
        .values_list("object_id", "base_content_type__model")
        .distinct()
        if object_id.isdigit() and model == "page"
    ]
    if page_ids:
        pages = Page.objects.live().filter(pk__in=page_ids).select_related("locale").defer_streamfields()
        entries += [_page_entry(page, Action.UPDATE, now) for page in pages]
    return ContentChange.objects.bulk_create(entries)


@functools.cache
def snippet_models():
    """The vocabulary snippets (the articles app's non-page models), not images or documents."""
    articles = set(apps.get_app_config("articles").get_models())
    return tuple(
        model
        for model in content_models()
        if model in articles and model._meta.label != "articles.ArticlePageAuthor"
    )
