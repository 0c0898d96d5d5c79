"""Invalidate the API cache whenever published content, or who may see it, changes.

Every change bumps the content generation (cms/delivery/cache/generation.py), which
invalidates all cached API responses at once: cheap and never stale. Publishing,
unpublishing, moving and deleting a page also purge its API URLs from the CDN.

Imported once from DeliveryConfig.ready(), before the change feed's receivers: these lock the
generation row first (see cms/delivery/changes).
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import Translation, TranslationSource

from ..content import DRAFT_ONLY_FIELDS, content_senders
from . import content_generation_bump
from .purge import purge_page_urls
from .snapshots import (
    snapshots_build_later,
    snapshots_clear,
    snapshots_forget,
    snapshots_forget_group,
)


def page_changed(page, rebuild_self=False):
    """Bump the generation (first: it locks the row snapshot writers check), drop the snapshots
    showing this page or its subtree, and rebuild them once the change commits."""
    content_generation_bump()
    dropped = set(snapshots_forget(page))
    if rebuild_self:
        dropped.add(page.pk)
    else:
        dropped.discard(page.pk)
    snapshots_build_later(dropped)


def page_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    page_changed(instance)  # a new translation changes its siblings' translation statuses


@receiver(page_published, dispatch_uid="delivery_cache_published")
@receiver(page_unpublished, dispatch_uid="delivery_cache_unpublished")
def page_published_or_unpublished(sender, instance, **kwargs):
    page_changed(instance, rebuild_self=instance.live)
    purge_page_urls(instance)


@receiver(post_page_move, dispatch_uid="delivery_cache_moved")
def page_moved(sender, instance, url_path_before=None, **kwargs):
    page_changed(instance, rebuild_self=instance.live)
    purge_page_urls(instance, url_paths=[url_path_before] if url_path_before else [])


def page_deleted(sender, instance, **kwargs):
    page_changed(instance)
    if instance.live:
        purge_page_urls(instance)


@receiver(post_save, dispatch_uid="delivery_cache_content_saved")
@receiver(post_delete, dispatch_uid="delivery_cache_content_deleted")
def snippet_changed(sender, instance=None, raw=False, **kwargs):
    """A snippet, image, document, or a row deciding who sees what (content_senders)."""
    # raw: loaddata or a serialized rollback, other rows may not be there yet (Django's advice).
    if raw or sender not in content_senders():
        return
    content_generation_bump()
    snapshots_clear()


@receiver(post_save, sender=TranslationSource, dispatch_uid="delivery_snapshots_source_save")
@receiver(post_delete, sender=TranslationSource, dispatch_uid="delivery_snapshots_source_delete")
@receiver(post_save, sender=Translation, dispatch_uid="delivery_snapshots_translation_save")
@receiver(post_delete, sender=Translation, dispatch_uid="delivery_snapshots_translation_delete")
def translation_record_changed(sender, instance, raw=False, **kwargs):
    """wagtail-localize's sources and translations decide the statuses in `translations`."""
    if raw:
        return
    source = instance if isinstance(instance, TranslationSource) else instance.source
    content_generation_bump()
    snapshots_forget_group(source.object_id)


@receiver(post_migrate, dispatch_uid="delivery_snapshots_migrated")
def code_migrated(sender, **kwargs):
    """New code may render pages differently: drop every snapshot after `migrate`."""
    if sender.label == "delivery":
        snapshots_clear()


@receiver(post_save, dispatch_uid="delivery_cache_page_saved")
def _page_saved_any(sender, instance, raw=False, **kwargs):
    if isinstance(instance, Page) and not raw:
        page_saved(sender, instance, **kwargs)


@receiver(post_delete, dispatch_uid="delivery_cache_page_deleted")
def _page_deleted_any(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_deleted(sender, instance, **kwargs)


@receiver(m2m_changed, dispatch_uid="delivery_cache_m2m")
def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, tuple(content_senders())):
        content_generation_bump()
        snapshots_clear()
