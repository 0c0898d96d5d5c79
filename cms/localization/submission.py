"""What a translation must be before it goes to review, in one place for every door.

Refused (TranslationPublishDenied, with a plain message and an HTML version with links) while:

- texts are untranslated (they would go live in the source language);
- machine-translated texts are unconfirmed (TRANSLATION_REQUIRE_HUMAN_CONFIRMATION, default on);
- a text changes a protected value (a dose, a percentage, a DOI, a URL, ...): each listed,
  source and translation side by side;
- for an article, vocabulary it shows (its condition, each treatment's modality, each partner
  centre, its authors) has no live, reviewed translation in that language: each listed with a
  link to translate it.
"""

from django.conf import settings
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail_localize.models import Translation

from .provenance import translation_provenance, translation_segments


def _denied(message, html=None):
    from .flow import TranslationPublishDenied

    error = TranslationPublishDenied(message)
    error.html = html or message
    return error


def vocabulary_shown(article):
    """The snippets an article shows patients: condition, modalities, partner centres, authors."""
    shown = []
    if article.condition is not None:
        shown.append(article.condition)
    for block in article.treatment_blocks():
        if block.value.get("modality") is not None:
            shown.append(block.value["modality"])
        shown += [center for center in block.value.get("centers") or [] if center is not None]
    shown += [author.person for author in article.authors.all()]
    unique = {}
    for snippet in shown:
        unique.setdefault((type(snippet), snippet.translation_key), snippet)
    return list(unique.values())


def vocabulary_untranslated(article, locale):
    """[(snippet, url to translate it)] of what the article shows with no live translation in `locale`."""
    missing = []
    for snippet in vocabulary_shown(article):
        model = type(snippet)
        if model.objects.filter(translation_key=snippet.translation_key, locale=locale, live=True).exists():
            continue
        target = model.objects.filter(translation_key=snippet.translation_key, locale=locale).first()
        if target is not None:
            url = reverse(target.snippet_viewset.get_url_name("edit"), args=[quote(target.pk)])
        else:
            url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[model._meta.app_label, model._meta.model_name, quote(snippet.pk)],
            )
        missing.append((snippet, url))
    return missing


def translation_submission_check(source, locale):
    """Refuse (TranslationPublishDenied) to submit this translation for review; see the module."""
    translation = Translation.objects.filter(source=source, target_locale=locale).first()
    if translation is None:
        return
    provenance = translation_provenance(translation)
    if provenance.translated < provenance.total:
        missing = provenance.total - provenance.translated
        raise _denied(
            _("%(missing)s of %(total)s texts are not translated yet: translate them before review.")
            % {"missing": missing, "total": provenance.total}
        )
    if getattr(settings, "TRANSLATION_REQUIRE_HUMAN_CONFIRMATION", True) and provenance.machine_unconfirmed:
        raise _denied(
            ngettext(
                "%(count)d of %(total)d texts is machine-translated and unconfirmed: read it, "
                "correct or confirm it, then submit again.",
                "%(count)d of %(total)d texts are machine-translated and unconfirmed: read them, "
                "correct or confirm them, then submit again.",
                provenance.machine_unconfirmed,
            )
            % {"count": provenance.machine_unconfirmed, "total": provenance.total}
        )
    changed = [row for row in translation_segments(translation) if row.differences]
    if changed:
        message = ngettext(
            "%(count)d text changes a number, unit, identifier or link of the source: %(list)s",
            "%(count)d texts change a number, unit, identifier or link of the source: %(list)s",
            len(changed),
        )
        plain = "; ".join(
            f"“{row.source}” → “{row.translation.data}” ({', '.join(map(str, row.differences))})"
            for row in changed
        )
        items = format_html_join(
            "",
            "<li><q>{}</q> → <q>{}</q> ({})</li>",
            ((row.source, row.translation.data, ", ".join(map(str, row.differences))) for row in changed),
        )
        raise _denied(
            message % {"count": len(changed), "list": plain},
            format_html("{}<ul>{}</ul>", message % {"count": len(changed), "list": ""}, items),
        )
    instance = source.get_source_instance()
    if isinstance(instance, Page) and hasattr(instance.specific, "treatment_blocks"):
        missing = vocabulary_untranslated(instance.specific, locale)
        if missing:
            language = locale.get_display_name()
            message = _(
                "This article shows vocabulary that has no reviewed %(language)s translation yet: "
                "translate and review it first: %(list)s"
            )
            plain = ", ".join(f"{snippet} ({type(snippet)._meta.verbose_name})" for snippet, _url in missing)
            items = format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                ((url, str(snippet), type(snippet)._meta.verbose_name) for snippet, url in missing),
            )
            raise _denied(
                message % {"language": language, "list": plain},
                format_html("{} {}", message % {"language": language, "list": ""}, items),
            )


def translation_workflow_gate(workflow_state):
    """A workflow was started: whatever door a translation is submitted through, the same checks hold.

    Raises (and so undoes the submission, which Wagtail runs in one transaction) when the
    translation may not go to review; the Submit for review button checks first and says why.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import TranslationSource

    obj = workflow_state.content_object
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None or locale_id == Locale.get_default().pk:
        return
    source = (
        TranslationSource.objects.filter(object_id=obj.translation_key).exclude(locale_id=locale_id).first()
    )
    if source is not None:
        translation_submission_check(source, obj.locale)
