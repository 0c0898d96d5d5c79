"""What the edit view tells people at its top before they start.

- An article sent back shows the latest change request (who, when, what) until it is
  resubmitted: the editor reads it where they fix it, not only in an email.
- A reviewer whose step it is reads which fields changed since the last sign-off, and the way
  to the differences.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

from .feedback import person_name
from .review_changes import changes_comparison, review_changes


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


def review_changes_notice(page, request):
    """(HTML, url, link label) for whoever decides the current step: which fields changed since the
    last sign-off, and the way to the differences (a translation's source changes are there too)."""
    task = page.current_workflow_task
    if task is None or not task.get_actions(page, request.user):
        return None
    url = reverse("editorial_review_changes", args=[page.pk])
    changes = review_changes(page)[0]
    if changes.signoff is None:
        text = _("Not signed off before: review all of it.")
        return format_html("<span data-review-changes>{}</span>", text), url, _("History and changes")
    changed = changes_comparison(changes, request)
    fields = ", ".join(str(diff.field_label()) for diff in changed) or _("nothing")
    text = _("Last signed off by %(name)s on %(when)s; changed since: %(fields)s.") % {
        "name": changes.signoff.reviewer_name,
        "when": _when(changes.signoff.signed_at),
        "fields": fields,
    }
    return (
        format_html("<span data-review-changes>{}</span>", text),
        url,
        _("What changed since the last sign-off"),
    )
