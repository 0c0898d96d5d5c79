"""What reviewers are told about an object before they decide: notes other apps contribute.

Each function registered for the `describe_for_review` hook takes the object under review and
returns a short HTML note, or None (localization says how much of a translation a machine
wrote). The notes are shown in the review dialogs and the reviewers' queue.
"""

from wagtail import hooks


def review_notes(obj):
    """[html] of every note about `obj` (empty when there is nothing to say)."""
    notes = []
    for describe in hooks.get_hooks("describe_for_review"):
        note = describe(obj)
        if note:
            notes.append(note)
    return notes
