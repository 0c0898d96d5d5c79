"""What every endpoint of the read API shares: JSON only, JSON errors, bounded queries, caching."""

from django.http import HttpResponse
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter

from .errors import JSONErrorsMixin, check_query_values
from .pagination import DeliveryPagination

JSON = "application/json"


class DeliveryEndpointMixin(JSONErrorsMixin):
    # JSON only: responses are cached and served from the cache whatever the Accept header.
    renderer_classes = [JSONRenderer]
    pagination_class = DeliveryPagination
    # Read by cms.delivery.cache: anonymous GETs of this endpoint are cached server-side.
    api_cache = True

    def get_renderer_context(self):
        # Compact JSON: Wagtail indents by 4, a third of an article's bytes.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def check_query_parameters(self, queryset):
        check_query_values(self.request.GET)
        super().check_query_parameters(queryset)

    def fields_config(self):
        if "fields" not in self.request.GET:
            return []
        try:
            return parse_fields_parameter(self.request.GET["fields"])
        except ValueError as exc:
            raise BadRequestError(f"fields error: {exc}") from exc

    def serializer_class_for(self, model, detail):
        return self._get_serializer_class(
            self.request.wagtailapi_router, model, self.fields_config(), show_details=detail
        )

    def expand_rich_text(self):
        """Rich text is pre-expanded in bulk only for the display HTML format."""
        return self.resolve_rich_text_format() == "html"

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        serializer_class = self.serializer_class_for(queryset.model, detail=False)
        fields = list(serializer_class.Meta.fields)
        queryset = self.optimize_queryset(queryset, fields)
        queryset = self.filter_queryset(queryset)
        items = self.paginate_queryset(queryset)
        instances = [item for item in items if not isinstance(item, bytes)]
        data = self.listing_items(instances, serializer_class)
        if len(instances) == len(items):
            return self.get_paginated_response(data)
        return self.spliced_response(items, data)

    def spliced_response(self, items, data):
        """The listing's JSON, with items that came already rendered (bytes: stored snapshots,
        see DeliveryPagesAPIViewSet.load_page) spliced in as they are, the others from `data`."""
        renderer, context = JSONRenderer(), self.get_renderer_context()
        serialized = iter(data)
        parts = [
            item if isinstance(item, bytes) else renderer.render(next(serialized), JSON, context)
            for item in items
        ]
        meta = renderer.render(self.paginator.get_meta(), JSON, context)
        body = b'{"meta":' + meta + b',"items":[' + b",".join(parts) + b"]}"
        return HttpResponse(body, content_type=JSON)

    def listing_items(self, items, serializer_class):
        """The listing JSON of `items` (model instances from an optimized queryset), as a list."""
        self.prepare(items, list(serializer_class.Meta.fields))
        return serializer_class(items, many=True, context=self.get_serializer_context()).data

    def optimize_queryset(self, queryset, fields):
        return queryset

    def prepare(self, items, fields):
        """Bulk-load what serialising `fields` of `items` needs (see prefetch.py)."""
