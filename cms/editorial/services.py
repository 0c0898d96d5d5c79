"""Editorial business rules: medical review status, sign-off and publishing checks.

Called from the API, the admin (views, hooks, reports) and management commands alike.
"""

import datetime

from django.conf import settings
from django.utils import timezone

REVIEW_STATUSES = ("current", "due_soon", "overdue")


def review_due_soon_days():
    """How many days before `next_review_due` an article counts as due soon."""
    return int(getattr(settings, "MEDICAL_REVIEW_DUE_SOON_DAYS", 30))


def review_interval_days():
    """How long a medical sign-off stays valid before the next review falls due."""
    return int(getattr(settings, "MEDICAL_REVIEW_INTERVAL_DAYS", 365))


def review_status(next_review_due, today=None):
    """'current', 'due_soon' or 'overdue' for a due date; None when no review is scheduled."""
    if next_review_due is None:
        return None
    today = today or timezone.localdate()
    if next_review_due < today:
        return "overdue"
    if next_review_due <= today + datetime.timedelta(days=review_due_soon_days()):
        return "due_soon"
    return "current"


def medical_review_summary(page, today=None):
    """The medical review of an article, as the API shows it.

    {"reviewed_by": {"name": "Dr Daniel Okafor", "credentials": "MD, FRCP"},
     "last_reviewed": "2026-01-01", "next_review_due": "2027-01-01", "status": "current"}

    Reads only `page.medical_reviewer` (no query when the queryset used
    `select_related("medical_reviewer")`).
    """
    reviewer = page.medical_reviewer
    return {
        "reviewed_by": (
            {"name": reviewer.name, "credentials": reviewer.credentials} if reviewer is not None else None
        ),
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
        "status": review_status(page.next_review_due, today=today),
    }


def review_status_filter(queryset, status, today=None):
    """Narrow an ArticlePage queryset to one review status; ValueError for an unknown status."""
    if status not in REVIEW_STATUSES:
        raise ValueError(f"Unknown review status {status!r}: expected one of {', '.join(REVIEW_STATUSES)}.")
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=review_due_soon_days())
    if status == "overdue":
        return queryset.filter(next_review_due__lt=today)
    if status == "due_soon":
        return queryset.filter(next_review_due__gte=today, next_review_due__lte=soon)
    return queryset.filter(next_review_due__gt=soon)
