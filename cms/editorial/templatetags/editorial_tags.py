"""Template tags of the review dialogs."""

from django import template

from ..review_notes import review_notes as notes_for

register = template.Library()


@register.simple_tag
def review_notes(obj):
    return notes_for(getattr(obj, "specific", obj))
