"""Admin screens: webhook endpoints (superusers) and the read-only delivery log."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from ..models import WebhookDelivery, WebhookEndpoint
from .forms import WebhookEndpointForm


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    form_fields = ["name", "url", "secret", "events", "locales", "active"]
    icon = "link-external"
    menu_label = _("Endpoints")
    list_display = ["name", "url", "get_event_labels", "active"]
    list_filter = ["active"]
    search_fields = ["name", "url"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "history"
    menu_label = _("Delivery log")
    list_display = [
        "endpoint",
        "event",
        "page_id",
        "attempt",
        StatusTagColumn("status", label=_("Status"), primary=lambda d: d.status == "succeeded"),
        Column("status_code", label=_("HTTP status")),
        "attempted_at",
        Column("duration_ms", label=_("Duration (ms)")),
    ]
    list_filter = ["endpoint", "event", "status"]
    search_fields = ["delivery_id", "error", "response_excerpt"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "endpoint",
        "delivery_id",
        "event",
        "page_id",
        "attempt",
        "status",
        "status_code",
        "error",
        "response_excerpt",
        "duration_ms",
        "attempted_at",
        "next_attempt_at",
        "body",
    ]
    copy_view_enabled = False
    # The log is written by the delivery task only; nobody adds or edits it.
    form_fields = []


class WebhooksViewSetGroup(ModelViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    items = (WebhookEndpointViewSet("webhook_endpoints"), WebhookDeliveryViewSet("webhook_deliveries"))
