"""Invalidate the API cache whenever published content, or who may see it, changes.

Every change bumps the content generation (cms/delivery/cache/generation.py), which
invalidates all cached API responses at once: cheap and never stale. Publishing,
unpublishing, moving and deleting a page also purge its API URLs from the CDN.
"""

import functools

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import Translation, TranslationSource

from .cache import content_generation_bump
from .cache.purge import purge_page_urls
from .cache.snapshots import (
    snapshots_build_later,
    snapshots_clear,
    snapshots_forget,
    snapshots_forget_group,
)

# Page.save() with only these fields is draft bookkeeping (save_revision, locking):
# the live content anonymous callers see is unchanged.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "live_revision",
    }
)

# Changes to these models change what, or who, the public API shows.
VISIBILITY_MODELS = (
    Site,
    Locale,
    PageViewRestriction,
    CollectionViewRestriction,
    GroupPagePermission,
    GroupCollectionPermission,
    Group,
    Permission,
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


def page_published_or_unpublished(sender, instance, **kwargs):
    page_changed(instance, rebuild_self=instance.live)
    purge_page_urls(instance)


def page_moved(sender, instance, url_path_before=None, **kwargs):
    page_changed(instance, rebuild_self=instance.live)
    purge_page_urls(instance, url_paths=[url_path_before] if url_path_before else [])


def page_deleted(sender, instance, **kwargs):
    page_changed(instance)
    if instance.live:
        purge_page_urls(instance)


def snippet_changed(sender, instance=None, raw=False, **kwargs):
    if raw:  # loaddata: other rows may not be there yet (Django's advice for raw saves)
        return
    content_generation_bump()
    snapshots_clear()


def translation_record_changed(sender, instance, raw=False, **kwargs):
    """wagtail-localize's sources and translations decide the statuses in `translations`."""
    if raw:
        return
    source = instance if isinstance(instance, TranslationSource) else instance.source
    content_generation_bump()
    snapshots_forget_group(source.object_id)


def code_migrated(sender, **kwargs):
    """New code may render pages differently: drop every snapshot after `migrate`."""
    if sender.label == "delivery":
        snapshots_clear()


@functools.cache
def content_models():
    """The models whose rows appear in API output: our snippets, images and documents."""
    from django.apps import apps

    models = [m for m in apps.get_app_config("articles").get_models() if not issubclass(m, Page)]
    return (*models, get_image_model(), get_document_model())


def connect():
    """Connect the receivers (called from DeliveryConfig.ready)."""
    post_save.connect(_page_saved_any, dispatch_uid="delivery_cache_page_saved")
    post_delete.connect(_page_deleted_any, dispatch_uid="delivery_cache_page_deleted")
    page_published.connect(page_published_or_unpublished, dispatch_uid="delivery_cache_published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="delivery_cache_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="delivery_cache_moved")
    for model in (*content_models(), *VISIBILITY_MODELS):
        uid = f"delivery_cache_{model._meta.label_lower}"
        post_save.connect(snippet_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(snippet_changed, sender=model, dispatch_uid=f"{uid}_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="delivery_cache_m2m")
    for model in (TranslationSource, Translation):
        uid = f"delivery_snapshots_{model._meta.label_lower}"
        post_save.connect(translation_record_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(translation_record_changed, sender=model, dispatch_uid=f"{uid}_delete")
    post_migrate.connect(code_migrated, dispatch_uid="delivery_snapshots_migrated")


def _page_saved_any(sender, instance, raw=False, **kwargs):
    if isinstance(instance, Page) and not raw:
        page_saved(sender, instance, **kwargs)


def _page_deleted_any(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_deleted(sender, instance, **kwargs)


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, (*content_models(), *VISIBILITY_MODELS)):
        content_generation_bump()
        snapshots_clear()
