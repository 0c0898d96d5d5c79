from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router
from .delivery.site_config import site_config

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Delivery: draft preview behind a signed token, and the reader site's configuration.
    path("api/v2/page_preview/", include("cms.delivery.preview.urls")),
    path("site-config.json", site_config, name="site_config"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own page serving lives under /pages/: the reader site (site/) owns "/".
urlpatterns += [path("pages/", include(wagtail_urls))]
