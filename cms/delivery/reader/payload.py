"""The delivery API's payloads, as the reader pages get them: one source of truth.

Every page of the reader site is rendered from exactly what `/api/v2/` serves anonymous
callers: a page's detail is its API snapshot (rendered ahead at publish, checked against
the live row, cms/delivery/cache/snapshots.py), listings are items of the v2 endpoints'
own listing serializers, and previews are the preview API's answer. The endpoints are
driven as an anonymous request to the caller's site would drive them, with a query string
of our choosing, so the reader's own query string (cursors, tracking parameters) never
reaches the API's `?fields=` or filters.
"""

import json

from django.http import Http404
from wagtail.models import Page, Site

from cms.articles.models import ArticlePage

from ..api.pages import DeliveryPagesAPIViewSet, locale_url_path
from ..api.v2 import api_router
from ..api.visibility import public_pages


class ReaderSite:
    """The caller's site as anonymous readers see it, and the v2 endpoints bound to it."""

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def endpoint(self, model=Page, query=None):
        """The v2 endpoint serving `model` (articles, or pages for any other type), bound to an
        anonymous request to this site with `query` as its query string."""
        if self.site is None:
            raise Http404("no site")
        _name, endpoint_class = api_router.get_model_endpoint(model) or (None, DeliveryPagesAPIViewSet)
        view = api_router.anonymous_view(endpoint_class, site=self.site, query=query)
        # The content generation read at the start of this request guards what is stored now.
        generation = getattr(self.request, "_content_generation", None)
        if generation is not None:
            view.request._request._content_generation = generation
        return view

    def page_at(self, reader_path):
        """The live, public page at a reader path ('/es/treatments/x/'), or None."""
        view = self.endpoint()
        try:
            url_path = locale_url_path(view.request, reader_path)
        except Http404:
            return None
        return public_pages(view.request).filter(url_path=url_path).first()

    def detail(self, page):
        """The page's detail JSON as `/api/v2/pages/<id>/` serves it (its snapshot), as a dict."""
        view = self.endpoint()
        return json.loads(view.snapshot_response(view.request, page.pk).content)

    def listing(self, model, queryset_filter, query=None):
        """[item JSON] of `model`'s listing (see `listing_pairs`)."""
        return [item for _instance, item in self.listing_pairs(model, queryset_filter, query)]

    def listing_pairs(self, model, queryset_filter, query=None):
        """[(instance, item JSON)] of `model` as its v2 endpoint's listing serializes them (its
        default listing fields, or `query`'s `fields`), for the live pages that
        `queryset_filter(queryset)` selects.

        `queryset_filter` gets the endpoint's own queryset (live, public, this site), already
        widened for the fields, and returns it filtered, ordered and sliced.
        """
        query = dict(query or {})
        if model is not ArticlePage:
            # The pages endpoint gives instances of the specific type only when asked by `type`.
            query.setdefault("type", model._meta.label)
        view = self.endpoint(model, query=query)
        serializer_class = view.serializer_class_for(model, detail=False)
        queryset = view.optimize_queryset(view.get_queryset(), list(serializer_class.Meta.fields))
        instances = list(queryset_filter(queryset))
        return list(zip(instances, view.listing_items(instances, serializer_class), strict=True))

    def articles(self, queryset_filter):
        """Listing items of `/api/v2/articles/` (summary, condition, medical_review, path, ...)."""
        return self.listing(ArticlePage, queryset_filter)
