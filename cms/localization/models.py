"""Which groups are tied to one language: translators and translation reviewers."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


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
