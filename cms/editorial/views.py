"""The "Medical review due" report: articles by next review date, filterable by status and locale."""

import datetime

import django_filters
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from cms.articles.models import ArticlePage

from .models import ClinicalSignOff
from .services import review_status, review_status_filter

# Who sees the report and the dashboard panel: holders of editorial.view_clinicalsignoff.
report_permission = ModelPermissionPolicy(ClinicalSignOff)

STATUS_LABELS = {
    "overdue": _("Overdue"),
    "due_soon": _("Due soon"),
    "current": _("Current"),
    "unscheduled": _("Not scheduled"),
}


class ReviewDueFilterSet(WagtailFilterSet):
    review_status = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=list(STATUS_LABELS.items()),
        method="filter_review_status",
        empty_label=_("Any"),
    )
    locale = django_filters.ModelChoiceFilter(
        label=_("Locale"), queryset=Locale.objects.all(), empty_label=_("All locales")
    )

    class Meta:
        model = ArticlePage
        fields = ["review_status", "locale", "live"]

    def filter_review_status(self, queryset, name, value):
        if value == "unscheduled":
            return queryset.filter(next_review_due__isnull=True)
        return review_status_filter(queryset, value)


def _date(value):
    return value.isoformat() if isinstance(value, datetime.date) else ""


class ReviewDueReportView(ReportView):
    """Articles by next review date (never scheduled first, then the most overdue)."""

    page_title = _("Medical review due")
    header_icon = "date"
    index_url_name = "editorial_review_due"
    index_results_url_name = "editorial_review_due_results"
    filterset_class = ReviewDueFilterSet
    permission_policy = report_permission
    permission_required = "view"
    model = ArticlePage
    list_export = ["title", "locale", "review_status_label", "next_review_due", "last_reviewed", "reviewer"]
    export_headings = {
        "review_status_label": _("Review status"),
        "next_review_due": _("Next review due"),
        "last_reviewed": _("Last reviewed"),
        "reviewer": _("Reviewer"),
    }
    columns = [
        TitleColumn(
            "title",
            label=_("Article"),
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        LocaleColumn(),
        LiveStatusTagColumn(),
        Column("review_status_label", label=_("Review status")),
        Column("next_review_due_text", label=_("Next review due")),
        Column("last_reviewed_text", label=_("Last reviewed")),
        Column("reviewer", label=_("Reviewer")),
    ]

    def get_filename(self):
        return f"medical-review-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return ArticlePage.objects.select_related("medical_reviewer", "locale").order_by(
            F("next_review_due").asc(nulls_first=True), "title", "pk"
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            status = review_status(page.next_review_due) or "unscheduled"
            page.review_status_label = STATUS_LABELS[status]
            page.next_review_due_text = _date(page.next_review_due)
            page.last_reviewed_text = _date(page.last_reviewed)
            page.reviewer = str(page.medical_reviewer) if page.medical_reviewer else ""
        return object_list
