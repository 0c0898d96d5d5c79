"""The demo's translations: the seed article in every language, through the real flow.

For each language: an editor submits the Treatments section (with the article) for
translation; the language's demo translator fills in the strings from the catalogue in
`catalogues/<code>.po` (standing in for their work in the editor or a PO upload) and
submits for review; the language reviewer approves; the demo clinician signs the article off;
the workflow publishes. Idempotent: what is live and up to date is left alone.
"""

from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.localization.flow import translation_submit, translation_submit_for_review
from cms.localization.locales import ensure_locales
from cms.localization.services import UP_TO_DATE, translations_summary

CATALOGUES = Path(__file__).parent / "catalogues"


@dataclass
class DemoTranslations:
    users: list = field(default_factory=list)
    created: list = field(default_factory=list)
    missing: dict = field(default_factory=dict)


def demo_catalogue(code):
    """{English text: translation} for one language."""
    path = CATALOGUES / f"{code}.po"
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def _user(username, group, password, first, last):
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    user.set_password(password)
    user.save()
    user.groups.set([group])
    return user


def _strings_fill(translation, catalogue, user, missing):
    """Translate the untranslated strings of one translation from the catalogue; return how many."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    done = set(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).values_list("translation_of_id", "context_id")
    )
    created = 0
    for segment in segments:
        if (segment.string_id, segment.context_id) in done:
            continue
        text = catalogue.get(segment.string.data)
        if text is None:
            missing.add(segment.string.data)
            continue
        created += 1
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            data=text,
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
            tool_name="Demo catalogue",
            last_translated_by=user,
        )
    return created


def _review_through(obj, reviewers):
    """Approve each task of the page's (or snippet's) review workflow as the user who may act on it."""
    for _step in range(5):
        state = obj.current_workflow_state
        if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
            return
        task_state = state.current_task_state.specific
        task = task_state.task.specific
        user = next(u for u in reviewers if task.get_actions(obj, u))
        task.on_action(task_state, user, "approve")
        obj = type(obj).objects.get(pk=obj.pk)


def _translate_one(translation, catalogue, translator, reviewers, result, missing):
    target = Page.objects.filter(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).first()
    if target is not None and target.live:
        status = {e["locale"]: e["status"] for e in translations_summary(target)}[
            translation.target_locale.language_code
        ]
        if status == UP_TO_DATE and not target.has_unpublished_changes:
            return
    before = len(missing)
    _strings_fill(translation, catalogue, translator, missing)
    if len(missing) > before:
        return
    page = target.specific if target is not None else None
    state = page.current_workflow_state if page is not None else None
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        page = translation_submit_for_review(translation, translator)
    _review_through(page, reviewers)
    result.created.append(f"{translation.target_locale.language_code} translation of {page.title}")


def _language_load(setup, section, users, password, result):
    code = setup.locale.language_code
    translator = _user(f"translator-{code}", setup.translators, password, "Tara", code.upper())
    reviewer = _user(f"language-reviewer-{code}", setup.reviewers, password, "Lee", code.upper())
    result.users += [(translator.username, setup.translators.name), (reviewer.username, setup.reviewers.name)]
    if not Translation.objects.filter(source__object_id=section.translation_key, target_locale=setup.locale):
        translation_submit(section, [setup.locale], users["editor"], include_subtree=True)
    catalogue = demo_catalogue(code)
    missing = set()
    snippets, pages = [], []
    for translation in Translation.objects.filter(target_locale=setup.locale, enabled=True).select_related(
        "source", "target_locale", "source__specific_content_type"
    ):
        model = translation.source.specific_content_type.model_class()
        (pages if issubclass(model, Page) else snippets).append((model, translation))
    for model, translation in snippets:
        if _strings_fill(translation, catalogue, translator, missing):
            # People are kept by publishers (their credentials back sign-offs). Submitting sends
            # the translation to the language's review; conditions and modalities are then
            # signed off by the clinician.
            translation.save_target(
                user=users["publisher"] if model._meta.model_name == "person" else translator
            )
            _review_through(translation.get_target_instance(), [reviewer, users["clinician"]])
    depth = dict(Page.objects.filter(locale=setup.locale).values_list("translation_key", "depth"))
    pages.sort(key=lambda item: depth.get(item[1].source.object_id, 99))
    for _model, translation in pages:
        _translate_one(translation, catalogue, translator, [reviewer, users["clinician"]], result, missing)
    if missing:
        result.missing[code] = sorted(missing)


@transaction.atomic
def demo_translations_load(article, password):
    """Translate the demo article's section, the article and its vocabulary into every language."""
    from cms.editorial.roles import EDITORS, MEDICAL_REVIEWERS, PUBLISHERS

    result = DemoTranslations()
    User = get_user_model()
    users = {
        key: User.objects.filter(groups__name=group).order_by("pk").first()
        for key, group in (("editor", EDITORS), ("publisher", PUBLISHERS), ("clinician", MEDICAL_REVIEWERS))
    }
    section = article.get_parent().specific
    for setup in ensure_locales():
        if setup.workflow is not None:
            _language_load(setup, section, users, password, result)
    return result
