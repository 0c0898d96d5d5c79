"""Review status, the API helpers, and what a sign-off's fingerprint covers."""

import datetime

import pytest
from django.test import override_settings

from cms.articles.models import ArticlePage
from cms.editorial.services import (
    medical_review_summary,
    review_status,
    review_status_counts,
    review_status_filter,
)
from cms.editorial.signoff import revision_fingerprint

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def test_review_status_boundaries():
    assert review_status(None, today=TODAY) is None
    assert review_status(TODAY - datetime.timedelta(days=1), today=TODAY) == "overdue"
    assert review_status(TODAY, today=TODAY) == "due_soon"
    assert review_status(TODAY + datetime.timedelta(days=30), today=TODAY) == "due_soon"
    assert review_status(TODAY + datetime.timedelta(days=31), today=TODAY) == "current"


@override_settings(MEDICAL_REVIEW_DUE_SOON_DAYS=7)
def test_due_soon_window_is_a_setting():
    assert review_status(TODAY + datetime.timedelta(days=8), today=TODAY) == "current"
    assert review_status(TODAY + datetime.timedelta(days=7), today=TODAY) == "due_soon"


def test_summary_shape(make_article):
    page = make_article()
    summary = medical_review_summary(page, today=TODAY)
    assert summary == {
        "reviewed_by": {"name": "Dr Rae Viewer", "credentials": "MD"},
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
        "status": "current",
    }
    page.medical_reviewer_name = ""
    page.next_review_due = None
    page.last_reviewed = None
    assert medical_review_summary(page, today=TODAY) == {
        "reviewed_by": None,
        "last_reviewed": None,
        "next_review_due": None,
        "status": None,
    }


def _articles(make_article):
    due = {"overdue": TODAY - datetime.timedelta(days=3), "soon": TODAY + datetime.timedelta(days=10)}
    pages = {"current": make_article("Current")}
    for key, date in due.items():
        page = make_article(key.title())
        ArticlePage.objects.filter(pk=page.pk).update(next_review_due=date)
        pages[key] = page
    unscheduled = make_article("Unscheduled")
    ArticlePage.objects.filter(pk=unscheduled.pk).update(next_review_due=None)
    return pages


def test_filter_by_status(make_article):
    pages = _articles(make_article)
    base = ArticlePage.objects.all()
    assert list(review_status_filter(base, "overdue", today=TODAY)) == [pages["overdue"]]
    assert list(review_status_filter(base, "due_soon", today=TODAY)) == [pages["soon"]]
    assert list(review_status_filter(base, "current", today=TODAY)) == [pages["current"]]
    for bad in ("", "late", None, "OVERDUE"):
        with pytest.raises(ValueError, match="Unknown review status"):
            review_status_filter(base, bad)


def test_counts_in_one_query(make_article, django_assert_num_queries):
    _articles(make_article)
    with django_assert_num_queries(1):
        counts = review_status_counts(ArticlePage.objects.all(), today=TODAY)
    assert counts == {"current": 1, "due_soon": 1, "overdue": 1, "unscheduled": 1}


def test_summary_costs_no_query_per_article(make_article, django_assert_num_queries):
    for n in range(3):
        make_article(f"Article {n}")
    with django_assert_num_queries(1):
        summaries = [
            medical_review_summary(page) for page in ArticlePage.objects.select_related("medical_reviewer")
        ]
    assert [s["reviewed_by"]["name"] for s in summaries] == ["Dr Rae Viewer"] * 3


def test_fingerprint_ignores_scheduling_but_not_content(make_article):
    page = make_article()
    first = page.get_latest_revision()
    draft = first.as_object()
    draft.go_live_at = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    draft.expire_at = datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC)
    scheduled = draft.save_revision()
    assert revision_fingerprint(scheduled) == revision_fingerprint(first)
    draft.summary = "A different summary."
    changed = draft.save_revision()
    assert revision_fingerprint(changed) != revision_fingerprint(first)
    draft.summary = first.content["summary"]
    draft.next_review_due = datetime.date(2040, 1, 1)
    assert revision_fingerprint(draft.save_revision()) != revision_fingerprint(first)
