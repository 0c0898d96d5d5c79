from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router, api_v3
from .delivery.api.changes import changes_view
from .delivery.api.errors import api_not_found
from .delivery.api.openapi import docs_view, openapi_view
from .delivery.api.v3_openapi import openapi_view as v3_openapi_view
from .delivery.reader.preview import preview_page
from .delivery.reader.views import legacy_article, reader_home, reader_page
from .delivery.site_config import site_config
from .delivery.sitemap import robots_txt, sitemap
from .health import healthz, readyz

urlpatterns = [
    # Load balancers' probes (cms/health.py).
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/changes/", changes_view, name="api_changes"),
    path("api/v2/openapi.json", openapi_view, name="api_openapi"),
    path("api/v2/docs/", docs_view, name="api_docs"),
    path("api/v2/", api_router.urls),
    # Delivery: draft preview behind a signed token, and the reader site's configuration.
    path("api/v2/page_preview/", include("cms.delivery.preview.urls")),
    path("site-config.json", site_config, name="site_config"),
    # v3's document, made valid (cms/delivery/api/v3_openapi.py says why it is served here).
    path("api/v3/openapi.json", v3_openapi_view, name="api_v3_openapi"),
    path("api/v3/", api_v3.urls),
    # Anything else under /api/ is a JSON 404, never an HTML page.
    re_path(r"^api/", api_not_found),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # The reader site (cms/delivery/reader): the source language's home, drafts behind a preview
    # token, and the static site's old article address (a permanent redirect to the article's path).
    path("", reader_home, name="reader_home"),
    path("preview.html", preview_page, name="reader_preview"),
    path("article.html", legacy_article, name="reader_legacy_article"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own page serving lives under /pages/: the reader site (site/) owns "/".
urlpatterns += [path("pages/", include(wagtail_urls))]
# Reader paths (/es/treatments/x/): the page there, rendered on the server (cms/delivery/reader).
urlpatterns += [
    re_path(
        r"^(?P<language>[a-z]{2,3}(?:-[a-z0-9]+)?)/(?P<path>(?:[-\w]+/)*)$", reader_page, name="reader_page"
    )
]
