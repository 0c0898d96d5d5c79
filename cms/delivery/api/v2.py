"""The v2 router (/api/v2/): every read endpoint of the delivery API, registered once.

The modules that need the router itself (snapshot builds, webhooks' `api_url`, the preview
API, the reader site) import it from here; `cms/api.py` only mounts it, with v3, in the URLconf.
"""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .errors import JSONErrorsMixin
from .filters import PlainSearchFilter
from .pages import ArticlesAPIViewSet, DeliveryPagesAPIViewSet
from .pagination import DeliveryPagination
from .router import CachedAPIRouter
from .snippets import CentersAPIViewSet, ConditionsAPIViewSet, ModalitiesAPIViewSet


class DeliveryImagesAPIViewSet(JSONErrorsMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with the API's problem documents for errors and its paging."""

    known_query_parameters = ImagesAPIViewSet.known_query_parameters.union({"cursor"})
    filter_backends = [FieldsFilter, OrderingFilter, PlainSearchFilter]
    renderer_classes = [JSONRenderer]  # no browsable HTML page under /api/
    pagination_class = DeliveryPagination


class DeliveryDocumentsAPIViewSet(JSONErrorsMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint with the API's problem documents for errors and its paging."""

    known_query_parameters = DocumentsAPIViewSet.known_query_parameters.union({"cursor"})
    filter_backends = [FieldsFilter, OrderingFilter, PlainSearchFilter]
    renderer_classes = [JSONRenderer]  # no browsable HTML page under /api/
    pagination_class = DeliveryPagination


api_router = CachedAPIRouter("wagtailapi")
# Articles first: the router links each object to the first endpoint whose model matches.
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("pages", DeliveryPagesAPIViewSet)
api_router.register_endpoint("conditions", ConditionsAPIViewSet)
api_router.register_endpoint("modalities", ModalitiesAPIViewSet)
api_router.register_endpoint("centers", CentersAPIViewSet)
api_router.register_endpoint("images", DeliveryImagesAPIViewSet)
api_router.register_endpoint("documents", DeliveryDocumentsAPIViewSet)
