"""The translation flow: submit, save drafts, request review, sync after the source changes.

Every wagtail-localize write comes here through translation_write.py (the one replacement of
its `create_or_update_translation`), so every path follows two rules:

- a translation is only ever saved as a draft revision: for a page or snippet that is already
  live the live row is left alone (wagtail-localize writes the draft into the live row: the LEAK);
- "publish" never publishes: it submits the draft to the language's review workflow, as a
  user who may edit that page (wagtail-localize publishes without permission or workflow:
  the BYPASS). The workflow publishes once the reviewers approve.
"""

import logging

from anyascii import anyascii
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import SourceDeletedError, Translation, TranslationSource
from wagtail_localize.operations import translate_object, translate_page_subtree

from .locales import review_workflow_name
from .notifications import bundled, translations_out_of_date
from .permissions import snippet_locale_in_scope, snippet_locale_permitted
from .submission import translation_submission_check
from .translation_write import draft_save, translated_instance_or_none

logger = logging.getLogger(__name__)


class TranslationPublishDenied(PermissionDenied):
    """Raised, before anything is written, when a translation cannot be submitted for review."""


def translation_for_page(page):
    """The enabled wagtail-localize Translation whose target is `page`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def translation_review_workflow(page):
    """The language's review workflow when it governs `page` (a page of a translated language), or None."""
    if page.locale_id == Locale.get_default().pk:
        return None
    workflow = page.get_workflow()
    if workflow is not None and workflow.name == review_workflow_name(page.locale.language_code):
        return workflow
    return None


def _title(obj):
    return obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else str(obj)


def _may_edit(obj, user):
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_edit()
    return snippet_locale_permitted(user, type(obj), "change", obj.locale)


def translation_review_check(obj, user):
    """Refuse (TranslationPublishDenied) unless `user` may submit this translation (page or snippet) now."""
    language = obj.locale.get_display_name()
    if user is None:
        raise TranslationPublishDenied(
            _("Translations go live through review only: a user has to submit them.")
        )
    if not _may_edit(obj, user):
        raise TranslationPublishDenied(
            _("You cannot submit “%(title)s” in %(language)s: it is outside your languages.")
            % {"title": _title(obj), "language": language}
        )
    if obj.get_workflow() is None:
        raise TranslationPublishDenied(
            _("No review workflow covers %(language)s yet: run `manage.py ensure_locales`.")
            % {"language": language}
        )
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise TranslationPublishDenied(
            _("“%(title)s” is already in review in %(language)s.")
            % {"title": _title(obj), "language": language}
        )
    lock = obj.get_lock()
    if lock is not None and lock.for_user(user):
        raise TranslationPublishDenied(_("“%(title)s” is locked.") % {"title": _title(obj)})


def translation_review_request(obj, user):
    """Submit the latest revision of a translated page or snippet to its language's review (or resume it)."""
    translation_review_check(obj, user)
    state = obj.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
        return state
    return obj.get_workflow().start(obj, user)


def ensure_translation_parents(source, locale, user=None):
    """Translate missing ancestors as drafts (wagtail-localize would make live aliases of English pages)."""
    page = source.get_source_instance()
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if not Page.objects.filter(translation_key=ancestor.translation_key, locale=locale).exists():
            translate_object(ancestor, [locale], user=user)


def _review_cancel(page, user=None):
    """A new draft replaces the text under review: cancel that review so nobody approves stale text."""
    state = getattr(page, "current_workflow_state", None)
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        state.cancel(user=user)
        log(
            instance=page,
            action="localization.review_cancelled",
            user=user,
            data={"reason": "a new translation draft replaced the text under review"},
        )


@transaction.atomic
def translation_page_save(source, locale, user=None, publish=False, copy_parent_pages=True, fallback=True):
    """Save a page translation as a draft; with `publish`, submit it for review instead of publishing.

    Returns (page, created) like wagtail-localize's create_or_update_translation.
    """
    target = translated_instance_or_none(source, locale)
    if publish:
        translation_submission_check(source, locale)
        if target is not None:
            translation_review_check(target, user)
    if target is not None and target.live and target.alias_of_id is not None:
        # A live alias mirrors the English page; translating it would write partly translated
        # text into that live row. Take it offline first: the translation starts as a draft.
        UnpublishPageAction(target, user=user).execute(skip_permission_checks=True)
        target.refresh_from_db()
    if target is None and copy_parent_pages:
        ensure_translation_parents(source, locale, user=user)
    page, created = draft_save(
        source, locale, target, user=user, copy_parent_pages=copy_parent_pages, fallback=fallback
    )
    page = Page.objects.get(pk=page.pk).specific
    ensure_translated_slug(page, source.get_source_instance(), user)
    if publish:
        translation_review_request(page, user)
    else:
        _review_cancel(page, user)
    return page, created


def translated_slug(title, parent, page=None):
    """A slug made from a translated title, in Latin letters ("علاج" -> "ilaj"), unique under `parent`."""
    candidate = slugify(anyascii(title or ""))[:200].strip("-")
    if not candidate:
        return None
    return find_available_slug(parent, candidate, ignore_page_id=page.pk if page else None)


def ensure_translated_slug(page, source_page, user=None):
    """A new translation takes its slug from its translated title, unless the translator chose one.

    Only before the translation is first published: a live page keeps its address.
    """
    if page.first_published_at is not None or page.live:
        return
    draft = page.get_latest_revision_as_object()
    kept_source_slug = draft.slug == source_page.slug or draft.slug.startswith(f"{source_page.slug}-")
    if not kept_source_slug or not draft.title or draft.title == source_page.title:
        return
    slug = translated_slug(draft.title, page.get_parent(), page)
    if slug and slug != draft.slug:
        draft.slug = slug
        draft.save_revision(user=user, log_action=False)
        Page.objects.filter(pk=page.pk, live=False).update(slug=slug)


def snippet_scope_check(model, locale, user):
    """Refuse (PermissionDenied) a snippet translation into a language outside `user`'s."""
    if user is not None and not snippet_locale_in_scope(user, model, "change", locale):
        raise PermissionDenied(
            _("You cannot change %(model)s in %(language)s.")
            % {"model": model._meta.verbose_name_plural, "language": locale.get_display_name()}
        )


@transaction.atomic
def translation_snippet_save(source, locale, user=None, publish=False, fallback=False):
    """Save a snippet translation as a draft revision; with `publish`, submit it for review instead.

    Vocabulary patients see goes live only through its language's review (and, for conditions
    and modalities, a medical sign-off): never straight from wagtail-localize.
    """
    existing = translated_instance_or_none(source, locale)
    if publish:
        translation_submission_check(source, locale)
        if existing is not None:
            translation_review_check(existing, user)
    # wagtail-localize would write the draft into a live row and take it offline (the LEAK, for
    # snippets): for a live snippet only a new revision is saved; the row stays what patients read.
    obj, created = draft_save(source, locale, existing, user=user, fallback=fallback)
    obj = type(obj).objects.get(pk=obj.pk)
    if publish:
        translation_review_request(obj, user)
    else:
        _review_cancel(obj, user)
    return obj, created


def translation_submit(instance, locales, user, include_subtree=False):
    """Editors: submit a page (and its subtree if asked) or a snippet for translation, as drafts."""
    if not user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied(_("You cannot submit content for translation."))
    with transaction.atomic():
        translate_object(instance, locales, user=user)
        if include_subtree and isinstance(instance, Page):
            translate_page_subtree(instance.pk, locales, None, user)
    return list(
        Translation.objects.filter(source__object_id=instance.translation_key, target_locale__in=locales)
    )


def translation_submit_for_review(translation, user):
    """Translators: save the current strings as a draft and submit it to the language review workflow."""
    translation.save_target(user=user, publish=True)
    return translation.get_target_instance().specific


def source_translations_sync(page, user=None):
    """After the source is published: refresh what is to be translated and save every translation as a draft.

    What is live in other languages does not change; it changes when a reviewed translation is
    published. Returns the translations that were synced.
    """
    source = TranslationSource.objects.filter(
        object_id=page.translation_key, locale_id=page.locale_id
    ).first()
    if source is None:
        return []
    before = set(source.stringsegment_set.values_list("context_id", "string_id"))
    source.update_from_db()
    if set(source.stringsegment_set.values_list("context_id", "string_id")) != before:
        # Texts to translate changed (not just, say, the review dates): tell the translators.
        translations_out_of_date(page, list(source.translations.filter(enabled=True)))
    synced = []
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            with transaction.atomic():
                translation.save_target(user=user, publish=False)
        except (ValidationError, SourceDeletedError, ObjectDoesNotExist):
            logger.warning(
                "Could not sync %s into %s", source.object_repr, translation.target_locale, exc_info=True
            )
            continue
        synced.append(translation)
    return synced


def vocabulary_translations_request(translation):
    """A new Translation: an article asked for in a language brings its vocabulary along.

    Its condition, modalities, partner centres and authors are submitted for translation into
    the same language (as drafts, for the language's review), so translators find them in their
    work and the article's review is not held up by them (submission.py).
    """
    from .submission import vocabulary_shown

    try:
        article = translation.source.get_source_instance()
    except ObjectDoesNotExist:
        return
    if not hasattr(article, "treatment_blocks"):
        return
    locale = translation.target_locale
    token = bundled.set(True)  # translators get one email, for the article
    try:
        for snippet in vocabulary_shown(article):
            translated = type(snippet).objects.filter(translation_key=snippet.translation_key, locale=locale)
            if not translated.exists():
                translate_object(snippet, [locale])
    finally:
        bundled.reset(token)
