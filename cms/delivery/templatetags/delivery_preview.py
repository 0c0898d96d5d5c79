"""Template tags for page templates that hand previews over to the reader site."""

from django import template
from wagtail.models import Site

from cms.localization.services import page_locale_path

from ..preview.services import preview_client_url, preview_create

register = template.Library()


@register.simple_tag(takes_context=True)
def headless_preview_url(context, page):
    """Store `page` (with its unsaved edits) under a new preview token; return the reader site's URL."""
    request = context["request"]
    preview = preview_create(page)
    return preview_client_url(Site.find_for_request(request), page, preview.token)


@register.simple_tag
def reader_page_url(page):
    """Where the reader site shows a live page: its reader path, e.g. /es/treatments/x/."""
    return page_locale_path(page.url_path, page.locale.language_code)
