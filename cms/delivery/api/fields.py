"""Computed API fields every page carries: language, direction, path, translations, review, JSON-LD."""

from rest_framework.fields import Field
from wagtail.api import APIField

from cms.editorial.services import medical_review_summary
from cms.localization.services import language_direction, page_locale_path, translations_summary_bulk

from ..jsonld import article_json_ld
from .serializers import article_field_serializers


class PageField(Field):
    """A read-only field computed from the whole page object."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def get_attribute(self, instance):
        return instance


class LanguageField(PageField):
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


def attach_translations(pages):
    """Store each page's translation summary on it, for all pages in one go (constant queries)."""
    summaries = translations_summary_bulk(pages)
    for page in pages:
        page._api_translations = summaries.get(page.pk, [])


class TranslationsField(PageField):
    """Every configured language for hreflang links:

    [{"locale": "es", "id": 12, "url": "/es/treatments/x/", "status": "up_to_date",
      "direction": "ltr", "current": false, "progress": 100}, ...]

    `id` and `url` are null unless that translation is live.
    """

    def to_representation(self, page):
        if not hasattr(page, "_api_translations"):
            attach_translations([page])
        return page._api_translations


class MedicalReviewField(PageField):
    """{"reviewed_by": {"name": ..., "credentials": ...}, "last_reviewed": "2026-01-01",
    "next_review_due": "2027-01-01", "status": "current"}"""

    def to_representation(self, page):
        return medical_review_summary(page)


class JsonLdField(PageField):
    """The article as a schema.org MedicalWebPage (see cms/delivery/jsonld.py)."""

    def to_representation(self, page):
        return article_json_ld(page)


# Model fields v2 leaves out: the signed reviewer's name and credentials are `medical_reviewer`.
V2_HIDDEN_FIELDS = {"medical_reviewer_name", "medical_reviewer_credentials"}


def delivery_body_fields(model, fields):
    """The model's api_fields as v2 shows them: our serializers for relations (serializers.py)."""
    from cms.articles.models import ArticlePage

    overrides = article_field_serializers() if issubclass(model, ArticlePage) else {}
    return [
        APIField(field.name, serializer=overrides[field.name]) if field.name in overrides else field
        for field in fields
        if field.name not in V2_HIDDEN_FIELDS
    ]


def page_api_fields(model):
    """The computed fields added to every page type, and to articles."""
    from cms.articles.models import ArticlePage

    fields = [
        APIField("language", serializer=LanguageField()),
        APIField("direction", serializer=DirectionField()),
        APIField("path", serializer=PathField()),
        APIField("translations", serializer=TranslationsField()),
    ]
    if issubclass(model, ArticlePage):
        fields += [
            APIField("medical_review", serializer=MedicalReviewField()),
            APIField("json_ld", serializer=JsonLdField()),
        ]
    return fields
