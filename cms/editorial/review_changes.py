"""What changed since the last sign-off: the revisions a re-review compares.

A reviewer re-reviewing an article reads the difference between the revision under review and
the revision the last sign-off covered; for a translation also its source's changes since that
sign-off (what the translation should now carry).
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Locale, Page, Revision

from .models import ClinicalSignOff
from .signoff import signoff_latest


@dataclass
class ReviewChanges:
    """One comparison: `page` from revision `since` (None: never signed off) to `until`."""

    page: Page
    since: Revision | None
    until: Revision | None
    signoff: ClinicalSignOff | None
    is_source: bool = False


def _source_of(page):
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return None
    source = Page.objects.filter(translation_key=page.translation_key, locale=default).first()
    return source.specific if source is not None else None


def signed_before(obj):
    """Whether `obj` is a page signed off before (a re-review: its dialog shows the changes)."""
    return isinstance(obj, Page) and signoff_latest(obj) is not None


def review_changes(page):
    """[ReviewChanges of `page` since its last sign-off, then (a translation) of its source since then]."""
    signoff = signoff_latest(page)
    since = signoff.revision if signoff is not None else None
    changes = [ReviewChanges(page, since, page.get_latest_revision(), signoff)]
    source = _source_of(page)
    if source is not None:
        until = source.live_revision or source.get_latest_revision()
        source_since = None
        if signoff is not None:
            source_since = (
                source.revisions.filter(created_at__lte=signoff.signed_at)
                .order_by("-created_at", "-pk")
                .first()
            )
        changes.append(ReviewChanges(source, source_since, until, signoff, is_source=True))
    return changes


def changes_comparison(changes, request):
    """Wagtail's field comparisons (as its compare view makes them) that changed, or None (no sign-off)."""
    if changes.since is None or changes.until is None:
        return None
    page = changes.page
    panel = page.get_edit_handler().get_bound_panel(instance=page, request=request, form=None)
    before, after = changes.since.as_object(), changes.until.as_object()
    return [
        diff for diff in (compare(before, after) for compare in panel.get_comparison()) if diff.has_changed()
    ]


def review_changes_sections(page, request):
    """[{changes, comparison, compare_url}] of `page` (and a translation's source) for a screen."""
    sections = []
    for changes in review_changes(page):
        compare_url = None
        if changes.since is not None and changes.until is not None:
            compare_url = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[changes.page.pk, changes.since.pk, changes.until.pk],
            )
        comparison = changes_comparison(changes, request)
        sections.append({"changes": changes, "comparison": comparison, "compare_url": compare_url})
    return sections
