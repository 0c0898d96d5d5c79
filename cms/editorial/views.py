"""Admin views: the "Medical review due" report, and the clinical recall form."""

import datetime

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic.edit import FormView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, LocaleColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from cms.articles.models import ArticlePage

from .forms import RecallForm
from .models import ClinicalSignOff
from .recall import recall_permitted, recall_translations, signoff_withdraw
from .services import review_status, review_status_filter
from .signoff import signoff_latest

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
        Column("recall_link", label=_("Recall")),
    ]

    def get_filename(self):
        return f"medical-review-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return ArticlePage.objects.select_related("locale").order_by(
            F("next_review_due").asc(nulls_first=True), "title", "pk"
        )

    def decorate_paginated_queryset(self, object_list):
        for page in object_list:
            status = review_status(page.next_review_due) or "unscheduled"
            page.review_status_label = STATUS_LABELS[status]
            page.next_review_due_text = _date(page.next_review_due)
            page.last_reviewed_text = _date(page.last_reviewed)
            page.reviewer = ", ".join(
                part for part in (page.medical_reviewer_name, page.medical_reviewer_credentials) if part
            )
            page.recall_link = ""
            if page.live and recall_permitted(self.request.user):
                page.recall_link = format_html(
                    '<a class="button button-small button-secondary no" href="{}">{}</a>',
                    reverse("editorial_recall", args=[page.pk]),
                    gettext("Withdraw sign-off"),
                )
        return object_list


class RecallView(WagtailAdminTemplateMixin, FormView):
    """A medical reviewer withdraws a live article's sign-off: it and its translations go offline."""

    form_class = RecallForm
    template_name = "editorial/recall_form.html"
    page_title = _("Withdraw medical sign-off")
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("editorial_review_due"), "label": _("Medical review due")},
            {"url": "", "label": self.get_header_title()},
        ]

    def dispatch(self, request, page_id):
        if not recall_permitted(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(ArticlePage, pk=page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page=self.page,
            signoff=signoff_latest(self.page),
            translations=recall_translations(self.page) if self.page.live else [],
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context

    def form_valid(self, form):
        try:
            recall = signoff_withdraw(self.page, self.request.user, form.cleaned_data["reason"])
        except ValueError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        others = len(recall.unpublished) - 1
        message = gettext("Sign-off withdrawn: “%(title)s” is offline now.") % {"title": self.page.title}
        if others > 0:
            message += " " + gettext("%(count)d translation(s) made from it went offline too.") % {
                "count": others
            }
        message += " " + gettext("Editors and reviewers were emailed; it comes back only through review.")
        messages.success(self.request, message)
        return redirect(get_valid_next_url_from_request(self.request) or reverse("editorial_review_due"))
