"""/sitemap.xml with hreflang alternates for every live translation, and /robots.txt.

Built on wagtail.contrib.sitemaps; locations are reader-site URLs (READER_SITE_URL plus
the locale path, e.g. /es/treatments/x/), which distinguish languages where Wagtail's own
page URLs do not (the page tree is not served under i18n_patterns).
"""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view

from .api.visibility import public_pages
from .cache.http import cached_public_view
from .jsonld import reader_url


class ReaderSitemap(Sitemap):
    """Every live, public page of the site's language trees, with its translations as alternates."""

    @cached_property
    def pages(self):
        queryset = public_pages(self.request).exclude(depth=1)
        return list(queryset.select_related("locale").defer_streamfields().order_by("path"))

    @cached_property
    def translations(self):
        groups = defaultdict(list)
        for page in self.pages:
            groups[page.translation_key].append(page)
        return groups

    def items(self):
        return self.pages

    def location(self, obj):
        return reader_url(obj)

    def lastmod(self, obj):
        return obj.last_published_at or obj.latest_revision_created_at

    def alternates(self, page):
        group = self.translations[page.translation_key]
        if len(group) < 2:
            return []
        alternates = [{"lang_code": p.locale.language_code, "location": reader_url(p)} for p in group]
        default = next((p for p in group if p.locale.language_code == settings.LANGUAGE_CODE), None)
        if default is not None:
            alternates.append({"lang_code": "x-default", "location": reader_url(default)})
        return alternates

    def _urls(self, page, protocol, domain):
        urls = []
        latest = None
        for item in self.paginator.page(page).object_list:
            lastmod = self.lastmod(item)
            if lastmod and (latest is None or lastmod > latest):
                latest = lastmod
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "changefreq": None,
                    "priority": None,
                    "alternates": self.alternates(item),
                }
            )
        self.latest_lastmod = latest
        return urls


@cached_public_view
def sitemap(request):
    return wagtail_sitemap_view(request, sitemaps={"pages": ReaderSitemap})


@require_GET
def robots_txt(request):
    """Allow the reader site, keep crawlers out of the admin and the APIs, point at the sitemap."""
    base = (getattr(settings, "READER_SITE_URL", "") or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /pages/",
        f"Sitemap: {base}{reverse('sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
