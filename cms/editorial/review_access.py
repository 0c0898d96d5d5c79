"""Who may read a page as its reviewer: its history, its revisions and what changed in them.

Medical reviewers hold no page permission (roles.py): Wagtail opens the editor to them only
while a page waits in their step, and its history and comparison views ask for page
permissions they do not have. A re-review needs exactly those views, so reviewers may read
(never change) every page they review or have reviewed, and its translations and source (a
translation is reviewed against its source; a translator reads the source they translate).
The rule is `review_access`; the views that apply it are in page_views.py.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Subquery
from django.db.models.functions import Cast
from wagtail.models import Page, Task, TaskState


def _family_ids(page):
    """The page and its translations (same translation_key), as TaskState object ids."""
    family = Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    return [str(pk) for pk in family]


def review_access(user, page):
    """Whether `user` may read `page` as its reviewer (or translator): never change it.

    True when a workflow task the user moderates (one of their groups' tasks) has run, or runs
    now, on the page or one of its translations; or when the user may edit one of its
    translations (a translator reads the source they translate). Leaving the group ends it.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_editorial_review_access", {})
    if page.pk not in cache:
        cache[page.pk] = _moderated_in_family(user, page) or _edits_a_translation(user, page)
    return cache[page.pk]


def _moderated_in_family(user, page):
    states = TaskState.objects.filter(
        workflow_state__base_content_type_id=page.get_base_content_type().pk,
        workflow_state__object_id__in=_family_ids(page),
    ).exclude(status=TaskState.STATUS_CANCELLED)
    task_ids = set(states.values_list("task_id", flat=True))
    return any(
        task.user_can_access_editor(page, user) for task in Task.objects.filter(pk__in=task_ids).specific()
    )


def _edits_a_translation(user, page):
    translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    return any(other.permissions_for_user(user).can_edit() for other in translations)


def moderated_task_ids(user):
    """Ids of the active workflow tasks whose decisions `user` may take (their groups' tasks)."""
    if not user.is_active:
        return []
    return [
        task.pk
        for task in Task.objects.filter(active=True).specific()
        if task.user_can_access_editor(None, user)
    ]


def reviewable_pages(user):
    """Pages a workflow task of `user` has run on or runs on now (what they review or reviewed)."""
    states = (
        TaskState.objects.filter(
            task_id__in=moderated_task_ids(user),
            workflow_state__base_content_type_id=ContentType.objects.get_for_model(Page).pk,
        )
        .exclude(status=TaskState.STATUS_CANCELLED)
        .annotate(page_id=Cast("workflow_state__object_id", IntegerField()))
        .values("page_id")
    )
    return Page.objects.filter(pk__in=Subquery(states))


def reviewer_only(user, page):
    """Whether `user` reaches this page's editor only through a workflow step (a medical reviewer)."""
    if user.is_superuser:
        return False
    perms = page.permissions_for_user(user)
    owns = "add" in perms.permissions and page.owner_id == user.pk
    return "change" not in perms.permissions and not owns
