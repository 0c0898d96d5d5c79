"""Template tags of the review dialogs."""

from django import template
from wagtail.models import Page

from ..review_changes import review_changes_sections
from ..review_notes import review_notes as notes_for

register = template.Library()


@register.simple_tag
def review_notes(obj):
    return notes_for(getattr(obj, "specific", obj))


@register.simple_tag(takes_context=True)
def review_changes_for(context, obj):
    """What changed since the last sign-off, for a page's review dialog (None for other objects)."""
    request = context.get("request")
    if request is None or not isinstance(obj, Page):
        return None
    return review_changes_sections(obj.specific, request)
