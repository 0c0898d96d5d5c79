import importlib
import importlib.util

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "cms.delivery"
    label = "delivery"
    verbose_name = _("Delivery")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache_signals

        # API cache invalidation and CDN purges on publish, unpublish, move, delete, snippet saves.
        cache_signals.connect()
        # Webhooks on publish, unpublish, delete (cms/delivery/signal_handlers.py).
        if importlib.util.find_spec(f"{self.name}.signal_handlers") is not None:
            importlib.import_module(f"{self.name}.signal_handlers")
