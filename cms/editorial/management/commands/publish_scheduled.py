"""`manage.py publish_scheduled`: Wagtail's command, minus medical content nobody signed off.

Wagtail publishes every revision whose go-live time has passed, in one loop that a single
refusal would abort. Scheduling already requires a sign-off, but schedules made before this
rule existed (or written straight to the database) may not have one: those are unscheduled
and reported here first, so the rest still go live. The publish guard stays the real check.
"""

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Revision

from cms.editorial.signoff import signoff_for_revision, signoff_needed


class Command(WagtailPublishScheduled):
    help = (
        "Publish scheduled pages and unpublish expired ones (cron: every minute, or the task "
        "worker). Articles, conditions and modalities without a current medical sign-off for the "
        "scheduled revision are unscheduled and reported instead."
    )

    def handle(self, *args, **options):
        due = Revision.objects.filter(approved_go_live_at__lt=timezone.now())
        for revision in due.select_related("content_type"):
            model = revision.content_type.model_class()
            if not signoff_needed(model) or signoff_for_revision(revision) is not None:
                continue
            title = revision.content.get("title") or revision.content.get("name") or revision.object_str
            self.stderr.write(
                self.style.WARNING(
                    f"Not publishing “{title}” ({model._meta.verbose_name} {revision.object_id}, "
                    f"revision {revision.pk}): "
                    "it needs a medical sign-off. Unscheduled."
                )
            )
            if options["dryrun"]:
                continue
            page = revision.as_object()
            Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            log(
                instance=page,
                action="editorial.schedule_refused",
                revision=revision,
                data={"revision": {"id": revision.pk}, "reason": "no medical sign-off"},
            )
        super().handle(*args, **options)
