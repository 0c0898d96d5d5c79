"""Filters of the reader site's templates (site/templates/reader/): dates, people, rich text, JSON-LD."""

import datetime
import json

import nh3
from django import template
from django.utils import formats, translation
from django.utils.safestring import mark_safe

register = template.Library()

# What rich text in an article may hold (the editor's features, cms/articles/blocks.py); the
# CMS already limits what editors write, this is a second fence for text from anywhere else.
RICH_TEXT_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "sup",
    "sub",
}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "hreflang", "lang"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Day, month name, year in every language ("1 January 2026", "1. Januar 2026", "1 يناير 2026");
# Django's own English DATE_FORMAT abbreviates the month ("Jan. 1, 2026").
DATE_FORMATS = {"en": "j F Y"}


def parse_date(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@register.filter
def reader_date(value):
    """'2026-01-01' (or a date-time) -> '1 January 2026' in the active language; '' when empty."""
    day = parse_date(value) if value else None
    if day is None:
        return ""
    language = (translation.get_language() or "en").split("-")[0]
    return formats.date_format(day, DATE_FORMATS.get(language, "DATE_FORMAT"))


@register.filter
def iso_date(value):
    """'2026-01-01T10:00:00Z' -> '2026-01-01', for <time datetime>."""
    day = parse_date(value) if value else None
    return day.isoformat() if day else ""


@register.filter
def person(value):
    """{"name": "Dr Daniel Okafor", "credentials": "MD, FRCP"} -> 'Dr Daniel Okafor, MD, FRCP'."""
    if not value:
        return ""
    name, credentials = value.get("name") or "", value.get("credentials") or ""
    return f"{name}, {credentials}" if credentials else name


@register.filter
def rich_text(html):
    """The API's display HTML with anything outside the allow-list removed (scripts, handlers, styles)."""
    return mark_safe(  # noqa: S308  (sanitized by nh3 just here)
        nh3.clean(
            html or "",
            tags=RICH_TEXT_TAGS,
            attributes=RICH_TEXT_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
        )
    )


JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Data for a <script type="application/ld+json"> block: JSON that cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308  (no <, > or & left)


@register.filter
def og_locale(code):
    """'en' -> 'en', 'pt-br' -> 'pt_BR': Open Graph's form of a language code."""
    language, _sep, region = (code or "").partition("-")
    return f"{language}_{region.upper()}" if region else language
