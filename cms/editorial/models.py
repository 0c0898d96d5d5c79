"""Clinical sign-off records and the medical review workflow task."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState

from .forms import MedicalRejectionForm, MedicalReviewActionForm


class ClinicalSignOff(models.Model):
    """A clinician's approval of one exact revision of an article or a vocabulary entry.

    Only the latest sign-off of an object (one object is one language: each translation has
    its own) can authorise publishing, and only while it is not withdrawn: a later sign-off
    supersedes every earlier one, and a withdrawal (clinical recall) cancels it.
    """

    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("content type"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The base type of what was signed off (page, or the snippet model)."),
    )
    object_id = models.CharField(_("object id"), max_length=255)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="clinical_signoffs",
        help_text=_("Set when a page was signed off (its sign-offs go with it when it is deleted)."),
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("signed revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The revision that carries this sign-off (it goes live)."),
    )
    reviewed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("reviewed revision"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The revision the reviewer read; the signed revision adds only the review dates."),
    )
    content_fingerprint = models.CharField(
        _("content fingerprint"),
        max_length=64,
        db_index=True,
        help_text=_("SHA-256 of the signed content: any later change needs a new sign-off."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer (CMS user)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_person = models.ForeignKey(
        "articles.Person",
        verbose_name=_("reviewer (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_name = models.CharField(_("reviewer name"), max_length=200)
    reviewer_credentials = models.CharField(_("reviewer credentials"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name=_("workflow task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The later sign-off that replaced this one: this one no longer authorises anything."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("clinical sign-off")
        verbose_name_plural = _("clinical sign-offs")
        ordering = ["-signed_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-signed_at"], name="signoff_object_idx"),
        ]
        permissions = [("withdraw_clinicalsignoff", _("Can withdraw a clinical sign-off (recall)"))]

    def __str__(self):
        reviewer = self.reviewer_name
        if self.reviewer_credentials:
            reviewer = f"{reviewer}, {self.reviewer_credentials}"
        return f"{reviewer} ({self.signed_at:%Y-%m-%d})"

    @property
    def withdrawn(self):
        return self.withdrawn_at is not None


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A workflow step where a clinician signs the content off, or sends it back with a comment.

    Approving records a ClinicalSignOff for the revision under review (for articles, stamping
    the review dates and the reviewer as signed); the workflow then publishes exactly that
    signed revision. Content that is not medical (sections, people, centres) skips this step.
    """

    def start(self, workflow_state, user=None):
        from .signoff import signoff_needed

        obj = workflow_state.content_object
        if signoff_needed(getattr(obj, "specific_class", None) or type(obj)):
            return super().start(workflow_state, user=user)
        # Not medical content: record the step as skipped so the workflow moves on.
        return TaskState.objects.create(
            workflow_state=workflow_state,
            revision=obj.get_latest_revision(),
            task=self,
            status=TaskState.STATUS_SKIPPED,
        )

    def get_actions(self, obj, user):
        from .review_changes import signed_before
        from .review_notes import review_notes

        if user.is_superuser or self._user_in_groups(user):
            # With something to tell the reviewer first (a translation's machine texts, say, or
            # what changed since an earlier sign-off), signing off opens the dialog that says it.
            specific = getattr(obj, "specific", obj)
            first = bool(review_notes(specific)) or signed_before(specific)
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Sign off"), first),
                ("approve", _("Sign off with comment"), True),
            ]
        return []

    def get_form_for_action(self, action):
        return MedicalRejectionForm if action == "reject" else MedicalReviewActionForm

    def get_template_for_action(self, action):
        return "editorial/review_dialog.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .signoff import medical_rejection_record, signoff_record

        if not self.get_actions(task_state.workflow_state.content_object, user):
            raise PermissionDenied(_("Only medical reviewers can act on the medical review."))
        comment = (kwargs.get("comment") or "").strip()
        obj = task_state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        if action_name == "approve":
            signoff_record(obj, user, comment=comment, task_state=task_state)
        elif action_name == "reject":
            medical_rejection_record(obj, user, comment=comment, task_state=task_state)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups sign the medical content off (recorded with their "
            "credentials) or request changes with a comment."
        )

    class Meta:
        verbose_name = _("Medical review task")
        verbose_name_plural = _("Medical review tasks")
