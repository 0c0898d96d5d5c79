from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = _("Delivery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Deployment checks of the settings: several workers need the shared cache (cms/checks.py).
        from cms import checks  # noqa: F401

        # v3's OpenAPI types article bodies (before Wagtail's v3 registry builds its schemas).
        from .api.v3_schema import v3_schema_register

        v3_schema_register()
        # API cache invalidation and CDN purges on publish, unpublish, move, delete, snippet saves.
        from . import cache_signals

        cache_signals.connect()
        # The change feed, after the cache receivers: they lock the generation row first.
        from . import changes

        changes.connect()
        # Image renditions made in the background after each image save (reads never write).
        from .api import images

        images.connect()
        # A database outage answers 503 (and cached API answers), never a 500 page.
        from . import outage

        outage.connect()
        # Webhooks on publish, unpublish, delete.
        from . import signal_handlers  # noqa: F401
