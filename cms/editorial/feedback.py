"""The one message a person reads after a workflow action: what happened and what comes next.

Wagtail says "Page '…' has been updated" (or nothing, from the dashboard) whatever the action,
and then sends a reviewer to a screen they may not open. `workflow_action_feedback` words the
outcome with the admin's labels; `workflow_action_landing` picks where they may go next.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from .models import MedicalReviewTask


def person_name(user):
    """How the admin names a person: their full name, or their username."""
    if user is None:
        return _("the editor")
    return user.get_full_name() or user.get_username()


def _latest_workflow_state(page):
    return (
        WorkflowState.objects.for_instance(page)
        .select_related("requested_by")
        .order_by("-created_at", "-pk")
        .first()
    )


def workflow_action_feedback(page, task, action_name):
    """The message after `action_name` ("approve", "reject") on `task` of `page`, read afresh."""
    page = Page.objects.get(pk=page.pk).specific
    title = page.get_admin_display_title()
    signed = isinstance(getattr(task, "specific", task), MedicalReviewTask)
    state = _latest_workflow_state(page)
    if action_name == "reject":
        return _("Changes requested: sent back to %(name)s with your comment.") % {
            "name": person_name(state.requested_by if state else None)
        }
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        next_task = state.current_task_state.task.name if state.current_task_state else ""
        if signed:
            return _("Signed off: “%(title)s” now goes to the “%(task)s” step.") % {
                "title": title,
                "task": next_task,
            }
        return _("Approved: “%(title)s” now goes to the “%(task)s” step.") % {
            "title": title,
            "task": next_task,
        }
    if page.live and not page.has_unpublished_changes:
        if signed:
            return _("Signed off: “%(title)s” is now live.") % {"title": title}
        return _("Approved: “%(title)s” is now live.") % {"title": title}
    scheduled = page.scheduled_revision
    if (
        scheduled is not None
        and scheduled.approved_go_live_at
        and scheduled.approved_go_live_at > timezone.now()
    ):
        when = date_format(timezone.localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
        if signed:
            return _("Signed off: “%(title)s” goes live on %(when)s.") % {"title": title, "when": when}
        return _("Approved: “%(title)s” goes live on %(when)s.") % {"title": title, "when": when}
    if signed:
        return _("Signed off: “%(title)s”.") % {"title": title}
    return _("Approved: “%(title)s”.") % {"title": title}


def workflow_action_landing(request, page, next_url=None):
    """Where to go after acting: `next_url`, the editor if they may still edit, else their dashboard."""
    if next_url:
        return next_url
    page = Page.objects.get(pk=page.pk).specific
    if page.permissions_for_user(request.user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[page.pk])
    return reverse("wagtailadmin_home")
