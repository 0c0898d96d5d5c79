"""The page admin as reviewers need it: history and comparisons they may read, clear feedback.

Registered as the page viewset of every page type (wagtail_hooks.py), through Wagtail's own
extension point (PageViewSet's view classes). Each view keeps Wagtail's behaviour and its
permission checks, and adds one thing:

- history, revisions, comparisons and workflow history also open to the page's reviewers
  (review_access), who hold no page permission;
- the editor, for a reviewer whose step is over, leads to what changed instead of an error;
- after a workflow action, one message says what happened and what comes next (feedback.py),
  and the reviewer lands where they may be.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages as wagtail_messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.history import (
    PageHistoryView,
    PageWorkflowHistoryViewMixin,
    WorkflowHistoryDetailView,
    WorkflowHistoryView,
)
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.admin.views.pages.revisions import RevisionsCompareView, RevisionsView
from wagtail.admin.views.pages.usage import UsageView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page, TaskState

from .edit_notices import change_request_notice, review_changes_notice
from .feedback import workflow_action_feedback, workflow_action_landing
from .review_access import review_access
from .review_changes import review_changes_sections


def _page_for_reader(request, page_id):
    """The specific page when the user may edit or publish it, or reviews it; else PermissionDenied."""
    page = get_object_or_404(Page, id=page_id).specific
    perms = page.permissions_for_user(request.user)
    if perms.can_edit() or perms.can_publish() or review_access(request.user, page):
        return page
    raise PermissionDenied


class ReviewerHistoryView(PageHistoryView):
    # Wagtail asks for a page permission anywhere; the reader rule runs in get_object (in setup).
    any_permission_required = None

    def get_object(self):
        page = _page_for_reader(self.request, self.pk)
        if not page.permissions_for_user(self.request.user).can_edit():
            # "Review this version" opens the editor on it: not for readers.
            self.revisions_revert_url_name = None
        return page


class ReviewerRevisionsView(RevisionsView):
    def dispatch(self, request, *args, **kwargs):
        # Wagtail's decorator on RevisionsView.dispatch admits page-permission holders only;
        # get_object (run in setup) applies the reader rule to everyone.
        return super(RevisionsView, self).dispatch(request, *args, **kwargs)

    def get_object(self):
        return _page_for_reader(self.request, self.pk)


class ReviewerRevisionsCompareView(RevisionsCompareView):
    def dispatch(self, request, *args, **kwargs):
        # As above: the reader rule runs in get_object.
        return super(RevisionsCompareView, self).dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return _page_for_reader(self.request, self.pk)


class _WorkflowHistoryReaderMixin:
    def dispatch(self, request, *args, **kwargs):
        # Replaces Wagtail's editors-only check (PageWorkflowHistoryViewMixin.dispatch).
        _page_for_reader(request, self.object.pk)
        return super(PageWorkflowHistoryViewMixin, self).dispatch(request, *args, **kwargs)


class ReviewerWorkflowHistoryView(_WorkflowHistoryReaderMixin, WorkflowHistoryView):
    pass


class ReviewerWorkflowHistoryDetailView(_WorkflowHistoryReaderMixin, WorkflowHistoryDetailView):
    pass


class ReviewerUsageView(UsageView):
    permission_required = None  # a model-level check; the reader rule below is per page

    def dispatch(self, request, *args, **kwargs):
        # Replaces Wagtail's editors-only check (UsageView.dispatch).
        _page_for_reader(request, self.object.pk)
        return super(UsageView, self).dispatch(request, *args, **kwargs)


class ReviewerPreviewOnEditView(PreviewOnEditView):
    permission_required = None  # a model-level check; get_object checks this page

    def get_object(self):
        # Wagtail asks the latest revision's copy of the page, which knows nothing of the task
        # waiting for a reviewer; the page itself does.
        page = get_object_or_404(Page, id=self.kwargs["page_id"]).specific
        if not page.permissions_for_user(self.request.user).can_edit():
            raise PermissionDenied
        return page.get_latest_revision_as_object()


class ReviewEditView(EditView):
    def dispatch(self, request, page_id, **kwargs):
        page = get_object_or_404(Page, id=page_id).specific
        if not page.permissions_for_user(request.user).can_edit() and review_access(request.user, page):
            # Their step is over (or not yet reached): show what they may read, not an error.
            messages.info(
                request,
                _("You cannot edit “%(title)s” now: here is what changed since its last sign-off.")
                % {"title": page.get_admin_display_title()},
            )
            return redirect("editorial_review_changes", page.pk)
        return super().dispatch(request, page_id, **kwargs)

    def get(self, request, *args, **kwargs):
        if notice := change_request_notice(self.page):
            messages.warning(request, notice)
        if notice := review_changes_notice(self.page, request):
            text, url, label = notice
            # Wagtail's message buttons: a plain link would vanish into the message's colour.
            wagtail_messages.info(request, text, buttons=[wagtail_messages.button(url, label)])
        return super().get(request, *args, **kwargs)

    def add_save_confirmation_message(self):
        if self.action_name != "perform_workflow_action":
            return super().add_save_confirmation_message()
        messages.success(
            self.request, workflow_action_feedback(self.page, self.workflow_task, self.workflow_action)
        )
        return None

    def perform_workflow_action(self):
        # Remembered before acting: afterwards the page has moved on to its next task.
        self.workflow_task = self.page.current_workflow_task
        return super().perform_workflow_action()

    def redirect_away(self):
        if self.action_name == "perform_workflow_action":
            return redirect(workflow_action_landing(self.request, self.page, self.next_url))
        return super().redirect_away()


class ReviewWorkflowActionView(WorkflowActionView):
    """The dashboard's and the dialogs' own action URL: the same message and landing as the editor."""

    def post(self, request, *args, **kwargs):
        task, task_state = self.task, self.task_state
        response = super().post(request, *args, **kwargs)
        if TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS:
            return response  # not acted (the form had errors): Wagtail's answer stands
        messages.success(request, workflow_action_feedback(self.object, task, self.action_name))
        landing = workflow_action_landing(request, self.object, get_valid_next_url_from_request(request))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(request, {"step": "success", "redirect": landing})
        return redirect(landing)


class ReviewChangesView(WagtailAdminTemplateMixin, TemplateView):
    """What changed since the last sign-off: the page, and a translation's source, side by side."""

    template_name = "editorial/review_changes.html"
    page_title = gettext_lazy("What changed since the last sign-off")
    header_icon = "history"

    def dispatch(self, request, page_id):
        self.page = _page_for_reader(request, page_id)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:history", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    @property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                _("History"),
                url=reverse("wagtailadmin_pages:history", args=[self.page.pk]),
                icon_name="history",
            )
        ]
        if self.page.permissions_for_user(self.request.user).can_edit():
            buttons.insert(
                0,
                HeaderButton(
                    _("Review"), url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]), icon_name="edit"
                ),
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = review_changes_sections(self.page, self.request)
        context.update(page=self.page, sections=sections)
        return context


class ReviewPageViewSet(PageViewSet):
    """Wagtail's page views, with the reviewers' reading rights and the workflow feedback."""

    edit_view_class = ReviewEditView
    history_view_class = ReviewerHistoryView
    revisions_view_class = ReviewerRevisionsView
    revisions_compare_view_class = ReviewerRevisionsCompareView
    workflow_history_view_class = ReviewerWorkflowHistoryView
    workflow_history_detail_view_class = ReviewerWorkflowHistoryDetailView
    workflow_action_view_class = ReviewWorkflowActionView
    usage_view_class = ReviewerUsageView
    preview_on_edit_view_class = ReviewerPreviewOnEditView
