"""*Pages to review*: the read-only way into the page tree for people who only review.

Medical reviewers hold no page permission, so Wagtail shows them no Pages menu. This listing
shows the pages waiting for their decision first, then those they have reviewed, each linked
to where they may go (the editor while it waits for them, else what changed since the last
sign-off).
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import TaskState

from .review_access import moderated_task_ids, reviewable_pages
from .signoff import signoff_latest

LIMIT = 100


def review_queue(user):
    """(waiting for `user`, reviewed before): lists of {"page", "url", "task", "signoff"} rows."""
    task_ids = moderated_task_ids(user)
    waiting, reviewed = [], []
    pages = reviewable_pages(user).specific().order_by("-latest_revision_created_at")[:LIMIT]
    for page in pages:
        state = page.current_workflow_task_state
        if state is not None and state.task_id in task_ids and state.status == TaskState.STATUS_IN_PROGRESS:
            waiting.append(
                {"page": page, "url": reverse("wagtailadmin_pages:edit", args=[page.pk]), "task": state.task}
            )
        else:
            reviewed.append(
                {
                    "page": page,
                    "url": reverse("editorial_review_changes", args=[page.pk]),
                    "signoff": signoff_latest(page),
                }
            )
    return waiting, reviewed


class ReviewQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/review_queue.html"
    page_title = _("Pages to review")
    header_icon = "doc-empty-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not moderated_task_ids(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        waiting, reviewed = review_queue(self.request.user)
        return super().get_context_data(**kwargs, waiting=waiting, reviewed=reviewed, limit=LIMIT)


class ReviewQueueMenuItem(MenuItem):
    """Shown to reviewers without the Pages explorer (they hold no page permission)."""

    def is_shown(self, request):
        from wagtail.admin.auth import user_has_any_page_permission

        return not user_has_any_page_permission(request.user) and bool(moderated_task_ids(request.user))
