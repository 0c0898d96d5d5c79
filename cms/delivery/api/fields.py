"""Computed API fields of pages: locale, reader URLs, translations, breadcrumbs, SEO, review, JSON-LD.

One name per fact (README, "Changelog of the v2 payload"): `locale` is the language, `path`
the reader path and `url` the absolute reader URL, everywhere (`meta.html_url` is Wagtail's
name for the same URL, kept for stock Wagtail clients); review data is only in
`medical_review`.
"""

import math
import re

from django.conf import settings
from django.utils.html import strip_tags
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.models import Page

from cms.editorial.services import medical_review_summary
from cms.localization.services import language_direction, page_locale_path, translations_summary_bulk

from ..jsonld import article_json_ld, reader_base_url, reader_url
from .images import social_image
from .serializers import article_field_serializers

WORD = re.compile(r"\w+")


class PageField(Field):
    """A read-only field computed from the whole page object."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def get_attribute(self, instance):
        return instance

    @property
    def request(self):
        return self.context.get("request")


class LocaleField(PageField):
    """ "es": the language code of the page's locale."""

    def to_representation(self, page):
        return page.locale.language_code


class DirectionField(PageField):
    """ "rtl" for right-to-left languages (Arabic), otherwise "ltr"."""

    def to_representation(self, page):
        return language_direction(page.locale.language_code)


class PathField(PageField):
    """ "/es/treatments/stage-4-lung-cancer/": the reader-facing path, which by-path lookups accept."""

    def to_representation(self, page):
        return page_locale_path(page.url_path, page.locale.language_code)


class ReaderUrlField(PageField):
    """ "https://example.org/es/treatments/x/": where readers see the page (READER_SITE_URL + path)."""

    def to_representation(self, page):
        return reader_url(page)


class RequestedLocaleField(PageField):
    """ "es" when the listing asked for ?locale=es, else null."""

    def to_representation(self, page):
        return self.request.GET.get("locale") if self.request is not None else None


class FallbackField(PageField):
    """true when the page stands in for a missing translation (?locale=es&fallback=en)."""

    def to_representation(self, page):
        request = self.request
        if request is None or "fallback" not in request.GET:
            return False
        return page.locale.language_code != request.GET.get("locale")


def attach_translations(pages):
    """Store each page's translation summary on it, for all pages in one go (constant queries)."""
    summaries = translations_summary_bulk(pages)
    base = reader_base_url()
    for page in pages:
        page._api_translations = [
            {
                "locale": entry["locale"],
                "id": entry["id"],
                "path": entry["url"],
                "url": base + entry["url"] if entry["url"] else None,
                "status": entry["status"],
                "direction": entry["direction"],
                "current": entry["current"],
                "progress": entry["progress"],
                "provenance": entry["provenance"],
            }
            for entry in summaries.get(page.pk, [])
        ]


class TranslationsField(PageField):
    """Every configured language for hreflang links:

    [{"locale": "es", "id": 12, "path": "/es/treatments/x/", "url": "https://example.org/es/treatments/x/",
      "status": "up_to_date", "direction": "ltr", "current": false, "progress": 100}, ...]

    `id`, `path` and `url` are null unless an anonymous reader can open that translation.
    `provenance` counts its texts by origin (machine, imported, people) and the machine texts
    nobody confirmed (null for the source and for pages not translated with wagtail-localize).
    """

    def to_representation(self, page):
        if not hasattr(page, "_api_translations"):
            attach_translations([page])
        return page._api_translations


class TranslationProvenanceField(TranslationsField):
    """Where this page's own texts came from, if it is a translation (see `translations`), else null:

    {"segments": 40, "translated": 40, "machine": 12, "machine_unconfirmed": 0, "imported": 0, "human": 28}
    """

    def to_representation(self, page):
        entries = super().to_representation(page)
        return next((entry["provenance"] for entry in entries if entry["current"]), None)


def attach_breadcrumbs(pages, visible_pages):
    """Store each page's live, public ancestors (home first) on it, in one query for all pages."""
    steplen = Page.steplen
    wanted = set()
    for page in pages:
        wanted.update(page.path[:end] for end in range(2 * steplen, len(page.path), steplen))
    # Queried even when no page has ancestors (homes only), so the count never depends on the mix.
    rows = visible_pages.filter(path__in=wanted or {""}).select_related("locale")
    ancestors = {
        row.path: row for row in rows.only("id", "title", "path", "url_path", "locale__language_code")
    }
    for page in pages:
        trail = [ancestors.get(page.path[:end]) for end in range(2 * steplen, len(page.path), steplen)]
        page._api_breadcrumbs = [
            {
                "id": ancestor.pk,
                "title": ancestor.title,
                "path": page_locale_path(ancestor.url_path, ancestor.locale.language_code),
            }
            for ancestor in trail
            if ancestor is not None
        ]


class BreadcrumbsField(PageField):
    """The page's live ancestors in its language, home first:

    [{"id": 3, "title": "Inicio", "path": "/es/"},
     {"id": 9, "title": "Tratamientos", "path": "/es/treatments/"}]
    """

    def to_representation(self, page):
        if not hasattr(page, "_api_breadcrumbs"):
            from .visibility import public_pages

            attach_breadcrumbs([page], public_pages(self.request))
        return page._api_breadcrumbs


def page_description(page):
    """search_description, else the summary (articles) or the plain text of the intro (sections)."""
    if page.search_description:
        return page.search_description
    summary = getattr(page, "summary", "")
    if summary:
        return summary
    intro = getattr(page, "intro", "")
    return " ".join(strip_tags(intro).split()) if intro else ""


class SeoField(PageField):
    """{"title": seo_title or title, "description": search_description or summary,
    "canonical_url": the reader URL, "image": {"url", "width", "height", "alt"} (1200x630) or null}"""

    def to_representation(self, page):
        image = getattr(page, "hero_image", None)
        return {
            "title": page.seo_title or page.title,
            "description": page_description(page),
            "canonical_url": reader_url(page),
            "image": social_image(image) if image is not None else None,
        }


def page_words(page):
    """The words a reader reads: title, summary and every text of the body."""
    texts = [page.title, getattr(page, "summary", "")]

    def walk(value):
        if isinstance(value, str):
            texts.append(strip_tags(value))
        elif isinstance(value, dict):
            for key, child in value.items():
                if key not in ("modality", "centers", "url", "kind"):
                    walk(child)
        elif isinstance(value, (list, tuple)):
            for child in value:
                walk(child)

    body = getattr(page, "body", None)
    if body is not None:
        walk(list(body.raw_data))
    return sum(len(WORD.findall(text)) for text in texts if text)


def reading_time_minutes(page):
    """Minutes at the reading speed of the page's language (READING_WORDS_PER_MINUTE), at least 1."""
    speeds = getattr(settings, "READING_WORDS_PER_MINUTE", {})
    language = page.locale.language_code
    speed = speeds.get(language) or speeds.get(language.split("-")[0]) or 200
    return max(1, math.ceil(page_words(page) / speed))


class ReadingTimeField(PageField):
    """5: minutes an adult needs to read the article in its language."""

    def to_representation(self, page):
        return reading_time_minutes(page)


class MedicalReviewField(PageField):
    """{"reviewed_by": {"name": ..., "credentials": ...}, "last_reviewed": "2026-01-01",
    "next_review_due": "2027-01-01", "status": "current"}"""

    def to_representation(self, page):
        return medical_review_summary(page)


class JsonLdField(PageField):
    """The article as a schema.org MedicalWebPage (see cms/delivery/jsonld.py)."""

    def to_representation(self, page):
        return article_json_ld(page)


# Model fields v2 does not show: review data lives in `medical_review` only (the reviewer as
# the sign-off recorded them, never the Person as it reads today).
HIDDEN_MODEL_FIELDS = {
    "medical_reviewer",
    "medical_reviewer_name",
    "medical_reviewer_credentials",
    "last_reviewed",
    "next_review_due",
}


def page_api_fields(model, model_fields):
    """The body fields of `model` in v2: its own (minus duplicates, relations shaped by
    serializers.py) plus the computed ones."""
    from cms.articles.models import ArticlePage

    overrides = article_field_serializers() if issubclass(model, ArticlePage) else {}
    fields = [
        APIField(field.name, serializer=overrides[field.name]) if field.name in overrides else field
        for field in model_fields
        if field.name not in HIDDEN_MODEL_FIELDS
    ]
    fields += [
        APIField("locale", serializer=LocaleField()),
        APIField("direction", serializer=DirectionField()),
        APIField("path", serializer=PathField()),
        APIField("url", serializer=ReaderUrlField()),
        APIField("last_published_at"),
        APIField("translations", serializer=TranslationsField()),
        APIField("translation_provenance", serializer=TranslationProvenanceField()),
        APIField("breadcrumbs", serializer=BreadcrumbsField()),
        APIField("seo", serializer=SeoField()),
        APIField("requested_locale", serializer=RequestedLocaleField()),
        APIField("fallback", serializer=FallbackField()),
    ]
    if issubclass(model, ArticlePage):
        fields += [
            APIField("reading_time_minutes", serializer=ReadingTimeField()),
            APIField("medical_review", serializer=MedicalReviewField()),
            APIField("json_ld", serializer=JsonLdField()),
        ]
    return fields
