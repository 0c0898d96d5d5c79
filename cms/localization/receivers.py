"""Signal receivers of the localization app (imported once by LocalizationConfig.ready)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, workflow_submitted
from wagtail_localize.models import Translation

from .flow import source_translations_sync, vocabulary_translations_request
from .notifications import translation_requested_notify
from .submission import translation_workflow_gate


@receiver(page_published, dispatch_uid="localization_source_sync")
def source_published(sender, instance, revision=None, **kwargs):
    """A source page was published: its translations are synced as drafts (live ones stay)."""
    source_translations_sync(instance)


@receiver(post_save, sender=Translation, dispatch_uid="localization_requested")
def translation_requested(sender, instance, created=False, raw=False, **kwargs):
    """A translation was requested: its language's translators are emailed."""
    if created and not raw:
        translation_requested_notify(instance)


@receiver(post_save, sender=Translation, dispatch_uid="localization_vocabulary")
def translation_vocabulary_requested(sender, instance, created=False, raw=False, **kwargs):
    """An article was requested in a language: its vocabulary is requested along with it."""
    if created and not raw:
        vocabulary_translations_request(instance)


@receiver(workflow_submitted, dispatch_uid="localization_workflow_gate")
def translation_submitted(sender, instance, user=None, **kwargs):
    """Anything entered review: a translation must pass the submission checks, whichever door it used."""
    translation_workflow_gate(instance)
