"""One webhook delivery attempt: POST the signed body, log the answer, say when to retry."""

import datetime
import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..models import WebhookDelivery
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, webhook_signature
from .transport import TRANSPORT_ERRORS, post_to_address
from .validators import webhook_url_address

RESPONSE_EXCERPT_BYTES = 2000
# Worth trying again: the receiver is down, overloaded or asked us to wait.
RETRY_STATUS_CODES = {408, 425, 429, 500, 502, 503, 504}


def webhook_backoff(attempt):
    """How long to wait after failed attempt number `attempt` (1-based): base * 2**(attempt-1)."""
    return datetime.timedelta(seconds=settings.WEBHOOKS_BACKOFF_SECONDS * 2 ** (attempt - 1))


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
