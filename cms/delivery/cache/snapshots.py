"""Precomputed detail JSON of live pages ("snapshots"), built when a page is published.

A plain detail request (`/api/v2/pages/12/`, no query string) is answered with the
snapshot's bytes, after the live, public page row (read through the endpoint's own
queryset, so visibility is always checked live) still shows the revision and path the
snapshot was rendered from. Each snapshot records the translation groups whose pages it
shows (its own, its parent's, every page its rich text links to): publishing, unpublishing,
moving, saving or deleting any page of those groups, or of their ancestors, drops it.
Snippet, image, document, site, locale and permission changes drop them all; so does
`migrate` (new code may render differently). The review status depends on the date, so a
snapshot is only served until the next local midnight.

Writes are guarded by the content generation: a snapshot is only stored if no content
change committed since its data was read (the generation row is locked while writing, so
a publish in progress waits for the write, then deletes what it makes stale).
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from ..api.pages import DeliveryPagesAPIViewSet
from ..api.v2 import api_router
from ..models import ApiSnapshot
from .generation import content_generation
from .snapshot_store import snapshots_store


def snapshots_build(page_ids, batch_size=100):
    """Render and store the snapshots of these pages (those live and public); returns the count."""
    page_ids = list(page_ids)
    stored = 0
    for start in range(0, len(page_ids), batch_size):
        token = content_generation(start=True)[0]  # read before the content it guards
        view = api_router.anonymous_view(DeliveryPagesAPIViewSet)
        if view is None:
            return stored
        rendered = view.render_snapshots(page_ids[start : start + batch_size])
        stored += snapshots_store(token, rendered)
    return stored


@task()
def snapshots_build_task(page_ids):
    return snapshots_build(page_ids)


def snapshots_build_missing():
    """Build the snapshot of every live page that has no current one; returns the count.

    Run after everything was dropped (snippet or permission changes), daily after midnight
    (`manage.py build_snapshots`), and on deploys: reads never build them (they render in memory).
    """
    current = ApiSnapshot.objects.filter(valid_until__gt=timezone.now()).values("page_id")
    return snapshots_build(Page.objects.live().exclude(pk__in=current).values_list("pk", flat=True))


@task()
def snapshots_build_missing_task():
    return snapshots_build_missing()


def snapshots_build_missing_later():
    """Enqueue `snapshots_build_missing` for when the current transaction commits. Several in
    one transaction cost one build: the later runs find the snapshots already there."""
    transaction.on_commit(snapshots_build_missing_task.enqueue)


def snapshots_build_later(page_ids):
    """Enqueue the build for when the current transaction commits (the publish stays cheap).

    One transaction queues one build: a publish saves its page, then signals, and each change
    adds its pages to the connection's pending set; the first commit hook takes them all and
    the later ones find nothing. (Ids left behind by a rollback are built with the next
    commit's: rendering skips pages that are not live.)"""
    page_ids = set(page_ids)
    if not page_ids:
        return
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("snapshot_builds_pending", set())
    pending |= page_ids
    transaction.on_commit(lambda: _snapshots_build_pending(connection))


def _snapshots_build_pending(connection):
    pending = connection.__dict__.get("snapshot_builds_pending")
    if pending:
        page_ids = sorted(pending)
        pending.clear()
        snapshots_build_task.enqueue(page_ids)


def snapshots_forget(page):
    """Drop every snapshot showing a page of `page`'s subtree (itself, its translations, children,
    and pages linking to them). Call inside the transaction that changes the page.

    Returns the ids of the pages whose snapshots were dropped."""
    keys = Page.objects.filter(path__startswith=page.path).values("translation_key")
    stale = list(
        ApiSnapshot.objects.filter(dependencies__translation_key__in=keys).values_list("page_id", flat=True)
    )
    if stale:
        ApiSnapshot.objects.filter(page_id__in=stale).delete()
    return stale


def snapshots_forget_group(translation_key):
    """Drop every snapshot showing a page of this translation group."""
    stale = list(
        ApiSnapshot.objects.filter(dependencies__translation_key=translation_key).values_list(
            "page_id", flat=True
        )
    )
    if stale:
        ApiSnapshot.objects.filter(page_id__in=stale).delete()
        snapshots_build_later(stale)


def snapshots_clear(rebuild=True):
    """Drop every snapshot (snippets, images, permissions or code changed); with `rebuild`,
    build them again in the background once the change commits."""
    ApiSnapshot.objects.all().delete()
    if rebuild:
        snapshots_build_missing_later()
