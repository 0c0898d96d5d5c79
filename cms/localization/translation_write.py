"""The translation write: the one place where wagtail-localize is replaced rather than extended.

Why a replacement: wagtail-localize 1.14.5 writes every translation through one method,
`TranslationSource.create_or_update_translation` (wagtail_localize/models.py): its editor's
save and publish buttons (`Translation.save_target`), `translate_object` and
`translate_page_subtree` (operations.py), and the update-translations view ("Sync translated
pages"); those are all its callers (views/edit_translation.py, views/update_translations.py,
operations.py). It offers no hook around that write: no setting, no signal before it
(`post_save` fires after the live row was written), and the views call the model's method
directly, so a subclass is never used.
Upstream, that method writes the translated content into the target's row with `save()` even
for a target that is already live, then saves the revision; `publish=False` therefore puts
unreviewed text live (the LEAK), and `publish=True` publishes without permission or workflow
(the BYPASS).

`install()` replaces the method with `create_or_update_translation` below, which mirrors
upstream's signature and return value `(instance, created)` and keeps two rules:

- a target that is already live is never written: the translated object is built by
  upstream's public `get_ephemeral_translated_instance()` (what its preview uses) and only a
  revision of it is saved (`live_revision_save`), with the view restrictions and the
  `TranslationLog` entry upstream would write. Like upstream's write, the new revision starts
  from the live object (translated and synchronised fields come from the source and its
  translations; the rest is what patients read);
- anything else (a new translation, a draft, an alias taken offline first) is written by
  upstream's own method, always with `publish=False`.

The review rules around the write (who may submit, the workflow, the slug, the parents) are
`flow.py`'s. The start-up check `localization.E001` (checks.py) runs a sync of a live page and
a live snippet, in memory, and fails if the live row is written.
"""

import functools

from django.core.exceptions import ObjectDoesNotExist
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.models import DraftStateMixin, Page
from wagtail_localize.models import TranslationLog, TranslationSource

# wagtail-localize's own method, captured before install() replaces it.
upstream_create_or_update = TranslationSource.create_or_update_translation


def translated_instance_or_none(source, locale):
    """The source's existing translation into `locale` (the specific object), or None."""
    try:
        return source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None


def live_revision_save(source, locale, target, user=None, fallback=False):
    """Save the current translation of a live page or snippet as a new revision; the live row stays."""
    draft = source.get_ephemeral_translated_instance(locale, fallback=fallback)
    if isinstance(draft, Page) and draft.slug != target.slug:
        draft.slug = find_available_slug(target.get_parent(), slugify(draft.slug), ignore_page_id=target.pk)
    revision = draft.save_revision(user=user)
    source.update_target_view_restrictions(locale)
    TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return draft


def draft_save(source, locale, target, user=None, copy_parent_pages=False, fallback=False):
    """Write the translation as a draft: a new revision of a live `target`, else upstream's write.

    Returns (instance, created) like upstream's method.
    """
    if target is not None and target.live:
        return live_revision_save(source, locale, target, user, fallback), False
    return upstream_create_or_update(
        source, locale, user=user, publish=False, copy_parent_pages=copy_parent_pages, fallback=fallback
    )


@functools.wraps(upstream_create_or_update)
def create_or_update_translation(
    self, locale, user=None, publish=True, copy_parent_pages=False, fallback=False
):
    """TranslationSource.create_or_update_translation, with the draft and review rules (see module)."""
    from . import flow

    model = self.specific_content_type.model_class()
    if issubclass(model, Page):
        return flow.translation_page_save(
            self, locale, user=user, publish=publish, copy_parent_pages=copy_parent_pages, fallback=fallback
        )
    flow.snippet_scope_check(model, locale, user)
    if not issubclass(model, DraftStateMixin):
        # Nothing of it is live or draft: there is no live row to protect.
        return upstream_create_or_update(
            self, locale, user=user, publish=publish, copy_parent_pages=copy_parent_pages, fallback=fallback
        )
    return flow.translation_snippet_save(self, locale, user=user, publish=publish, fallback=fallback)


def install():
    """Route every wagtail-localize write through the rules above (called from AppConfig.ready)."""
    TranslationSource.create_or_update_translation = create_or_update_translation
