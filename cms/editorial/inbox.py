"""Each role's own work at the top of its dashboard: editors, publishers, medical reviewers.

- Editors: what was sent back to them (who asked, when, the comment), then their drafts.
- Publishers: Wagtail's "Awaiting your review" (the editorial review) first, then what is
  scheduled to go live.
- Medical reviewers: Wagtail's "Awaiting your review" (their sign-offs) first, then the live
  articles they signed off whose review is due soon or overdue.

Translators and language reviewers have theirs in cms.localization.inbox. Every link is one
the role can open: editors and publishers edit; a reviewer's due articles link to the live
page and, when they may, to the recall form.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, TaskState, WorkflowState

from .recall import recall_permitted
from .roles import EDITORS, MEDICAL_REVIEWERS, PUBLISHERS
from .services import review_due_articles, review_status

LIMIT = 10
# Panels at these orders come before Wagtail's own (210 and up).
INBOX_ORDER = 10
AWAITING_REVIEW_PANEL = "workflow_objects_to_moderate"


@dataclass
class ChangeRequest:
    """The latest request for changes of a page: who asked, when, and what they wrote."""

    by: str
    at: object
    comment: str


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def change_requests(pages):
    """{page pk: ChangeRequest} of the pages sent back for changes (needs changes), in two queries."""
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
    )
    object_ids = dict(states.values_list("pk", "object_id"))
    rejections = (
        TaskState.objects.filter(workflow_state__in=list(object_ids), status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("workflow_state_id", "-finished_at")
    )
    found = {}
    for rejection in rejections:
        page_pk = int(object_ids[rejection.workflow_state_id])
        found.setdefault(
            page_pk,
            ChangeRequest(_name(rejection.finished_by), rejection.finished_at, rejection.get_comment()),
        )
    return found


def _in_a_workflow():
    """Pks of pages in a workflow (in progress or sent back): the drafts list leaves them out."""
    ids = WorkflowState.objects.active().filter(base_content_type=ContentType.objects.get_for_model(Page))
    return [int(pk) for pk in ids.values_list("object_id", flat=True)]


def editor_work(user):
    """{"sent_back": [(page, ChangeRequest)], "drafts": [page]}: what `user` submitted or last edited."""
    sent_back_states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        base_content_type=ContentType.objects.get_for_model(Page),
        requested_by=user,
    )
    sent_back_ids = [int(pk) for pk in sent_back_states.values_list("object_id", flat=True)]
    sent_back_pages = list(
        Page.objects.filter(pk__in=sent_back_ids).order_by("-latest_revision_created_at")[:LIMIT]
    )
    requests = change_requests(sent_back_pages)
    drafts = (
        Page.objects.filter(latest_revision__user=user)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=_in_a_workflow())
        .select_related("locale")
        .order_by("-latest_revision_created_at")[:LIMIT]
    )
    return {
        "sent_back": [(page, requests.get(page.pk)) for page in sent_back_pages],
        "drafts": list(drafts),
    }


def scheduled_pages():
    """[(page, go-live time)] of page revisions approved and waiting for their go-live time, soonest first."""
    revisions = (
        Revision.objects.filter(
            approved_go_live_at__isnull=False, base_content_type=ContentType.objects.get_for_model(Page)
        )
        .order_by("approved_go_live_at")
        .values_list("object_id", "approved_go_live_at")[:LIMIT]
    )
    pages = Page.objects.in_bulk([int(object_id) for object_id, _at in revisions])
    return [(pages[int(object_id)], at) for object_id, at in revisions if int(object_id) in pages]


def reviewer_due(user):
    """[(article, status)] of live articles `user` signed off whose review is due soon or overdue."""
    articles = review_due_articles().filter(medical_reviewer__user=user)[:LIMIT]
    return [(article, review_status(article.next_review_due)) for article in articles]


class RoleInboxPanel(Component):
    name = "role_inbox"
    template_name = "editorial/role_inbox.html"
    order = INBOX_ORDER

    def __init__(self, **work):
        self.work = work

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.work)
        return context


def _roles(user):
    return set(
        Group.objects.filter(user=user, name__in=[EDITORS, PUBLISHERS, MEDICAL_REVIEWERS]).values_list(
            "name", flat=True
        )
    )


def role_inbox_panels(request, panels):
    """Add the user's role panels to the dashboard and move Wagtail's "Awaiting your review" up."""
    user = request.user
    roles = _roles(user)
    if not roles:
        return
    if roles & {PUBLISHERS, MEDICAL_REVIEWERS}:
        for panel in panels:
            if getattr(panel, "name", "") == AWAITING_REVIEW_PANEL:
                panel.order = INBOX_ORDER - 1
    work = {}
    if EDITORS in roles:
        work.update(editor_work(user))
    if PUBLISHERS in roles:
        work["scheduled"] = [
            (page, at, reverse("wagtailadmin_pages:edit", args=[page.pk])) for page, at in scheduled_pages()
        ]
    if MEDICAL_REVIEWERS in roles:
        can_recall = recall_permitted(user)
        work["due"] = [
            (article, status, reverse("editorial_recall", args=[article.pk]) if can_recall else None)
            for article, status in reviewer_due(user)
        ]
    work["roles"] = roles
    panels.append(RoleInboxPanel(**work))
