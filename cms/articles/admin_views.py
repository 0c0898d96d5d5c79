"""Vocabulary admin views: people who may only read an entry are shown it, not an error.

Its history, revisions, comparisons, workflow history and usage need only `view` too.

Medical reviewers and language roles view conditions, modalities, centres and people; the
editor links to an entry (the chooser's "Edit" link, the listing) whoever looks. A reader
without the right to change it who opens it lands on its read-only inspect view instead of
Wagtail's "no permission" error (a POST is still refused as Wagtail refuses it). Changing
still needs `change` (or the workflow step waiting for them).
"""

from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from wagtail.snippets.views import snippets
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


# Reading an entry's history, its revisions and their differences needs only `view`: medical
# reviewers re-review a condition or a modality from them (Wagtail asks for `change`).
class ReadableHistoryView(snippets.HistoryView):
    any_permission_required = ["add", "change", "delete", "view"]


class ReadableRevisionsView(snippets.PreviewRevisionView):
    permission_required = "view"


class ReadableRevisionsCompareView(snippets.RevisionsCompareView):
    permission_required = "view"


class ReadableUsageView(snippets.UsageView):
    permission_required = "view"


class ReadableWorkflowHistoryView(snippets.WorkflowHistoryView):
    permission_required = "view"


class ReadableWorkflowHistoryDetailView(snippets.WorkflowHistoryDetailView):
    permission_required = "view"


class VocabularyViewSet(SnippetViewSet):
    """A snippet viewset whose entries, history and revisions readers can open (never change)."""

    inspect_view_enabled = True
    edit_view_class = EditOrInspectView
    history_view_class = ReadableHistoryView
    revisions_view_class = ReadableRevisionsView
    revisions_compare_view_class = ReadableRevisionsCompareView
    usage_view_class = ReadableUsageView
    workflow_history_view_class = ReadableWorkflowHistoryView
    workflow_history_detail_view_class = ReadableWorkflowHistoryDetailView
