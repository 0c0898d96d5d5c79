"""Which groups are tied to one language; which machine translations a person confirmed."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class LocaleRole(models.Model):
    """A group whose members work on one language only (its tree and its snippets)."""

    TRANSLATORS = "translators"
    REVIEWERS = "reviewers"
    ROLES = [(TRANSLATORS, _("Translators")), (REVIEWERS, _("Translation reviewers"))]

    group = models.OneToOneField(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="locale_role"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="locale_roles",
        help_text=_("Members of the group may change content in this language only."),
    )
    role = models.CharField(_("role"), max_length=20, choices=ROLES)

    class Meta:
        verbose_name = _("language role")
        verbose_name_plural = _("language roles")
        constraints = [models.UniqueConstraint(fields=["locale", "role"], name="localerole_locale_role_uniq")]

    def __str__(self):
        return f"{self.group.name} ({self.locale.language_code})"


class SegmentConfirmation(models.Model):
    """A person's confirmation of one machine-translated text: this exact text, by whom and when.

    A later change of the text (a new machine translation, say) is not covered: the confirmation
    counts only while `data` equals the translation's current text.
    """

    string_translation = models.OneToOneField(
        "wagtail_localize.StringTranslation",
        verbose_name=_("translated text"),
        on_delete=models.CASCADE,
        related_name="confirmation",
    )
    data = models.TextField(_("confirmed text"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation of a machine translation")
        verbose_name_plural = _("confirmations of machine translations")

    def __str__(self):
        return f"{self.string_translation_id} confirmed by {self.confirmed_by_id}"


class LanguageReviewTask(AbstractGroupApprovalTask):
    """A language's reviewers approve a translation, having been told how much a machine wrote.

    A group approval task (the language's reviewers) whose dialogs show the translation's
    provenance; approving opens the dialog whenever there is something to tell.
    """

    def get_actions(self, obj, user):
        from cms.editorial.review_notes import review_notes

        actions = super().get_actions(obj, user)
        if not review_notes(getattr(obj, "specific", obj)):
            return actions
        return [(name, label, True) for name, label, _modal in actions]

    def get_template_for_action(self, action):
        return "editorial/review_dialog.html"

    @classmethod
    def get_description(cls):
        return _("The language's reviewers approve the translation, told how much of it a machine wrote.")

    class Meta:
        verbose_name = _("Language review task")
        verbose_name_plural = _("Language review tasks")
