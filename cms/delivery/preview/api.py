"""GET /api/v2/page_preview/?content_type=articles.articlepage&token=...: the draft behind a token.

The answer has exactly the shape of the detail view of the endpoint that serves that page
type (same serializers, same `?fields=`), is never cached (`Cache-Control: no-store`, not
in the server-side API cache), and without a valid token is a problem document
(cms/delivery/api/errors.py) with 400, 403 or 404.
"""

from functools import cache

from django.views.decorators.http import require_safe
from rest_framework.response import Response

from ..api.errors import problem_response
from ..api.v2 import api_router
from .services import PreviewError, preview_page_from_token

NEVER_CACHE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}


class PagePreviewMixin:
    """Put in front of a page endpoint: its serializers, the preview's page, no caching."""

    api_cache = False  # never in the server-side response cache
    preview_page = None  # set per request by page_preview()

    def get_object(self):
        return self.preview_page

    def detail_view(self, request, pk=None):
        page = self.get_object()
        serializer_class = self.get_serializer_class()
        prepare = getattr(self, "prepare", None)
        if prepare is not None:  # the project's endpoints bulk-load what their serializers read
            prepare([page], list(serializer_class.Meta.fields))
        return Response(serializer_class(page, context=self.get_serializer_context()).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for header in ("ETag", "Last-Modified", "Expires"):
            if header in response:
                del response[header]
        for header, value in NEVER_CACHE.items():
            response[header] = value
        return response


@cache
def preview_viewset(endpoint_class):
    """The preview variant of a page endpoint class (one class per endpoint, made once)."""
    return type(f"Preview{endpoint_class.__name__}", (PagePreviewMixin, endpoint_class), {})


@require_safe
def page_preview(request):
    try:
        page = preview_page_from_token(request.GET.get("content_type"), request.GET.get("token"))
    except PreviewError as e:
        return problem_response(e.status_code, e, headers=NEVER_CACHE)
    return preview_answer(request, page)


def preview_answer(request, page):
    """The preview API's answer for the draft `page`: a DRF Response whose `data` is the draft in
    its endpoint's detail shape (the reader site's preview renders that), or a problem document."""
    endpoint = api_router.get_model_endpoint(type(page))
    if endpoint is None:
        return problem_response(404, "This page type is not in the API.", headers=NEVER_CACHE)
    # What the router's own wrapper does, without the response cache some routers add.
    request.wagtailapi_router = api_router
    view = preview_viewset(endpoint[1]).as_view({"get": "detail_view"}, preview_page=page)
    return view(request)
