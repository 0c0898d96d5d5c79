"""Webhook rules: which endpoints hear of which page events, what they receive, how retries go.

Signal handlers (../signal_handlers.py) call `webhook_page_published` and `webhook_page_event`;
the task (tasks.py) calls `webhook_attempt` for each try.
"""

import datetime
import json
import time
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from ..jsonld import reader_url
from ..models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, webhook_signature
from .transport import TRANSPORT_ERRORS, post_to_address
from .validators import webhook_url_address

RESPONSE_EXCERPT_BYTES = 2000
# Worth trying again: the receiver is down, overloaded or asked us to wait.
RETRY_STATUS_CODES = {408, 425, 429, 500, 502, 503, 504}


def webhook_backoff(attempt):
    """How long to wait after failed attempt number `attempt` (1-based): base * 2**(attempt-1)."""
    return datetime.timedelta(seconds=settings.WEBHOOKS_BACKOFF_SECONDS * 2 ** (attempt - 1))


def webhook_payload(page, event, delivery_id, timestamp):
    """The JSON body of one delivery.

    {"event": "publish", "delivery_id": "6f0c...", "timestamp": "2026-01-05T10:00:00+00:00",
     "page": {"id": 4, "type": "articles.ArticlePage", "locale": "en", "title": "...",
              "url": "http://127.0.0.1:8000/en/treatments/x/",
              "api_url": "http://127.0.0.1:8000/api/v2/articles/4/"}}
    """
    from cms.api import api_router

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
    from .tasks import deliver_webhook

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


def _post(endpoint, event, delivery_id, body, attempt):
    """POST the body; returns (status_code, response excerpt). Raises transport/validation errors."""
    # Checked again (DNS may have changed since the endpoint was saved), and connected to the
    # very address checked: the host is not resolved a second time (transport.py).
    address = webhook_url_address(endpoint.url)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "medical-cms-webhooks/1",
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        "X-CMS-Attempt": str(attempt),
        SIGNATURE_HEADER: webhook_signature(endpoint.secret, body),
    }
    status_code, excerpt = post_to_address(
        endpoint.url, address, body.encode(), headers, settings.WEBHOOKS_TIMEOUT, RESPONSE_EXCERPT_BYTES
    )
    return status_code, excerpt.decode("utf-8", errors="replace")


def webhook_attempt(endpoint, delivery_id, event, page_id, body, attempt, can_defer):
    """Try one delivery, log it, and say when to retry (None: no retry).

    Retries follow network errors and 408/425/429/5xx answers, up to WEBHOOKS_MAX_ATTEMPTS,
    and only when the task backend can run a task later (`can_defer`).
    Returns (WebhookDelivery, next_attempt_at or None).
    """
    attempted_at = timezone.now()
    started = time.monotonic()
    status_code, excerpt, error, retryable = None, "", "", False
    try:
        status_code, excerpt = _post(endpoint, event, delivery_id, body, attempt)
        retryable = status_code in RETRY_STATUS_CODES
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except ValidationError as e:
        error = " ".join(e.messages)
    except TRANSPORT_ERRORS as e:
        error = f"{type(e).__name__}: {e}"[:1000]
        retryable = True
    duration_ms = round((time.monotonic() - started) * 1000)

    next_attempt_at = None
    if not error:
        status = WebhookDelivery.Status.SUCCEEDED
    elif retryable and attempt < settings.WEBHOOKS_MAX_ATTEMPTS and can_defer:
        status = WebhookDelivery.Status.RETRYING
        next_attempt_at = attempted_at + webhook_backoff(attempt)
    else:
        status = WebhookDelivery.Status.FAILED
        if retryable and attempt < settings.WEBHOOKS_MAX_ATTEMPTS:
            error += " (not retried: the task backend cannot run tasks later; use TASKS_BACKEND=database)"
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        delivery_id=delivery_id,
        event=event,
        page_id=page_id,
        body=body,
        attempt=attempt,
        status=status,
        status_code=status_code,
        response_excerpt=excerpt,
        error=error,
        duration_ms=duration_ms,
        attempted_at=attempted_at,
        next_attempt_at=next_attempt_at,
    )
    return delivery, next_attempt_at
