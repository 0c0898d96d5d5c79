"""Admin form bases of our page types and snippets: an edit of an outdated version is refused.

Wagtail's editor posts the revision it was opened on (`loaded_revision_id`, or the autosave
revision it is overwriting), but only refuses a stale save for autosave requests: a full save
silently replaces whatever another person saved in between. Here the form itself is invalid
then, so the editor comes back with the person's changes intact, a message naming who saved
in between, and a link comparing the two versions. Saves that do not say which version they
started from (code, the v3 API, which uses If-Match instead) are not checked here.
"""

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Page, Revision


def _latest_revision(instance):
    if instance.pk is None:
        return None
    latest_id = (
        type(instance).objects.filter(pk=instance.pk).values_list("latest_revision_id", flat=True).first()
    )
    return Revision.objects.select_related("user").filter(pk=latest_id).first() if latest_id else None


def _compare_url(instance, old_id, new_id):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:revisions_compare", args=[instance.pk, old_id, new_id])
    viewset = getattr(instance, "snippet_viewset", None)
    if viewset is None:
        return None
    try:
        return reverse(viewset.get_url_name("revisions_compare"), args=[instance.pk, old_id, new_id])
    except NoReverseMatch:
        return None


def stale_edit_error(instance, data):
    """The error message if `data` edits a revision of `instance` that is no longer the latest, else None."""
    loaded_id = data.get("overwrite_revision_id") or data.get("loaded_revision_id")
    if not loaded_id:
        return None
    latest = _latest_revision(instance)
    if latest is None:
        return None
    stale = str(loaded_id) != str(latest.pk)
    loaded_at = data.get("loaded_revision_created_at")
    if not stale and not data.get("overwrite_revision_id") and loaded_at:
        # The same revision, overwritten by another person's autosave since it was loaded.
        stale = loaded_at != latest.created_at.isoformat()
    if not stale:
        return None
    who = (latest.user.get_full_name() or latest.user.get_username()) if latest.user else _("someone")
    when = date_format(timezone.localtime(latest.created_at), "DATETIME_FORMAT")
    message = _(
        "Not saved: %(who)s saved a newer version (%(when)s) while you were editing. "
        "Your changes are still in the form below."
    ) % {"who": who, "when": when}
    url = _compare_url(instance, loaded_id, latest.pk) if str(loaded_id).isdigit() else None
    if url is None:
        return message
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener">{}</a>. {}',
        message,
        url,
        _("Compare your starting version with theirs"),
        _("Save again to replace their version with yours."),
    )


class StaleEditCheckMixin:
    def clean(self):
        cleaned_data = super().clean()
        error = stale_edit_error(self.instance, self.data)
        if error:
            raise forms.ValidationError(error, code="stale_revision")
        return cleaned_data


class RevisionCheckedPageForm(StaleEditCheckMixin, WagtailAdminPageForm):
    """The page editor's form: an edit of an outdated revision is refused (see module)."""


class RevisionCheckedSnippetForm(StaleEditCheckMixin, WagtailAdminModelForm):
    """The snippet editor's form: an edit of an outdated revision is refused (see module)."""
