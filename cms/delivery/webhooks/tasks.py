"""The background task that delivers one webhook and re-enqueues itself to retry."""

from django_tasks import task

from ..models import WebhookEndpoint
from .attempts import webhook_attempt


# Ahead of the bulk of background work (search and reference indexing, snapshot builds): a
# receiver waits on it, and a backlog of index updates must not delay it.
@task(priority=50)
def deliver_webhook(endpoint_id, delivery_id, event, page_id, body, attempt=1):
    """POST `body` to the endpoint; on a retryable failure, enqueue the next attempt with backoff.

    django-tasks has no retry of its own: the next attempt is a new task with `run_after`.
    Returns the delivery status ('succeeded', 'retrying', 'failed') or 'skipped'.
    """
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, active=True).first()
    if endpoint is None:
        return "skipped"
    can_defer = deliver_webhook.get_backend().supports_defer
    delivery, next_attempt_at = webhook_attempt(
        endpoint, delivery_id, event, page_id, body, attempt, can_defer=can_defer
    )
    if next_attempt_at is not None:
        deliver_webhook.using(run_after=next_attempt_at).enqueue(
            endpoint_id=endpoint_id,
            delivery_id=delivery_id,
            event=event,
            page_id=page_id,
            body=body,
            attempt=attempt + 1,
        )
    return delivery.status
