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

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from .generation import GENERATION_ID, content_generation


def _models():
    from ..models import ApiSnapshot, ApiSnapshotDependency, ContentGeneration

    return ApiSnapshot, ApiSnapshotDependency, ContentGeneration


def snapshot_valid_until(now=None):
    """The next local midnight: review statuses ('due_soon', 'overdue') change with the date."""
    today = timezone.localdate(now)
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def snapshot_content(page_id, live_revision_id, url_path, site_id):
    """The stored bytes for this page if they were rendered from this live row, else None."""
    ApiSnapshot = _models()[0]
    row = (
        ApiSnapshot.objects.filter(
            page_id=page_id,
            live_revision_id=live_revision_id,
            url_path=url_path,
            site_id=site_id,
            valid_until__gt=timezone.now(),
        )
        .values_list("content", flat=True)
        .first()
    )
    return bytes(row) if row is not None else None


def _generation_unchanged(token):
    """True if the generation is still `token`; locks its row until the transaction ends."""
    ContentGeneration = _models()[2]
    rows = ContentGeneration.objects.filter(pk=GENERATION_ID, token=token)
    if connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return rows.exists()


def snapshots_store(token, rendered):
    """Store rendered snapshots (see DeliveryPagesAPIViewSet.render_snapshots) unless stale.

    Returns how many were stored: none if content changed since `token` was read.
    """
    ApiSnapshot, ApiSnapshotDependency, _ = _models()
    if not rendered:
        return 0
    valid_until = snapshot_valid_until()
    with transaction.atomic():
        if not _generation_unchanged(token):
            return 0
        ids = [item["page_id"] for item in rendered]
        ApiSnapshot.objects.filter(page_id__in=ids).delete()
        ApiSnapshot.objects.bulk_create(
            ApiSnapshot(
                page_id=item["page_id"],
                live_revision_id=item["live_revision_id"],
                url_path=item["url_path"],
                site_id=item["site_id"],
                content=item["content"],
                valid_until=valid_until,
            )
            for item in rendered
        )
        ApiSnapshotDependency.objects.bulk_create(
            ApiSnapshotDependency(snapshot_id=item["page_id"], translation_key=key)
            for item in rendered
            for key in sorted(item["translation_keys"], key=str)
        )
    return len(rendered)


def snapshots_build(page_ids, batch_size=100):
    """Render and store the snapshots of these pages (those live and public); returns the count."""
    from ..api.pages import DeliveryPagesAPIViewSet

    page_ids = list(page_ids)
    stored = 0
    for start in range(0, len(page_ids), batch_size):
        token = content_generation(start=True)[0]  # read before the content it guards
        view = DeliveryPagesAPIViewSet.snapshot_view()
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
    ApiSnapshot = _models()[0]
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
    """Enqueue the build for when the current transaction commits (the publish stays cheap)."""
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: snapshots_build_task.enqueue(page_ids))


def snapshots_forget(page):
    """Drop every snapshot showing a page of `page`'s subtree (itself, its translations, children,
    and pages linking to them). Call inside the transaction that changes the page.

    Returns the ids of the pages whose snapshots were dropped."""
    ApiSnapshot = _models()[0]
    keys = Page.objects.filter(path__startswith=page.path).values("translation_key")
    stale = list(
        ApiSnapshot.objects.filter(dependencies__translation_key__in=keys).values_list("page_id", flat=True)
    )
    if stale:
        ApiSnapshot.objects.filter(page_id__in=stale).delete()
    return stale


def snapshots_forget_group(translation_key):
    """Drop every snapshot showing a page of this translation group."""
    ApiSnapshot = _models()[0]
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
    _models()[0].objects.all().delete()
    if rebuild:
        snapshots_build_missing_later()
