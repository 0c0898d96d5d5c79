"""The project's URLs plus stock Wagtail v2 endpoints over the same pages (the baseline)."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as project_urlpatterns

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("stock/v2/", stock_router.urls), *project_urlpatterns]
