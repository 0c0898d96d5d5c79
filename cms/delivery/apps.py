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
        # Receivers: one `receivers.py` per package that reacts to signals, each imported once,
        # here. Order matters where two hear the same signal: the cache receivers lock the content
        # generation row before the change feed's record entries, and webhooks are queued last.
        # - a database outage answers 503 (and cached API answers), never a 500 page;
        # - image renditions made in the background after each image save (reads never write);
        # - API cache invalidation and CDN purges on publish, unpublish, move, delete, snippet saves;
        # - the change feed;
        # - webhooks on publish, unpublish, delete.
        from . import outage  # noqa: F401
        from .api import receivers as _api  # noqa: F401
        from .cache import receivers as _cache  # noqa: F401
        from .changes import receivers as _changes  # noqa: F401
        from .webhooks import receivers as _webhooks  # noqa: F401
