"""Rich text for a whole page of API results, with every internal link resolved in bulk.

Wagtail expands each rich text value on its own: one query per value for its page links,
plus one per link to find the translation in the active language. Here every value of a
response is collected first, the linked pages, their translations and documents are
fetched once, and each value is rewritten to display HTML. Serialising the expanded HTML
again through Wagtail's "html" format leaves it unchanged (there is nothing left to expand).
"""

import re
from collections import defaultdict

from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import LinkRewriter

from cms.localization.services import page_locale_path

PAGE, DOCUMENT = "page", "document"
# Draftail's block keys are editor bookkeeping, not content: readers' HTML goes without them.
EDITOR_ATTRIBUTES = re.compile(r'\s+data-block-key="[^"]*"')
_EXTRACTOR = LinkRewriter()


def _ids(attrs_list):
    ids = set()
    for attrs in attrs_list:
        try:
            ids.add(int(attrs.get("id")))
        except (TypeError, ValueError):
            continue
    return ids


class LinkTargets:
    """The pages and documents linked from many rich text values, fetched in three queries at most."""

    def __init__(self, values):
        """`values`: (html, language_code) pairs."""
        attrs_by_type = defaultdict(list)
        languages = set()
        for html, language in values:
            for tag_type, matches in _EXTRACTOR.extract_tags(html).items():
                if tag_type in (PAGE, DOCUMENT):
                    attrs_by_type[tag_type].extend(match.attrs for match in matches)
                    languages.add(language)
        page_ids, document_ids = _ids(attrs_by_type[PAGE]), _ids(attrs_by_type[DOCUMENT])
        self.pages = (
            Page.objects.filter(id__in=page_ids).select_related("locale").defer_streamfields().in_bulk()
            if page_ids
            else {}
        )
        self.documents = get_document_model().objects.in_bulk(document_ids) if document_ids else {}
        # Links point at the live translation in the language of the text that links, like
        # Wagtail's `page.localized`, but without depending on the request's language.
        # Fetched whenever there are page links, so the query count does not depend on the mix.
        self.translations = {}
        if self.pages:
            keys = {page.translation_key for page in self.pages.values()}
            for page in (
                Page.objects.live()
                .filter(translation_key__in=keys, locale__language_code__in=languages)
                .select_related("locale")
                .defer_streamfields()
            ):
                self.translations[(page.translation_key, page.locale.language_code)] = page

    def page_url(self, attrs, language):
        try:
            page = self.pages.get(int(attrs.get("id")))
        except (TypeError, ValueError):
            page = None
        if page is None:
            return None
        if page.locale.language_code != language:
            page = self.translations.get((page.translation_key, language), page)
        # The reader path ('/es/treatments/x/'), as `path` names pages everywhere in the API.
        return page_locale_path(page.url_path, page.locale.language_code)

    def document_url(self, attrs):
        try:
            document = self.documents.get(int(attrs.get("id")))
        except (TypeError, ValueError):
            document = None
        return document.url if document is not None else None

    def expand(self, html, language):
        """Display HTML for `html`, as Wagtail's `expand_db_html` would give, from the fetched targets."""

        def pages(attrs_list):
            return [_opening_tag(self.page_url(attrs, language)) for attrs in attrs_list]

        def documents(attrs_list):
            return [_opening_tag(self.document_url(attrs)) for attrs in attrs_list]

        rules = {
            name: handler.expand_db_attributes_many for name, handler in features.get_link_types().items()
        }
        rules.update({PAGE: pages, DOCUMENT: documents})
        return EDITOR_ATTRIBUTES.sub("", LinkRewriter(bulk_rules=rules)(html))


def _opening_tag(url):
    return f'<a href="{escape(url)}">' if url else "<a>"
