"""The API routers, wired once for the whole project.

/api/v2/ (read-only, cached): pages, articles, conditions, modalities, centers, images, documents.
/api/v3/ (read/write, bearer tokens, OpenAPI): Wagtail's, with our write rules (cms/delivery/api/v3.py).
"""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v3.urls import api as wagtail_api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.delivery.api.errors import JSONErrorsMixin
from cms.delivery.api.filters import PlainSearchFilter
from cms.delivery.api.pages import ArticlesAPIViewSet, DeliveryPagesAPIViewSet
from cms.delivery.api.router import CachedAPIRouter
from cms.delivery.api.snippets import CentersAPIViewSet, ConditionsAPIViewSet, ModalitiesAPIViewSet
from cms.delivery.api.v3 import v3_configure


class DeliveryImagesAPIViewSet(JSONErrorsMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with the API's problem documents for errors."""

    filter_backends = [FieldsFilter, OrderingFilter, PlainSearchFilter]
    renderer_classes = [JSONRenderer]  # no browsable HTML page under /api/


class DeliveryDocumentsAPIViewSet(JSONErrorsMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint with the API's problem documents for errors."""

    filter_backends = [FieldsFilter, OrderingFilter, PlainSearchFilter]
    renderer_classes = [JSONRenderer]  # no browsable HTML page under /api/


api_router = CachedAPIRouter("wagtailapi")
# Articles first: the router links each object to the first endpoint whose model matches.
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("pages", DeliveryPagesAPIViewSet)
api_router.register_endpoint("conditions", ConditionsAPIViewSet)
api_router.register_endpoint("modalities", ModalitiesAPIViewSet)
api_router.register_endpoint("centers", CentersAPIViewSet)
api_router.register_endpoint("images", DeliveryImagesAPIViewSet)
api_router.register_endpoint("documents", DeliveryDocumentsAPIViewSet)

api_v3 = v3_configure(wagtail_api_v3)
