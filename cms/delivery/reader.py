"""Reader paths (/es/treatments/x/) on the reader site.

The API's `path` and `translations[].url`, the sitemap, hreflang and JSON-LD all name pages
by their reader path. whitenoise serves site/ as plain files, so this view answers those
paths with the right HTML shell of site/ (article.html for an article, index.html for a
language's home or a section); the page's JavaScript then reads the path and asks the API.
A path with no live page gets the shell with a 404 status, so crawlers see a real 404.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.api.querysets import get_public_pages_queryset

from cms.articles.models import ArticlePage

from .api.pages import locale_url_path


def reader_page_for(request, reader_path):
    """The live, public page at a reader path, or None."""
    try:
        url_path = locale_url_path(request, reader_path)
    except Http404:
        return None
    return get_public_pages_queryset(request).filter(url_path=url_path).first()


@require_safe
def reader_page(request, language, path=""):
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise Http404
    page = reader_page_for(request, f"/{language}/{path}")
    is_article = page is not None and issubclass(page.specific_class or type(page), ArticlePage)
    shell = settings.SITE_FRONTEND_DIR / ("article.html" if is_article or page is None else "index.html")
    response = HttpResponse(
        shell.read_bytes(), content_type="text/html; charset=utf-8", status=200 if page else 404
    )
    patch_cache_control(response, public=True, max_age=60)
    return response
