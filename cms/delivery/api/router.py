"""The v2 router: Wagtail's, with every opted-in endpoint behind the response cache."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, QueryDict
from django.utils.http import urlencode
from rest_framework.request import Request
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.models import Site

from ..cache.http import cached_api_view


class CachedAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func):
        return cached_api_view(super().wrap_view(func))

    def anonymous_view(self, endpoint_class, site=None, query=None):
        """An instance of `endpoint_class` rendering as an anonymous GET to `site` (default: the
        default site) with the query string `query` would; None without a site. Snapshot builds
        and the reader site render through it, outside any API request."""
        if site is None:
            site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return None
        django_request = HttpRequest()
        django_request.method = "GET"
        django_request.path = django_request.path_info = "/"
        query_string = urlencode(query or {}, doseq=True)
        django_request.META = {
            "SERVER_NAME": site.hostname,
            "SERVER_PORT": str(site.port),
            "QUERY_STRING": query_string,
        }
        django_request.GET = QueryDict(query_string)
        django_request._wagtail_site = site
        # What view restrictions look at: nobody logged in, no password entered.
        django_request.user, django_request.session = AnonymousUser(), {}
        # What the router's own view wrapper sets on every request it serves.
        django_request.wagtailapi_router = self
        view = endpoint_class()
        view.request = Request(django_request)
        view.args, view.kwargs, view.format_kwarg, view.action = (), {}, None, "detail_view"
        return view
