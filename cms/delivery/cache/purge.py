"""CDN purges for the API URLs a page change affects (wagtail.contrib.frontend_cache).

Nothing happens unless WAGTAILFRONTENDCACHE is configured. Listings with query strings
cannot all be purged by URL: their CDN lifetime is bounded by s-maxage in API_CACHE_CONTROL.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from wagtail.api.utils import get_base_url
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from cms.localization.services import page_locale_path


def frontend_cache_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def page_api_urls(page, url_paths=()):
    """Absolute API URLs showing `page`: its detail URLs, by-path lookups and the bare listings."""
    base = get_base_url() or ""
    language = page.locale.language_code
    paths = [
        _reverse("wagtailapi:pages:detail", page.pk),
        _reverse("wagtailapi:pages:listing"),
        _reverse("wagtailapi:articles:listing"),
        _reverse("sitemap"),
    ]
    if page.specific_class is not None and page.specific_class._meta.label == "articles.ArticlePage":
        paths.append(_reverse("wagtailapi:articles:detail", page.pk))
        by_path = _reverse("wagtailapi:articles:by_path")
        if by_path:
            for url_path in {page.url_path, *url_paths}:
                paths.append(f"{by_path}?path={page_locale_path(url_path, language)}")
    return [base + path for path in paths if path]


def page_reader_urls(page, url_paths=()):
    """Absolute reader-site URLs showing `page`: its own (and old ones), its section's and its
    language's home (they list it), and "/" for the source language."""
    from ..jsonld import reader_base_url

    base = reader_base_url()
    language = page.locale.language_code
    paths = set()
    for url_path in {page.url_path, *url_paths}:
        trail = url_path.rstrip("/").split("/")
        # The page, its parent and its language's home ("/home-es/x/y/" -> 3 reader paths).
        for end in range(max(len(trail) - 2, 2), len(trail) + 1):
            paths.add(page_locale_path("/".join(trail[:end]) + "/", language))
    if language == settings.LANGUAGE_CODE:
        paths.add("/")
    return [base + path for path in sorted(paths)]


def purge_page_urls(page, url_paths=()):
    """Purge a page's API and reader URLs (and the old paths of a moved page) from the CDN."""
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    batch.add_urls(page_api_urls(page, url_paths))
    batch.add_urls(page_reader_urls(page, url_paths))
    batch.purge()
