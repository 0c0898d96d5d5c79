"""Admin wiring: audit-log actions, friendly publish refusals, recall, the review-due report and panel,
the page views reviewers read (page_views.py)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter

from .inbox import role_inbox_panels
from .models import ClinicalSignOff
from .page_views import ReviewChangesView, ReviewPageViewSet
from .panels import ReviewDuePanel
from .recall import recall_permitted
from .review_access import reviewer_only
from .review_queue import ReviewQueueMenuItem, ReviewQueueView
from .signoff import signoff_for_revision, signoff_needed, signoff_refusal
from .views import RecallView, ReviewDueReportView, report_permission


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    @actions.register_action("editorial.signoff")
    class SignOff(LogFormatter):
        label = gettext_lazy("Clinical sign-off")

        def format_message(self, log_entry):
            reviewer = log_entry.data.get("reviewer", {})
            message = _("Signed off by %(name)s %(credentials)s") % {
                "name": reviewer.get("name", ""),
                "credentials": reviewer.get("credentials", ""),
            }
            if log_entry.data.get("next_review_due"):
                message += _("; next review due %(due)s") % {"due": log_entry.data["next_review_due"]}
            signoff = ClinicalSignOff.objects.filter(pk=log_entry.data.get("signoff", {}).get("id")).first()
            if signoff is not None and signoff.withdrawn:
                message += " " + _("(withdrawn: %(reason)s)") % {"reason": signoff.withdrawal_reason}
            elif signoff is not None and signoff.superseded_by_id:
                later = signoff.superseded_by
                message += " " + _("(superseded by %(name)s's sign-off of %(date)s)") % {
                    "name": later.reviewer_name,
                    "date": f"{later.signed_at:%Y-%m-%d %H:%M}",
                }
            return message

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action("editorial.signoff_superseded")
    class SignOffSuperseded(LogFormatter):
        label = gettext_lazy("Clinical sign-off superseded")

        def format_message(self, log_entry):
            old = log_entry.data.get("superseded", {})
            return _(
                "The sign-off by %(name)s of %(date)s no longer authorises publishing: a later "
                "sign-off replaced it"
            ) % {"name": old.get("reviewer", ""), "date": old.get("signed_at", "")[:10]}

    @actions.register_action("editorial.signoff_withdrawn")
    class SignOffWithdrawn(LogFormatter):
        label = gettext_lazy("Clinical recall: sign-off withdrawn")

        def format_message(self, log_entry):
            source = log_entry.data.get("source")
            if source:
                return _("Taken offline: the sign-off of its source “%(title)s” was withdrawn") % {
                    "title": source.get("title", "")
                }
            return _("Sign-off withdrawn and taken offline")

        def format_comment(self, log_entry):
            return log_entry.data.get("reason", "")

    @actions.register_action("editorial.medical_rejection")
    class MedicalRejection(LogFormatter):
        label = gettext_lazy("Medical review: changes requested")

        def format_message(self, log_entry):
            reviewer = log_entry.data.get("reviewer", {})
            return _("Changes requested by %(name)s %(credentials)s") % {
                "name": reviewer.get("name", ""),
                "credentials": reviewer.get("credentials", ""),
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

    @actions.register_action("editorial.signoff_waived")
    class SignOffWaived(LogFormatter):
        label = gettext_lazy("Published without clinical sign-off (waived)")

        def format_message(self, log_entry):
            return _("Clinical sign-off waived: %(reason)s") % {"reason": log_entry.data.get("reason", "")}

    @actions.register_action("editorial.alias_unpublished")
    class AliasUnpublished(LogFormatter):
        label = gettext_lazy("Converted alias taken offline")
        message = gettext_lazy(
            "Taken offline: a converted alias is a page of its own and needs its own medical sign-off"
        )

    @actions.register_action("editorial.schedule_refused")
    class ScheduleRefused(LogFormatter):
        label = gettext_lazy("Scheduled publishing refused: no clinical sign-off")
        message = gettext_lazy("Unscheduled: this revision has no medical sign-off")


def _refuse_unsigned(request, page):
    """Turn the publish guard's refusal into a message on the edit page instead of a 403."""
    if not signoff_needed(page.specific_class):
        return None
    revision = page.get_latest_revision()
    if revision is None or signoff_for_revision(revision) is not None:
        return None
    messages.error(
        request,
        signoff_refusal(revision, page) + " " + _("Your changes were saved as a draft."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


hooks.register("before_publish_page", _refuse_unsigned)


@hooks.register("before_publish")
def refuse_unsigned_snippet(request, instance):
    """The snippet editor's Publish: the same refusal as for pages, as a message, draft kept."""
    if not signoff_needed(type(instance)):
        return None
    revision = instance.get_latest_revision()
    if revision is None or signoff_for_revision(revision) is not None:
        return None
    messages.error(
        request, signoff_refusal(revision, instance) + " " + _("Your changes were saved as a draft.")
    )
    return redirect(instance.snippet_viewset.get_url_name("edit"), instance.pk)


@hooks.register("after_convert_alias_page")
def explain_converted_alias(request, page):
    """Say why a converted article alias is now a draft (converted_aliases_go_offline)."""
    page = type(page).objects.get(pk=page.pk)
    if signoff_needed(page.specific_class) and not page.live:
        messages.warning(
            request,
            _(
                "“%(title)s” is now a page of its own and needs its own medical sign-off, so it "
                "was taken offline: submit it to the “Editorial and medical review” workflow."
            )
            % {"title": page.get_admin_display_title()},
        )


@hooks.register("before_bulk_action")
def refuse_unsigned_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk publish: refuse the whole batch, before anything is published, if an article is unsigned."""
    if action_type != "publish":
        return None
    unsigned = [
        page.get_admin_display_title()
        for page in objects
        if signoff_needed(page.specific_class)
        and (revision := page.get_latest_revision()) is not None
        and signoff_for_revision(revision) is None
    ]
    if not unsigned:
        return None
    messages.error(
        request,
        _("Nothing was published: these articles need a medical sign-off first: %(titles)s")
        % {"titles": ", ".join(unsigned)},
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("editorial/recall/<int:page_id>/", RecallView.as_view(), name="editorial_recall"),
        path("editorial/pages-to-review/", ReviewQueueView.as_view(), name="editorial_review_queue"),
        path(
            "editorial/review/<int:page_id>/changes/",
            ReviewChangesView.as_view(),
            name="editorial_review_changes",
        ),
        path("reports/medical-review-due/", ReviewDueReportView.as_view(), name="editorial_review_due"),
        path(
            "reports/medical-review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_review_page_viewset():
    """Every page type's admin views, with reviewers' reading rights and workflow feedback."""
    return ReviewPageViewSet()


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return ReviewQueueMenuItem(
        gettext_lazy("Pages to review"),
        reverse("editorial_review_queue"),
        icon_name="doc-empty-inverse",
        order=110,
    )


@hooks.register("construct_page_action_menu")
def reviewer_page_actions(menu_items, request, context):
    """Reviewers who reach the editor only through their step are offered their decisions only:
    no Save draft, Cancel workflow or Delete (Wagtail offers them because the step opens the editor)."""
    page = context.get("page")
    if page is not None and page.pk and reviewer_only(request.user, page):
        menu_items[:] = [item for item in menu_items if isinstance(item, WorkflowMenuItem)]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_permission.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Medical review due"),
        reverse("editorial_review_due"),
        icon_name="date",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if report_permission.user_has_permission(request.user, "view"):
        panels.append(ReviewDuePanel())


@hooks.register("construct_homepage_panels")
def add_role_inbox(request, panels):
    role_inbox_panels(request, panels)


class RecallButton(PageMenuItem):
    label = gettext_lazy("Withdraw sign-off (recall)")
    icon_name = "warning"

    @property
    def url(self):
        return reverse("editorial_recall", args=[self.page.pk])

    def is_shown(self, user):
        return self.page.live and signoff_needed(self.page.specific_class) and recall_permitted(user)


@hooks.register("register_page_header_buttons")
def recall_header_button(page, user, view_name, next_url=None):
    yield RecallButton(page=page, priority=62)


@hooks.register("register_page_listing_more_buttons")
def recall_listing_button(page, user, next_url=None):
    yield RecallButton(page=page, priority=45)
