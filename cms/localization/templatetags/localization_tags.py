"""The review bar shown above wagtail-localize's editor for translated pages."""

from django import template
from wagtail.models import WorkflowState

register = template.Library()


@register.inclusion_tag("localization/review_bar.html", takes_context=True)
def translation_review_bar(context, page):
    """Where the translation stands in its review workflow, and a Submit button when allowed."""
    request = context["request"]
    state = page.current_workflow_state
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    needs_changes = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
    workflow = page.get_workflow()
    lock = page.get_lock()
    can_submit = (
        workflow is not None
        and not in_review
        and page.permissions_for_user(request.user).can_edit()
        and not (lock is not None and lock.for_user(request.user))
    )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "page": page,
        "workflow": workflow,
        "state": state,
        "in_review": in_review,
        "needs_changes": needs_changes,
        "task": state.current_task_state.task if in_review and state.current_task_state else None,
        "can_submit": can_submit,
    }
