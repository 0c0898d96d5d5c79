"""Webhooks: the endpoints admins register and the log of every delivery attempt.

Preview drafts are stored by wagtail-headless-preview's own `PagePreview` model.
"""

import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .webhooks.validators import validate_webhook_url


class WebhookEvent(models.TextChoices):
    PUBLISH = "publish", _("Page published")
    UNPUBLISH = "unpublish", _("Page unpublished")
    DELETE = "delete", _("Page deleted")
    TRANSLATION_PUBLISH = "translation-publish", _("Translation published")


def generate_webhook_secret():
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """A URL told about content changes, with the secret that signs what it receives."""

    name = models.CharField(_("name"), max_length=100, help_text=_("Who receives this, e.g. 'Mobile app'."))
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("Receives a POST with a JSON body for each event. http or https only."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=generate_webhook_secret,
        help_text=_(
            "Shared with the receiver, which checks the X-CMS-Signature header: "
            "sha256=HMAC-SHA256(secret, raw body) in hex."
        ),
    )
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,
        help_text=_("The events this endpoint receives."),
    )
    locales = models.ManyToManyField(
        "wagtailcore.Locale",
        verbose_name=_("languages"),
        blank=True,
        related_name="+",
        help_text=_("Only pages in these languages. Leave all unticked for every language."),
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick to pause deliveries."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return f"{self.name} ({self.url})"

    def get_event_labels(self):
        labels = dict(WebhookEvent.choices)
        return ", ".join(str(labels.get(event, event)) for event in self.events)

    get_event_labels.short_description = _("events")


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one endpoint (retries share a delivery id)."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Succeeded")
        RETRYING = "retrying", _("Failed, will retry")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    delivery_id = models.UUIDField(
        _("delivery id"), default=uuid.uuid4, db_index=True, help_text=_("Sent as X-CMS-Delivery.")
    )
    event = models.CharField(_("event"), max_length=30, choices=WebhookEvent.choices)
    page_id = models.PositiveIntegerField(_("page id"), null=True, blank=True)
    body = models.TextField(_("body"), help_text=_("The exact JSON that was signed and sent."))
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    attempted_at = models.DateTimeField(_("attempted at"))
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)

    class Meta:
        ordering = ["-attempted_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event} → {self.endpoint.name} #{self.attempt}"


class ContentGeneration(models.Model):
    """One row whose token changes whenever public content, or who may see it, changes.

    It lives in the database so every app server sees a bump at once, and inside the
    publishing transaction, so the new token becomes visible exactly when the content does.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("content generation")

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class ApiSnapshot(models.Model):
    """The detail JSON of one live page, rendered ahead of time (cms/delivery/cache/snapshots.py).

    Served for plain detail requests only after the live, public page row still shows the
    revision and path it was rendered from; dropped whenever a page it shows changes.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    live_revision_id = models.PositiveIntegerField(null=True, blank=True)
    url_path = models.TextField()
    site_id = models.PositiveIntegerField()
    content = models.BinaryField()
    valid_until = models.DateTimeField(help_text=_("Review status depends on the date: rebuilt after this."))
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("API snapshot")

    def __str__(self):
        return f"snapshot of page {self.page_id}"


class ApiSnapshotDependency(models.Model):
    """A translation group whose pages (live status, path, title) a snapshot shows."""

    snapshot = models.ForeignKey(ApiSnapshot, on_delete=models.CASCADE, related_name="dependencies")
    translation_key = models.UUIDField(db_index=True)

    class Meta:
        verbose_name = _("API snapshot dependency")

    def __str__(self):
        return f"{self.snapshot_id} -> {self.translation_key}"


class ContentChange(models.Model):
    """One entry of the change feed (GET /api/v2/changes/): a page or snippet that was published,
    updated, unpublished, moved or deleted. Entries are never changed; the id is the cursor.

    Not shown in the admin: its labels are for developers and stay untranslated."""

    class Action(models.TextChoices):
        PUBLISH = "publish", "Published"
        UPDATE = "update", "Updated"
        UNPUBLISH = "unpublish", "Unpublished"
        MOVE = "move", "Moved"
        DELETE = "delete", "Deleted"

    class Kind(models.TextChoices):
        PAGE = "page", "Page"
        SNIPPET = "snippet", "Snippet"

    action = models.CharField("action", max_length=20, choices=Action.choices)
    kind = models.CharField("kind", max_length=20, choices=Kind.choices)
    object_type = models.CharField("type", max_length=100, help_text="E.g. articles.ArticlePage.")
    object_id = models.PositiveBigIntegerField("id")
    locale = models.CharField("locale", max_length=20, blank=True)
    translation_key = models.UUIDField(null=True, blank=True)
    path = models.TextField("reader path", blank=True, help_text="For pages: the path then (the last one).")
    previous_path = models.TextField("previous path", blank=True, help_text="For moves: where it was.")
    occurred_at = models.DateTimeField("occurred at", db_index=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["kind", "object_type", "object_id", "-id"], name="delivery_change_object")
        ]
        verbose_name = "content change"
        verbose_name_plural = "content changes"

    def __str__(self):
        return f"#{self.pk} {self.action} {self.object_type} {self.object_id}"
