"""What the edit view tells people at its top before they start.

- An article sent back shows the latest change request (who, when, what) until it is
  resubmitted: the editor reads it where they fix it, not only in an email.
- A reviewer whose step it is gets the way to what changed since the last sign-off.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from .feedback import person_name
from .signoff import signoff_latest


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def change_request_latest(page):
    """The TaskState of the latest change request while `page` waits for changes, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by", "task")
        .order_by("-finished_at", "-pk")
        .first()
    )


def change_request_notice(page):
    """HTML of the latest change request (who, when, at which step, the comment), or None."""
    request = change_request_latest(page)
    if request is None:
        return None
    heading = _("Changes requested by %(name)s on %(when)s (%(task)s):") % {
        "name": person_name(request.finished_by),
        "when": _when(request.finished_at),
        "task": request.task.name,
    }
    comment = request.comment or _("(no comment)")
    return format_html(
        "<span data-change-request><strong>{}</strong> “{}” {}</span>",
        heading,
        comment,
        _("Make the changes, then resubmit it."),
    )


def review_changes_notice(page, user):
    """HTML of the way to what changed since the last sign-off, for whoever acts on the current step."""
    task = page.current_workflow_task
    if task is None or not task.get_actions(page, user):
        return None
    url = reverse("editorial_review_changes", args=[page.pk])
    signoff = signoff_latest(page)
    if signoff is None:
        text = _("Not signed off before: review all of it. Its history shows every version.")
        label = _("History and changes")
    else:
        text = _("Last signed off by %(name)s on %(when)s.") % {
            "name": signoff.reviewer_name,
            "when": _when(signoff.signed_at),
        }
        label = _("What changed since the last sign-off")
    return format_html('<span data-review-changes>{} <a href="{}">{}</a></span>', text, url, label)
