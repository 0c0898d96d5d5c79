"""Translation status: one rule for the API, the admin report and the commands.

`translations_summary(page)` lists every configured language of a page with the
status of its translation; `translations_summary_bulk(pages)` does the same for
many pages with a constant number of queries (API listings call it per page).
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.models import Translation, TranslationSource

from .provenance import Provenance, provenance_counts

SOURCE = "source"
UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"
IN_PROGRESS = "in_progress"
MACHINE_TRANSLATED = "machine_translated"
MISSING = "missing"

TRANSLATION_STATUSES = {
    SOURCE: _("Source"),
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date with the source"),
    IN_PROGRESS: _("In progress"),
    MACHINE_TRANSLATED: _("Machine-translated, not yet reviewed"),
    MISSING: _("Missing"),
}

RTL_FALLBACK = {"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug"}


def language_direction(language_code):
    """'rtl' for right-to-left languages (Arabic, Hebrew, ...), otherwise 'ltr'."""
    code = (language_code or "").lower()
    for candidate in (code, code.split("-")[0]):
        try:
            return "rtl" if get_language_info(candidate)["bidi"] else "ltr"
        except KeyError:
            continue
    return "rtl" if code.split("-")[0] in RTL_FALLBACK else "ltr"


def locales_configured():
    """The Locale rows of the configured languages, source language first (one query)."""
    order = [code for code, _name in settings.LANGUAGES]
    locales = Locale.objects.filter(language_code__in=order)
    return sorted(locales, key=lambda locale: order.index(locale.language_code))


def page_locale_path(url_path, language_code):
    """'/home-es/treatments/x/' in locale 'es' -> '/es/treatments/x/' (the reader-facing path)."""
    parts = (url_path or "/").strip("/").split("/")[1:]
    tail = "/".join(parts)
    return f"/{language_code}/{tail}/" if tail else f"/{language_code}/"


def view_restricted():
    """An expression for page querysets: a view restriction (password, groups, login) on the page
    or one of its ancestors, i.e. on a page whose tree path starts the page's own."""
    prefix = Substr(OuterRef("path"), 1, Length("page__path"))
    return Exists(PageViewRestriction.objects.alias(prefix=prefix).filter(prefix=F("page__path")))


def _translation_status(source_row, target_row, source_record, provenance):
    """The status of one translation; see TRANSLATION_STATUSES.

    Machine text nobody confirmed is never "up to date", live or not."""
    if target_row is None:
        return MISSING
    if target_row["live"]:
        if provenance is not None and provenance.machine_unconfirmed:
            return MACHINE_TRANSLATED
        last_published = target_row["last_published_at"]
        source_published = source_row["last_published_at"] if source_row else None
        newer_source = bool(source_published and last_published and source_published > last_published)
        unsynced_source = bool(
            source_record and source_published and source_record["last_updated_at"] < source_published
        )
        return OUT_OF_DATE if newer_source or unsynced_source else UP_TO_DATE
    if provenance is not None:
        if provenance.translated < provenance.total:
            return IN_PROGRESS
        if provenance.machine_unconfirmed:
            return MACHINE_TRANSLATED
    return IN_PROGRESS


def translations_summary_bulk(pages, include_drafts=False, locales=None):
    """{page_id: [translation, ...]} for many pages, in six queries whatever their number.

    Each translation is
    {"locale": "es", "id": 12, "url": "/es/treatments/x/", "status": "up_to_date",
     "direction": "ltr", "current": False, "progress": 100,
     "provenance": {"segments": 40, "translated": 40, "machine": 12, "machine_unconfirmed": 0,
                    "imported": 0, "human": 28}}

    `id` and `url` are only given for pages an anonymous reader can open (live, not
    view-restricted, nor under a restricted page) unless `include_drafts` (the admin report);
    `current` flags the page itself; `progress` is the % of segments translated and
    `provenance` where they came from (both None when the page was not translated through
    wagtail-localize; see provenance.py).
    """
    pages = list(pages)
    if not pages:
        return {}
    locales = locales if locales is not None else locales_configured()
    keys = {page.translation_key for page in pages}
    page_type = ContentType.objects.get_for_model(Page)
    rows = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.filter(translation_key__in=keys, alias_of__isnull=True)
        .annotate(restricted=view_restricted())
        .values("id", "translation_key", "locale_id", "live", "last_published_at", "url_path", "restricted")
    }
    sources = defaultdict(list)
    for record in TranslationSource.objects.filter(object_id__in=keys, object__content_type=page_type).values(
        "id", "object_id", "locale_id", "last_updated_at"
    ):
        sources[record["object_id"]].append(record)
    source_ids = [record["id"] for records in sources.values() for record in records]
    translations = set(
        Translation.objects.filter(source_id__in=source_ids).values_list("source_id", "target_locale_id")
    )
    counts, totals = provenance_counts(source_ids) if source_ids else ({}, {})
    default_locale_id = next((loc.pk for loc in locales if loc.language_code == settings.LANGUAGE_CODE), None)

    summary = {}
    for page in pages:
        records = sources.get(page.translation_key, [])
        source_record = next((r for r in records if r["locale_id"] == default_locale_id), None) or (
            records[0] if records else None
        )
        if source_record:
            source_locale_id = source_record["locale_id"]
        elif (page.translation_key, default_locale_id) in rows:
            source_locale_id = default_locale_id
        else:
            source_locale_id = page.locale_id
        source_row = rows.get((page.translation_key, source_locale_id))
        entries = []
        for locale in locales:
            row = rows.get((page.translation_key, locale.pk))
            provenance = None
            if source_record and (source_record["id"], locale.pk) in translations:
                provenance = counts.get(
                    (source_record["id"], locale.pk), Provenance(total=totals.get(source_record["id"], 0))
                )
            if locale.pk == source_locale_id:
                status, provenance = (SOURCE if row else MISSING), None
            else:
                status = _translation_status(source_row, row, source_record, provenance)
            # Anonymous readers only see what they can open: live, with no view restriction.
            visible = row is not None and (include_drafts or (row["live"] and not row["restricted"]))
            entries.append(
                {
                    "locale": locale.language_code,
                    "id": row["id"] if visible else None,
                    "url": page_locale_path(row["url_path"], locale.language_code) if visible else None,
                    "status": status,
                    "direction": language_direction(locale.language_code),
                    "current": locale.pk == page.locale_id,
                    "progress": (
                        round(100 * provenance.translated / provenance.total) if provenance.total else 100
                    )
                    if provenance
                    else None,
                    "provenance": provenance.as_dict() if provenance else None,
                }
            )
        summary[page.pk] = entries
    return summary


def translations_summary(page, include_drafts=False):
    """Every configured language of `page` with the status of its translation (see the bulk variant)."""
    return translations_summary_bulk([page], include_drafts=include_drafts)[page.pk]
