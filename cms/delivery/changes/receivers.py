"""The change feed's receivers: each page or snippet event becomes its entries (see __init__.py).

Imported once from DeliveryConfig.ready(), after the cache receivers: those bump the content
generation row first, which serialises publishing transactions (commit order of entries).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import DraftStateMixin, Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from cms.localization.services import page_locale_path

from ..content import DRAFT_ONLY_FIELDS
from ..models import ContentChange
from . import (
    LIVE_ACTIONS,
    Action,
    change_last_entry,
    change_page_type,
    change_reader_path,
    change_record_move,
    change_record_page,
    change_record_snippet,
    snippet_models,
)


@receiver(page_published, dispatch_uid="delivery_changes_published")
def _on_published(sender, instance, **kwargs):
    previous, previous_path = change_last_entry(
        ContentChange.Kind.PAGE, change_page_type(instance), instance.pk
    )
    if previous in LIVE_ACTIONS and previous_path and previous_path != change_reader_path(instance):
        # Its slug changed with this publish: it and its subtree are somewhere else now.
        # (Wagtail's page_slug_changed fires after the commit, outside this transaction.)
        change_record_move(instance, previous_path)
    change_record_page(instance, Action.UPDATE if previous in LIVE_ACTIONS else Action.PUBLISH)


@receiver(page_unpublished, dispatch_uid="delivery_changes_unpublished")
def _on_unpublished(sender, instance, **kwargs):
    change_record_page(instance, Action.UNPUBLISH)


@receiver(post_page_move, dispatch_uid="delivery_changes_moved")
def _on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if instance.live and url_path_before and url_path_before != url_path_after:
        change_record_move(instance, page_locale_path(url_path_before, instance.locale.language_code))


@receiver(post_delete, sender=Page, dispatch_uid="delivery_changes_page_deleted")
def _on_page_deleted(sender, instance, **kwargs):
    # On the base Page model: one signal per page whatever its type. Like the webhook, pages
    # never published are nobody's business.
    if instance.first_published_at is not None:
        change_record_page(instance, Action.DELETE)


@receiver(post_delete, dispatch_uid="delivery_changes_snippet_deleted")
def _on_snippet_deleted(sender, instance, **kwargs):
    if sender not in snippet_models():
        return
    change_record_snippet(instance, Action.DELETE)


@receiver(post_save, dispatch_uid="delivery_changes_snippet_saved")
def _on_snippet_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if sender not in snippet_models():
        return
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


@receiver(published, dispatch_uid="delivery_changes_snippet_published")
def _on_snippet_published(sender, instance, **kwargs):
    if type(instance) in snippet_models():
        previous, _path = change_last_entry(ContentChange.Kind.SNIPPET, instance._meta.label, instance.pk)
        change_record_snippet(instance, Action.UPDATE if previous in LIVE_ACTIONS else Action.PUBLISH)


@receiver(unpublished, dispatch_uid="delivery_changes_snippet_unpublished")
def _on_snippet_unpublished(sender, instance, **kwargs):
    if type(instance) in snippet_models():
        change_record_snippet(instance, Action.UNPUBLISH)
