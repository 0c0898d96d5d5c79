"""What wagtail-localize's editor shows above the texts: the review bar and the provenance panel."""

from django import template
from wagtail.models import WorkflowState

from ..provenance import IMPORT, MACHINE, PERSON, translation_provenance, translation_segments
from ..services import language_direction

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


@register.inclusion_tag("localization/provenance_panel.html", takes_context=True)
def translation_provenance_panel(context, translation):
    """Where each text came from (machine, import, person), what needs confirming, what changed."""
    rows = translation_segments(translation)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "translation": translation,
        "provenance": translation_provenance(translation),
        "rows": rows,
        "to_confirm": [row for row in rows if row.needs_confirmation],
        "changed": [row for row in rows if row.differences],
        "origins": {"machine": MACHINE, "import": IMPORT, "person": PERSON},
        "language": translation.target_locale.language_code,
        "direction": language_direction(translation.target_locale.language_code),
    }


# What translators and translation reviewers are not offered in wagtail-localize's editor:
# they translate and review; deleting, unpublishing, converting to an alias or stopping the
# sync are editors' and publishers' decisions (and would end in a permission error).
LANGUAGE_ROLE_HIDDEN_LINKS = ("deleteUrl", "unpublishUrl", "convertToAliasUrl", "stopTranslationUrl")


@register.filter
def editor_props_for(props, user):
    """wagtail-localize's editor props, narrowed to what `user` can actually do."""
    import json

    from ..models import LocaleRole

    if user.is_superuser or user.has_perm("wagtail_localize.submit_translation"):
        return props
    if not LocaleRole.objects.filter(group__user=user).exists():
        return props
    data = json.loads(props)
    perms = data.get("perms") or {}
    for name in ("canDelete", "canUnpublish", "canPublish"):
        perms[name] = False
    links = data.get("links") or {}
    for name in LANGUAGE_ROLE_HIDDEN_LINKS:
        links.pop(name, None)
    return json.dumps(data)
