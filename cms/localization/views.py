"""The "Translation status" report: source articles with the status of each translation."""

import datetime

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale

from cms.articles.models import ArticleIndexPage, ArticlePage

from .locales import language_name
from .models import LocaleRole
from .services import SOURCE, TRANSLATION_STATUSES, translations_summary_bulk


def report_visible(user):
    """Editors who submit translations, language roles and superusers see the report."""
    return (
        user.is_superuser
        or user.has_perm("wagtail_localize.submit_translation")
        or LocaleRole.objects.filter(group__user=user).exists()
    )


def translated_languages():
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class TranslationStatusFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=lambda: [(code, language_name(code)) for code in translated_languages()],
        method="filter_nothing",
        empty_label=_("All languages"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Translation status"),
        choices=[(key, label) for key, label in TRANSLATION_STATUSES.items() if key != SOURCE],
        method="filter_nothing",
        empty_label=_("Any"),
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=lambda request: ArticleIndexPage.objects.filter(locale=Locale.get_default()),
        method="filter_section",
        empty_label=_("All sections"),
    )

    class Meta:
        model = ArticlePage
        fields = ["language", "status", "section"]

    def filter_nothing(self, queryset, name, value):
        return queryset  # applied in filter_queryset, once the statuses are known

    def filter_section(self, queryset, name, value):
        return queryset.child_of(value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        status = self.form.cleaned_data.get("status")
        if not status:
            return queryset
        language = self.form.cleaned_data.get("language")
        summary = translations_summary_bulk(queryset.only("pk", "translation_key", "locale_id"))
        keep = [
            pk
            for pk, entries in summary.items()
            if any(
                entry["status"] == status and (not language or entry["locale"] == language)
                for entry in entries
            )
        ]
        return queryset.filter(pk__in=keep)


class TranslationStatusColumn(Column):
    """One language: status, % of segments translated, and a link to the translation."""

    cell_template_name = "localization/status_cell.html"

    def __init__(self, language_code, **kwargs):
        self.language_code = language_code
        super().__init__(f"status_{language_code}", label=language_name(language_code), **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        entry = instance.translation_entries.get(self.language_code)
        context["entry"] = entry
        context["status_label"] = TRANSLATION_STATUSES.get(entry["status"]) if entry else ""
        if entry and entry["id"]:
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[entry["id"]])
        return context


class TranslationStatusReportView(ReportView):
    """Source articles with one column per language: the status of each translation."""

    page_title = _("Translation status")
    header_icon = "globe"
    index_url_name = "localization_translation_status"
    index_results_url_name = "localization_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    model = ArticlePage

    def dispatch(self, request, *args, **kwargs):
        if not report_visible(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def languages(self):
        chosen = self.request.GET.get("language")
        return [chosen] if chosen in translated_languages() else translated_languages()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Article"),
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            *[TranslationStatusColumn(code) for code in self.languages],
        ]

    @property
    def list_export(self):
        return ["title", *[f"status_{code}" for code in self.languages]]

    @property
    def export_headings(self):
        return {"title": _("Article"), **{f"status_{code}": language_name(code) for code in self.languages}}

    def get_filename(self):
        return f"translation-status-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return ArticlePage.objects.filter(locale=Locale.get_default()).order_by("title", "pk")

    def decorate_paginated_queryset(self, object_list):
        object_list = list(object_list)
        summary = translations_summary_bulk(object_list, include_drafts=True)
        for page in object_list:
            page.translation_entries = {entry["locale"]: entry for entry in summary[page.pk]}
            for code, entry in page.translation_entries.items():
                label = str(TRANSLATION_STATUSES[entry["status"]])
                if entry["progress"] is not None and entry["status"] != SOURCE:
                    label = f"{label} ({entry['progress']}%)"
                setattr(page, f"status_{code}", label)
        return object_list
