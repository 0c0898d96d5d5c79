"""Page events that send webhooks. Imported once from DeliveryConfig.ready()."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from ..models import WebhookEvent
from .services import webhook_page_event, webhook_page_published


@receiver(page_published, dispatch_uid="delivery_webhooks_published")
def on_page_published(sender, instance, alias=False, **kwargs):
    webhook_page_published(instance, alias=alias)


@receiver(page_unpublished, dispatch_uid="delivery_webhooks_unpublished")
def on_page_unpublished(sender, instance, **kwargs):
    webhook_page_event(instance, WebhookEvent.UNPUBLISH)


@receiver(post_delete, sender=Page, dispatch_uid="delivery_webhooks_deleted")
def on_page_deleted(sender, instance, **kwargs):
    # On the base Page model: exactly one signal per deleted page, whatever its type.
    # Wagtail unpublishes a live page just before deleting it, so receivers hear 'unpublish'
    # then 'delete'. Pages never published are nobody's business.
    if instance.first_published_at is not None:
        webhook_page_event(instance, WebhookEvent.DELETE)
