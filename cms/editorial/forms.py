"""Forms shown in the medical review task's dialogs."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MedicalReviewActionForm(forms.Form):
    """Signing off: an optional comment that is kept with the sign-off."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Kept with the clinical sign-off and shown in the page history."),
    )


class MedicalRejectionForm(forms.Form):
    """Requesting changes: the editor needs to know what to fix, so a comment is required."""

    comment = forms.CharField(
        label=_("What needs to change"),
        required=True,
        error_messages={"required": _("Say what needs to change.")},
        widget=forms.Textarea({"rows": 4}),
        help_text=_("Required. The editor receives this with the article."),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("Say what needs to change."))
        return comment


class RecallForm(forms.Form):
    """Withdrawing a sign-off: the reason goes to the page history and to everyone notified."""

    reason = forms.CharField(
        label=_("Why is the sign-off withdrawn?"),
        required=True,
        error_messages={"required": _("Say why the sign-off is withdrawn.")},
        widget=forms.Textarea({"rows": 4}),
        help_text=_(
            "Required. Recorded in the page history and emailed to the editors and reviewers, "
            "e.g. “The dose in the chemotherapy section is wrong: 50 mg, not 5000 mg.”"
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the sign-off is withdrawn."))
        return reason
