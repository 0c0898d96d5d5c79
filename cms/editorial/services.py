"""Editorial business rules: medical review status, sign-off and publishing checks.

Called from the API, the admin (views, hooks, reports) and management commands alike.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

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

    The reviewer is as recorded in the sign-off that covers this revision (stamped into it by
    `signoff_record`), not the Person as it reads today. A page nobody signed off (a new
    translation, a copy) has no review: every value is null. No query.
    """
    return {
        "reviewed_by": (
            {"name": page.medical_reviewer_name, "credentials": page.medical_reviewer_credentials}
            if page.medical_reviewer_name
            else None
        ),
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else None,
        "next_review_due": page.next_review_due.isoformat() if page.next_review_due else None,
        "status": review_status(page.next_review_due, today=today),
    }


def review_status_q(status, today=None):
    """The Q object selecting ArticlePages of one review status; ValueError for an unknown status."""
    if status not in REVIEW_STATUSES:
        raise ValueError(f"Unknown review status {status!r}: expected one of {', '.join(REVIEW_STATUSES)}.")
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=review_due_soon_days())
    if status == "overdue":
        return Q(next_review_due__lt=today)
    if status == "due_soon":
        return Q(next_review_due__gte=today, next_review_due__lte=soon)
    return Q(next_review_due__gt=soon)


def review_status_filter(queryset, status, today=None):
    """Narrow an ArticlePage queryset to one review status; ValueError for an unknown status."""
    return queryset.filter(review_status_q(status, today=today))


def review_status_counts(queryset, today=None):
    """{"current": n, "due_soon": n, "overdue": n, "unscheduled": n} for ArticlePages, in one query."""
    counts = {status: Count("pk", filter=review_status_q(status, today)) for status in REVIEW_STATUSES}
    return queryset.aggregate(**counts, unscheduled=Count("pk", filter=Q(next_review_due__isnull=True)))


def review_due_articles(statuses=("due_soon", "overdue"), locale=None, today=None):
    """Live articles whose review is due soon or overdue (or `statuses`), soonest due first."""
    from cms.articles.models import ArticlePage

    condition = Q(pk__in=[])
    for status in statuses:
        condition |= review_status_q(status, today=today)
    queryset = ArticlePage.objects.live().filter(condition)
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset.select_related("medical_reviewer__user", "locale").order_by("next_review_due", "title")


def review_reminders_plan(articles):
    """Group due articles by reviewer: ({email: (user, [articles])}, [articles with nobody to email])."""
    plan, unreachable = {}, []
    for article in articles:
        person = article.medical_reviewer
        user = person.user if person is not None else None
        if user is None or not user.email or not user.is_active:
            unreachable.append(article)
            continue
        plan.setdefault(user.email, (user, []))[1].append(article)
    return plan, unreachable


def send_review_reminders(plan, today=None):
    """Email each reviewer the list of their articles to re-review; return the number of emails sent."""
    today = today or timezone.localdate()
    admin_base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for email, (user, articles) in plan.items():
        subject = ngettext(
            "Medical review due: %(count)d article",
            "Medical review due: %(count)d articles",
            len(articles),
        ) % {"count": len(articles)}
        rows = [
            {
                "article": article,
                "status": review_status(article.next_review_due, today=today),
                "edit_url": admin_base + reverse("wagtailadmin_pages:edit", args=[article.pk]),
            }
            for article in articles
        ]
        body = render_to_string(
            "editorial/review_reminder_email.txt", {"user": user, "rows": rows, "today": today}
        )
        sent += send_mail(subject, body, None, [email])
    return sent
