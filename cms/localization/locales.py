"""Languages, their trees, their translator roles and their review workflows.

`ensure_locales()` is idempotent: the `ensure_locales` command, the demo loader and the
tests call it. For every configured language other than the source it makes sure there is

- a Locale row;
- a HomePage translated from the English one (same translation_key), created as a draft
  through wagtail-localize so that it, too, is translated and reviewed before going live;
- the groups `Translators (<Language>)` and `Translation reviewers (<Language>)`, with page
  permissions on that HomePage only and snippet permissions limited to that language
  (see permissions.py);
- the workflow `Translation review (<Language>)` assigned to that HomePage: the language
  reviewers approve the text, then the medical review task of the editorial workflow signs
  the article off (the sign-off rule covers every ArticlePage, translations included).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail_localize.operations import translate_object

from cms.articles.models import Condition, MedicalCenter, Person, TreatmentModality
from cms.editorial.roles import EDITORS, PUBLISHERS, ensure_roles

from .models import LanguageReviewTask, LocaleRole

logger = logging.getLogger(__name__)

TRANSLATABLE_SNIPPETS = (Condition, TreatmentModality, MedicalCenter, Person)

# Page permissions each language role holds on its language's HomePage (its whole tree).
ROLE_PAGE_PERMISSIONS = {
    LocaleRole.TRANSLATORS: ["change_page"],
    LocaleRole.REVIEWERS: ["change_page", "lock_page", "unlock_page"],
}
# Snippet permissions (model level; permissions.py narrows them to the group's language).
# People are view-only: their names, credentials and CMS accounts back clinical sign-offs.
ROLE_SNIPPET_ACTIONS = {
    LocaleRole.TRANSLATORS: ["change", "view"],
    LocaleRole.REVIEWERS: ["change", "view"],
}
VIEW_ONLY_SNIPPETS = (Person,)
# Groups of the editorial roles that may submit content for translation.
SUBMITTING_GROUPS = (EDITORS, PUBLISHERS)


@dataclass
class LocaleSetup:
    locale: Locale
    home: Page | None
    translators: Group | None = None
    reviewers: Group | None = None
    workflow: Workflow | None = None


def language_name(code):
    """The English name of a language ('Spanish'): group and workflow names stay stable."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


def translator_group_name(code):
    return f"Translators ({language_name(code)})"


def reviewer_group_name(code):
    return f"Translation reviewers ({language_name(code)})"


def review_workflow_name(code):
    return f"Translation review ({language_name(code)})"


def source_home():
    """The English HomePage: the default site's root."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    return Page.objects.get(depth=2, locale=Locale.get_default()).specific


def ensure_locale_home(locale, user=None):
    """The HomePage of `locale`: a translation of the English one, created as a draft when missing."""
    home = source_home()
    if home.locale_id == locale.pk:
        return home
    existing = home.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translate_object(home, [locale], user=user)
    return home.get_translation(locale).specific


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_locale_role(locale, role, home):
    """The group of `role` for `locale`, with exactly its permissions."""
    name = translator_group_name(locale.language_code)
    if role == LocaleRole.REVIEWERS:
        name = reviewer_group_name(locale.language_code)
    group, _created = Group.objects.get_or_create(name=name)
    LocaleRole.objects.update_or_create(group=group, defaults={"locale": locale, "role": role})
    snippet_permissions = [
        Permission.objects.get(
            content_type=ContentType.objects.get_for_model(model),
            codename=f"{action}_{model._meta.model_name}",
        )
        for model in TRANSLATABLE_SNIPPETS
        for action in (["view"] if model in VIEW_ONLY_SNIPPETS else ROLE_SNIPPET_ACTIONS[role])
    ]
    group.permissions.set([_permission("wagtailadmin", "access_admin"), *snippet_permissions])
    wanted = [_permission("wagtailcore", codename) for codename in ROLE_PAGE_PERMISSIONS[role]]
    GroupPagePermission.objects.filter(group=group).exclude(page=home, permission__in=wanted).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
    return group


def medical_review_task():
    """The editorial workflow's medical sign-off task (`ensure_workflow` creates it), or None."""
    from cms.editorial.models import MedicalReviewTask
    from cms.editorial.workflow import MEDICAL_TASK_NAME

    return MedicalReviewTask.objects.filter(name=MEDICAL_TASK_NAME, active=True).order_by("pk").first()


def ensure_review_workflow(locale, home, reviewers):
    """`Translation review (<Language>)` on the language's HomePage: language, then medical review."""
    name = review_workflow_name(locale.language_code)
    workflow, _created = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    task_name = f"{language_name(locale.language_code)} language review"
    task = LanguageReviewTask.objects.filter(name=task_name).order_by("pk").first()
    if task is None:
        task = LanguageReviewTask.objects.create(name=task_name)
        # Before the language review showed provenance it was a plain group approval task.
        GroupApprovalTask.objects.filter(name=task_name).update(active=False)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.set([reviewers])
    tasks = [task]
    medical = medical_review_task()
    if medical is not None:
        tasks.append(medical)
    else:
        logger.warning("No medical review task yet: %s reviews the language only.", name)
    current = list(WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order"))
    if [link.task_id for link in current] != [t.pk for t in tasks]:
        WorkflowTask.objects.filter(workflow=workflow).delete()
        for order, t in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=t, sort_order=order)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def submit_permission_grant():
    """Let the editorial roles submit content for translation (wagtail-localize's permission).

    `ensure_roles` sets the editorial groups' permissions exactly, so this runs after it.
    """
    permission = _permission("wagtail_localize", "submit_translation")
    for group in Group.objects.filter(name__in=SUBMITTING_GROUPS):
        group.permissions.add(permission)


@transaction.atomic
def ensure_locales(user=None):
    """Set up every configured language (see the module docstring); return one LocaleSetup each."""
    setups = []
    for code, _name in settings.LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        if code == settings.LANGUAGE_CODE:
            setups.append(LocaleSetup(locale=locale, home=source_home()))
            continue
        home = ensure_locale_home(locale, user=user)
        translators = ensure_locale_role(locale, LocaleRole.TRANSLATORS, home)
        reviewers = ensure_locale_role(locale, LocaleRole.REVIEWERS, home)
        workflow = ensure_review_workflow(locale, home, reviewers)
        setups.append(LocaleSetup(locale, home, translators, reviewers, workflow))
    # The editorial roles hold their page permissions on every locale root, new ones included.
    ensure_roles()
    submit_permission_grant()
    return setups
