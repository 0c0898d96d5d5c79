"""The change feed: what was published, updated, unpublished, moved or deleted, in commit order.

Like Contentful's Sync API, a static build or a syndication partner keeps a cursor and asks
`GET /api/v2/changes/?since=<cursor>` for what changed after it (cms/delivery/api/changes.py).

Recorded here from Wagtail's signals, for pages and the vocabulary snippets:

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

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.localization.services import page_locale_path

from .cache_signals import DRAFT_ONLY_FIELDS, content_models
from .models import ContentChange

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


def _page_type(page):
    model = page.specific_class or type(page)
    return model._meta.label


def _reader_path(page):
    return page_locale_path(page.url_path, page.locale.language_code)


def _page_entry(page, action, now, previous_path=""):
    return ContentChange(
        action=action,
        kind=ContentChange.Kind.PAGE,
        object_type=_page_type(page),
        object_id=page.pk,
        locale=page.locale.language_code,
        translation_key=page.translation_key,
        path=_reader_path(page),
        previous_path=previous_path,
        occurred_at=now,
    )


def _last_entry(kind, object_type, object_id):
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
    path = _reader_path(page)
    entries = [_page_entry(page, Action.MOVE, now, previous_path)]
    descendants = Page.objects.live().filter(path__startswith=page.path).exclude(pk=page.pk)
    for descendant in descendants.select_related("locale").defer_streamfields():
        now_at = _reader_path(descendant)
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


# Receivers. Connected by connect(), after the cache receivers (see "Order" above).


def _on_published(sender, instance, **kwargs):
    previous, previous_path = _last_entry(ContentChange.Kind.PAGE, _page_type(instance), instance.pk)
    if previous in LIVE_ACTIONS and previous_path and previous_path != _reader_path(instance):
        # Its slug changed with this publish: it and its subtree are somewhere else now.
        # (Wagtail's page_slug_changed fires after the commit, outside this transaction.)
        change_record_move(instance, previous_path)
    change_record_page(instance, Action.UPDATE if previous in LIVE_ACTIONS else Action.PUBLISH)


def _on_unpublished(sender, instance, **kwargs):
    change_record_page(instance, Action.UNPUBLISH)


def _on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if instance.live and url_path_before and url_path_before != url_path_after:
        change_record_move(instance, page_locale_path(url_path_before, instance.locale.language_code))


def _on_page_deleted(sender, instance, **kwargs):
    # On the base Page model: one signal per page whatever its type. Like the webhook, pages
    # never published are nobody's business.
    if instance.first_published_at is not None:
        change_record_page(instance, Action.DELETE)


def _on_snippet_deleted(sender, instance, **kwargs):
    change_record_snippet(instance, Action.DELETE)


def _on_snippet_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw:
        # Rows loaded as they are (fixtures, a test database restored): nothing was published.
        return
    if isinstance(instance, DraftStateMixin):
        # Drafts are nobody's business: what readers see changes when a revision is published
        # (_on_snippet_published). Only a row written live by code (seed data) counts here.
        if created and instance.live:
            change_record_snippet(instance, Action.PUBLISH)
        return
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    change_record_snippet(instance, Action.PUBLISH if created else Action.UPDATE)


def _on_snippet_published(sender, instance, **kwargs):
    if type(instance) in _snippet_models():
        previous, _path = _last_entry(ContentChange.Kind.SNIPPET, instance._meta.label, instance.pk)
        change_record_snippet(instance, Action.UPDATE if previous in LIVE_ACTIONS else Action.PUBLISH)


def _on_snippet_unpublished(sender, instance, **kwargs):
    if type(instance) in _snippet_models():
        change_record_snippet(instance, Action.UNPUBLISH)


def _snippet_models():
    """The vocabulary snippets (the articles app's non-page models), not images or documents."""
    from django.apps import apps

    articles = set(apps.get_app_config("articles").get_models())
    return [
        model
        for model in content_models()
        if model in articles and model._meta.label != "articles.ArticlePageAuthor"
    ]


def connect():
    page_published.connect(_on_published, dispatch_uid="delivery_changes_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="delivery_changes_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="delivery_changes_moved")
    post_delete.connect(_on_page_deleted, sender=Page, dispatch_uid="delivery_changes_page_deleted")
    published.connect(_on_snippet_published, dispatch_uid="delivery_changes_snippet_published")
    unpublished.connect(_on_snippet_unpublished, dispatch_uid="delivery_changes_snippet_unpublished")
    for model in _snippet_models():
        uid = f"delivery_changes_{model._meta.label_lower}"
        post_save.connect(_on_snippet_saved, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_on_snippet_deleted, sender=model, dispatch_uid=f"{uid}_delete")
