"""Vocabulary admin views: people who may only read an entry are shown it, not an error.

Medical reviewers and language roles view conditions, modalities, centres and people; the
editor links to an entry (the chooser's "Edit" link, the listing) whoever looks. A reader
without the right to change it who opens it lands on its read-only inspect view instead of
Wagtail's "no permission" error (a POST is still refused as Wagtail refuses it). Changing
still needs `change` (or the workflow step waiting for them).
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from wagtail.snippets.views.snippets import EditView, SnippetViewSet


class EditOrInspectView(EditView):
    def dispatch(self, request, *args, **kwargs):
        if (
            request.method == "GET"
            and self.inspect_url_name
            and not self.user_has_permission("change")
            and self.permission_policy.user_has_permission(request.user, "view")
        ):
            return redirect(self.inspect_url_name, quote(self.object.pk))
        return super().dispatch(request, *args, **kwargs)


class VocabularyViewSet(SnippetViewSet):
    """A snippet viewset whose entries readers can inspect."""

    inspect_view_enabled = True
    edit_view_class = EditOrInspectView
