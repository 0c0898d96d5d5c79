"""Views added to wagtail-localize's translation editor: confirm machine texts, check PO uploads."""

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation as localize_views

from .permissions import user_can_edit_instance
from .protected import protected_differences
from .provenance import segments_confirm


def _editable_translation(request, translation_id):
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    return translation


def _back(request, translation):
    return redirect(get_valid_next_url_from_request(request) or translation.get_target_instance_edit_url())


@require_POST
def confirm_segments(request, translation_id):
    """A translator confirms the machine-translated texts they ticked (or all shown)."""
    translation = _editable_translation(request, translation_id)
    ids = [int(value) for value in request.POST.getlist("segment") if value.isdigit()]
    count = segments_confirm(translation, ids, request.user)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d machine-translated text confirmed.",
                "%(count)d machine-translated texts confirmed.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.warning(request, _("Tick the machine-translated texts you have read and found correct."))
    return _back(request, translation)


def po_differences(translation, po):
    """[(source, translation, [values])] of the PO entries that change a protected value."""
    source_language = translation.source.locale.language_code
    target_language = translation.target_locale.language_code
    changed = []
    for entry in po:
        if entry.msgstr:
            differences = protected_differences(entry.msgid, entry.msgstr, source_language, target_language)
            if differences:
                changed.append((entry.msgid, entry.msgstr, differences))
    return changed


@require_POST
def upload_pofile(request, translation_id):
    """wagtail-localize's PO upload, refused (nothing imported) if a text changes a protected value."""
    translation = _editable_translation(request, translation_id)
    upload = request.FILES.get("file")
    if upload is None:
        return localize_views.upload_pofile(request, translation_id)
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        name = handle.name
    try:
        po = polib.pofile(name)
    except (OSError, UnicodeDecodeError):
        po = None  # wagtail-localize's view reports an unreadable file
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    changed = po_differences(translation, po) if po is not None else []
    upload.seek(0)
    if changed:
        items = format_html_join(
            "",
            "<li><q>{}</q> → <q>{}</q> ({})</li>",
            ((source, text, ", ".join(map(str, values))) for source, text, values in changed),
        )
        messages.error(
            request,
            format_html(
                "{}<ul>{}</ul>",
                ngettext(
                    "Nothing was imported: %(count)d text changes a number, unit, identifier or link:",
                    "Nothing was imported: %(count)d texts change a number, unit, identifier or link:",
                    len(changed),
                )
                % {"count": len(changed)},
                items,
            ),
        )
        return _back(request, translation)
    return localize_views.upload_pofile(request, translation_id)
