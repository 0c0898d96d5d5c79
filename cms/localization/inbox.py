"""Translators' and language reviewers' work, in front of them: the dashboard panel.

For each language of the user's language roles: translations missing, in progress (with
progress and unconfirmed machine texts), live but out of date with the source, and sent back
by a reviewer (with the comment).
"""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page, TaskState

from cms.articles.models import ArticlePage
from cms.editorial.inbox import change_requests

from .models import LocaleRole
from .services import MISSING, OUT_OF_DATE, translations_summary_bulk

LIMIT = 10


def user_languages(user):
    """The Locales of the user's language roles (translators, translation reviewers)."""
    return list(Locale.objects.filter(locale_roles__group__user=user).distinct().order_by("language_code"))


def translator_work(user):
    """[{language, missing, in_progress, out_of_date, sent_back}] for the user's languages."""
    languages = user_languages(user)
    if not languages:
        return []
    sources = list(ArticlePage.objects.filter(locale=Locale.get_default()).live().order_by("title"))
    summary = translations_summary_bulk(sources, include_drafts=True)
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(
            translation_key__in=[s.translation_key for s in sources], locale__in=languages
        )
    }
    sent_back = change_requests(list(targets.values()))
    work = []
    for locale in languages:
        lists = {"missing": [], "in_progress": [], "out_of_date": [], "sent_back": []}
        for source in sources:
            entry = next(e for e in summary[source.pk] if e["locale"] == locale.language_code)
            target = targets.get((source.translation_key, locale.pk))
            if entry["status"] == MISSING or target is None:
                lists["missing"].append({"source": source, "url": _submit_url(source)})
                continue
            item = {
                "source": source,
                "page": target,
                "url": reverse("wagtailadmin_pages:edit", args=[target.pk]),
                "progress": entry["progress"],
                "unconfirmed": (entry["provenance"] or {}).get("machine_unconfirmed", 0),
            }
            if target.pk in sent_back:
                item["by"], item["comment"] = sent_back[target.pk].by, sent_back[target.pk].comment
                lists["sent_back"].append(item)
            elif entry["status"] == OUT_OF_DATE:
                lists["out_of_date"].append(item)
            elif not target.live or target.has_unpublished_changes:
                lists["in_progress"].append(item)
        work.append({"locale": locale, **{key: value[:LIMIT] for key, value in lists.items()}})
    return work


def _submit_url(source):
    return reverse("wagtail_localize:submit_page_translation", args=[source.pk])


class TranslatorInboxPanel(Component):
    name = "translator_inbox"
    template_name = "localization/translator_inbox.html"
    order = 90

    def __init__(self, work):
        self.work = work

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["work"] = self.work
        context["report_url"] = reverse("localization_translation_status")
        return context


def translator_inbox_panel(user):
    """The panel for a user with language roles, or None."""
    if user.is_superuser or not LocaleRole.objects.filter(group__user=user).exists():
        return None
    return TranslatorInboxPanel(translator_work(user))


class ReviewQueuePanel(Component):
    """Translations waiting for this reviewer, each with how much of it a machine wrote."""

    name = "translation_review_queue"
    template_name = "localization/review_queue.html"
    order = 95

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = self.items
        return context


def review_queue_panel(user, describe):
    """The panel for a reviewer with translations awaiting them, or None."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    items = []
    finder = AdminURLFinder(user)
    for state in TaskState.objects.reviewable_by(user).select_related("workflow_state")[:50]:
        obj = state.workflow_state.content_object
        obj = getattr(obj, "specific", obj)
        note = describe(obj)
        if note:
            items.append({"object": obj, "task": state.task, "note": note, "url": finder.get_edit_url(obj)})
    return ReviewQueuePanel(items) if items else None
