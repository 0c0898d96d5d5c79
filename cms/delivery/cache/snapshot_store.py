"""Storing and reading page snapshots (see snapshots.py): the bytes, the live row they were
rendered from, and how long they are served. Rendering them is the v2 endpoint's job
(DeliveryPagesAPIViewSet.render_snapshots); building and dropping them is snapshots.py's.
"""

import datetime

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from ..models import ApiSnapshot, ApiSnapshotDependency, ContentGeneration
from .generation import GENERATION_ID


def snapshot_valid_until(now=None):
    """The next local midnight: review statuses ('due_soon', 'overdue') change with the date."""
    today = timezone.localdate(now)
    midnight = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def snapshot_content(page_id, live_revision_id, url_path, site_id):
    """The stored bytes for this page if they were rendered from this live row, else None."""
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


def snapshot_contents(page_ids, site_id):
    """{page id: stored bytes} of those of `page_ids` whose snapshot was rendered from the
    page's current live row (one query, for listings)."""
    same_revision = Q(live_revision_id=F("page__live_revision_id")) | Q(
        live_revision_id__isnull=True, page__live_revision_id__isnull=True
    )
    rows = ApiSnapshot.objects.filter(
        same_revision,
        page_id__in=page_ids,
        site_id=site_id,
        url_path=F("page__url_path"),
        valid_until__gt=timezone.now(),
    ).values_list("page_id", "content")
    return {page_id: bytes(content) for page_id, content in rows}


def _generation_unchanged(token):
    """True if the generation is still `token`; locks its row until the transaction ends."""
    rows = ContentGeneration.objects.filter(pk=GENERATION_ID, token=token)
    if connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return rows.exists()


def snapshots_store(token, rendered):
    """Store rendered snapshots (see DeliveryPagesAPIViewSet.render_snapshots) unless stale.

    Returns how many were stored: none if content changed since `token` was read.
    """
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
