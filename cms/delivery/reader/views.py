"""The reader site's pages, complete on the first response, rendered from the API's payloads.

| URL | page |
|---|---|
| `/` | the source language's home (canonical: `/en/`) |
| `/es/` | a language's home: its sections, each with its first articles |
| `/es/treatments/` | a section: its articles A to Z, 20 a page (`?after=` / `?before=` cursors) |
| `/es/treatments/x/` | an article |
| `/preview.html?content_type=...&token=...` | a draft, through the same templates (preview.py) |

Anonymous answers are cached under the content generation like the API's (ETag, 304, the
compressed bytes stored once, cms/delivery/cache/http.py), and the cache middleware answers
repeat requests before sessions, CSRF and auth run. A path with no live page is a 404 page
in that path's language.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from cms.articles.models import ArticleIndexPage, ArticlePage
from cms.localization.services import language_direction, page_locale_path
from home.models import HomePage

from ..cache.http import cached_public_view, is_anonymous_request
from .body import body_layout
from .head import language_links, page_head
from .pagination import BadCursor, KeysetPage
from .payload import ReaderSite

# Articles shown under each section on a language's home page.
HOME_ARTICLES_PER_SECTION = 6


def site_name():
    return _("Medical articles")


def site_name_in(language):
    with translation.override(language):
        return site_name()


def configured_language(code):
    return code in {language for language, _name in settings.LANGUAGES}


def render_page(request, template, language, context, status=200):
    """Render a reader template in `language` (not the request's Accept-Language)."""
    with translation.override(language):
        response = TemplateResponse(
            request,
            template,
            {
                "language": language,
                "direction": language_direction(language),
                "site_name": site_name(),
                **context,
            },
            status=status,
        )
        response.render()
    response["Content-Language"] = language
    return response


def not_found(request, language=None, status=404, message=None, title=None):
    """The reader's error page in the path's language: 404, or a bad cursor (400), or a preview
    link that does not work (its status)."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        message = message or _("This page could not be found. It may have moved or is not published yet.")
        title = title or (_("Page not found") if status == 404 else _("This address is not valid"))
    response = render_page(
        request,
        "reader/error.html",
        language,
        {"head": {"title": title, "description": message}, "title": title, "message": message},
        status=status,
    )
    response["Cache-Control"] = "no-cache"
    return response


def article_context(payload):
    return {
        "page": payload,
        "review": payload.get("medical_review") or {},
        "layout": body_layout(payload.get("body")),
        "trail": payload.get("breadcrumbs") or [],
    }


def render_article(request, payload, extra=None):
    language = payload["locale"]
    context = {
        **article_context(payload),
        "head": page_head(payload, "article", site_name_in(language)),
        "languages": language_links(payload, language),
        **(extra or {}),
    }
    return render_page(request, "reader/article.html", language, context)


def has_children(page):
    """A page in the tree (a draft of a new page in preview is not: it has no articles yet)."""
    return bool(page.pk and page.path)


def render_section(request, reader, page, payload, extra=None):
    language = payload["locale"]
    try:
        keyset = KeysetPage.from_query(request.GET, settings.READER_LISTING_PAGE_SIZE)
    except BadCursor:
        return not_found(
            request, language, status=400, message=gettext_lazy("This page of the list does not exist.")
        )
    items = reader.articles(lambda rows: keyset.select(rows.child_of(page))) if has_children(page) else []
    items, previous, following = keyset.links(items)
    if keyset.direction != "first" and not items:
        return not_found(request, language, message=gettext_lazy("This page of the list is empty."))
    first = keyset.is_first(previous)
    base = payload["path"]
    canonical = None
    if not first:
        canonical = payload["url"] + "?" + urlencode({keyset.direction: request.GET[keyset.direction]})
    context = {
        "page": payload,
        "trail": payload.get("breadcrumbs") or [],
        "articles": items,
        "previous_url": None if previous is None else base + "?" + urlencode({"before": previous}),
        "next_url": None if following is None else base + "?" + urlencode({"after": following}),
        "head": page_head(
            payload, "section", site_name_in(language), canonical=canonical, paginated=not first
        ),
        # Later pages have no counterpart in other languages: the switcher then offers none.
        "languages": language_links(payload, language) if first else [],
        **(extra or {}),
    }
    return render_page(request, "reader/section.html", language, context)


def render_home(request, reader, page, payload, extra=None):
    language = payload["locale"]
    sections = []
    if has_children(page):
        pairs = reader.listing_pairs(
            ArticleIndexPage,
            lambda rows: rows.child_of(page).order_by("path"),
            query={"fields": "intro,path,url"},
        )
        for section_page, section in pairs:
            rows = reader.articles(
                lambda queryset, parent=section_page: queryset.child_of(parent).order_by("title", "pk")[
                    : HOME_ARTICLES_PER_SECTION + 1
                ]
            )
            sections.append(
                {
                    **section,
                    "articles": rows[:HOME_ARTICLES_PER_SECTION],
                    "more": len(rows) > HOME_ARTICLES_PER_SECTION,
                }
            )
    context = {
        "page": payload,
        "sections": sections,
        "head": page_head(payload, "home", site_name_in(language)),
        "languages": language_links(payload, language),
        **(extra or {}),
    }
    return render_page(request, "reader/home.html", language, context)


def render_payload(request, reader, page, payload, extra=None):
    """The reader page of `page` from its API payload, whatever its page type (None: no template)."""
    kind = payload["meta"]["type"]
    if kind == ArticlePage._meta.label:
        return render_article(request, payload, extra)
    if kind == ArticleIndexPage._meta.label:
        return render_section(request, reader, page, payload, extra)
    if kind == HomePage._meta.label:
        return render_home(request, reader, page, payload, extra)
    return None


def reader_response(request, language, path):
    if not configured_language(language):
        return not_found(request)
    reader = ReaderSite(request)
    page = reader.page_at(f"/{language}/{path}")
    response = None
    if page is not None:
        response = render_payload(request, reader, page, reader.detail(page))
    return response or not_found(request, language)


@require_safe
def _reader_page(request, language, path=""):
    return reader_response(request, language, path)


@require_safe
def _reader_home(request):
    if "locale" in request.GET and configured_language(request.GET["locale"]):
        # The static site's old address of a language's list.
        return HttpResponsePermanentRedirect(f"/{request.GET['locale']}/")
    return reader_response(request, settings.LANGUAGE_CODE, "")


# Cached like the API, for any anonymous reader whatever its Accept header.
reader_page = cached_public_view(_reader_page, is_public=is_anonymous_request)
reader_home = cached_public_view(_reader_home, is_public=is_anonymous_request)


@require_safe
def legacy_article(request):
    """/article.html?id=12 (the static site's article address): a permanent redirect to its path."""
    reader = ReaderSite(request)
    page = None
    if request.GET.get("id", "").isdigit():
        page = reader.endpoint().get_base_queryset().filter(pk=int(request.GET["id"])).first()
    elif request.GET.get("path"):
        page = reader.page_at(request.GET["path"])
    if page is None:
        return not_found(request)
    response = HttpResponsePermanentRedirect(page_locale_path(page.url_path, page.locale.language_code))
    patch_cache_control(response, public=True, max_age=3600)
    return response
