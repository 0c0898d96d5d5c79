"""The v2 router: Wagtail's, with every opted-in endpoint behind the response cache."""

from wagtail.api.v2.router import WagtailAPIRouter

from ..cache.http import cached_api_view


class CachedAPIRouter(WagtailAPIRouter):
    def wrap_view(self, func):
        return cached_api_view(super().wrap_view(func))
