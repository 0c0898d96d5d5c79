"""The API routers, wired once for the whole project (cms/urls.py mounts them).

/api/v2/ (read-only, cached): pages, articles, conditions, modalities, centers, images, documents,
registered in cms/delivery/api/v2.py.
/api/v3/ (read/write, bearer tokens, OpenAPI): Wagtail's, with our write rules (cms/delivery/api/v3.py).
"""

from wagtail.api.v3.urls import api as wagtail_api_v3

from cms.delivery.api.v2 import api_router
from cms.delivery.api.v3 import v3_configure

api_v3 = v3_configure(wagtail_api_v3)

__all__ = ["api_router", "api_v3"]
