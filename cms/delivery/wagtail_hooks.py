"""Admin registration of the delivery app: the Webhooks menu, for superusers only."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import WebhookDelivery, WebhookEndpoint
from .webhooks.permissions import SuperuserOnlyPermissionPolicy
from .webhooks.views import WebhooksViewSetGroup

# Registered before any viewset asks, so Wagtail never falls back to model permissions.
register_permission_policy(WebhookEndpoint, SuperuserOnlyPermissionPolicy(WebhookEndpoint))
register_permission_policy(
    WebhookDelivery, SuperuserOnlyPermissionPolicy(WebhookDelivery, actions=["view", "inspect"])
)


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets():
    return WebhooksViewSetGroup()
