"""GET /api/v2/page_preview/?content_type=articles.articlepage&token=...: the draft behind a token.

The answer has exactly the shape of the pages endpoint's detail view (same serializers, same
`?fields=`), is never cached (`Cache-Control: no-store`), and without a valid token is a
JSON error: {"message": "..."} with 400, 403 or 404.
"""

from rest_framework.response import Response
from wagtail.models import Page

from .services import PreviewError, preview_page_from_token


class PagePreviewMixin:
    """Put in front of the project's pages endpoint: its serializers, the preview's page."""

    def get_object(self):
        if not hasattr(self, "_preview_page"):
            self._preview_page = preview_page_from_token(
                self.request.GET.get("content_type"), self.request.GET.get("token")
            )
        return self._preview_page

    def detail_view(self, request, pk=None):
        serializer = self.get_serializer(self.get_object())
        return Response(serializer.data)

    def handle_exception(self, exc):
        if isinstance(exc, PreviewError):
            return Response({"message": str(exc)}, status=exc.status_code)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for header in ("ETag", "Last-Modified", "Expires"):
            if header in response:
                del response[header]
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response


def page_preview_view():
    """The preview view, built on whatever endpoint the API router serves pages with."""
    from cms.api import api_router

    _name, pages_endpoint = api_router.get_model_endpoint(Page)
    viewset = type("PagePreviewAPIViewSet", (PagePreviewMixin, pages_endpoint), {})
    return api_router.wrap_view(viewset.as_view({"get": "detail_view"}))
