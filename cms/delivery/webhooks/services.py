"""Webhook rules: which endpoints hear of which page events, and what they receive.

The receivers (receivers.py) call `webhook_page_published` and `webhook_page_event`, which
queue the task (tasks.py); the task makes each try with `webhook_attempt` (attempts.py).
"""

import json
import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from ..api.v2 import api_router
from ..jsonld import reader_url
from ..models import WebhookEndpoint, WebhookEvent
from .tasks import deliver_webhook


def webhook_payload(page, event, delivery_id, timestamp):
    """The JSON body of one delivery.

    {"event": "publish", "delivery_id": "6f0c...", "timestamp": "2026-01-05T10:00:00+00:00",
     "page": {"id": 4, "type": "articles.ArticlePage", "locale": "en", "title": "...",
              "url": "http://127.0.0.1:8000/en/treatments/x/",
              "api_url": "http://127.0.0.1:8000/api/v2/articles/4/"}}
    """
    model = page.specific_class or type(page)
    api_path = api_router.get_object_detail_urlpath(model, page.pk) or reverse(
        "wagtailapi:pages:detail", args=[page.pk]
    )
    return {
        "event": event,
        "delivery_id": str(delivery_id),
        "timestamp": timestamp.isoformat(),
        "page": {
            "id": page.pk,
            "type": f"{model._meta.app_label}.{model.__name__}",
            "locale": page.locale.language_code,
            "title": page.title,
            "url": reader_url(page),
            "api_url": settings.WAGTAILAPI_BASE_URL.rstrip("/") + api_path,
        },
    }


def webhook_endpoints_for(event, locale_id):
    """Active endpoints subscribed to `event` for pages in `locale_id` (no languages ticked = all)."""
    endpoints = WebhookEndpoint.objects.filter(active=True).prefetch_related("locales")
    return [
        endpoint
        for endpoint in endpoints
        if event in endpoint.events
        and (not endpoint.locales.all() or locale_id in {locale.pk for locale in endpoint.locales.all()})
    ]


def webhook_is_translation(page):
    """True for a page outside the default language that translates a page in another language."""
    if page.locale_id == Locale.get_default().pk:
        return False
    return (
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


def webhook_page_event(page, event):
    """Queue `event` about `page` for every subscribed endpoint, once the transaction commits.

    The body is built now, so a deleted page is still described by its title and URL.
    Returns the delivery ids queued.
    """
    if page.depth is not None and page.depth <= 1:
        return []
    queued = []
    timestamp = timezone.now()
    for endpoint in webhook_endpoints_for(event, page.locale_id):
        delivery_id = uuid.uuid4()
        body = json.dumps(webhook_payload(page, event, delivery_id, timestamp), ensure_ascii=False)
        kwargs = {
            "endpoint_id": endpoint.pk,
            "delivery_id": str(delivery_id),
            "event": event,
            "page_id": page.pk,
            "body": body,
        }
        transaction.on_commit(lambda kwargs=kwargs: deliver_webhook.enqueue(**kwargs))
        queued.append(delivery_id)
    return queued


def webhook_page_published(page, alias=False):
    """'publish' for every page; also 'translation-publish' when the page is a translation."""
    queued = webhook_page_event(page, WebhookEvent.PUBLISH)
    if not alias and webhook_is_translation(page):
        queued += webhook_page_event(page, WebhookEvent.TRANSLATION_PUBLISH)
    return queued
