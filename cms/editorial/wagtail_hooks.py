"""Admin wiring: audit-log actions, friendly publish refusals, the review-due report and panel."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogFormatter

from .panels import ReviewDuePanel
from .signoff import signoff_for_revision, signoff_needed
from .views import ReviewDueReportView, report_permission


@hooks.register("register_log_actions")
def register_editorial_log_actions(actions):
    @actions.register_action("editorial.signoff")
    class SignOff(LogFormatter):
        label = gettext_lazy("Clinical sign-off")

        def format_message(self, log_entry):
            reviewer = log_entry.data.get("reviewer", {})
            return _("Signed off by %(name)s %(credentials)s; next review due %(due)s") % {
                "name": reviewer.get("name", ""),
                "credentials": reviewer.get("credentials", ""),
                "due": log_entry.data.get("next_review_due", ""),
            }

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")

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
        _(
            "“%(title)s” needs a medical sign-off before it can go live. Your changes were saved "
            "as a draft: submit them to the “Editorial and medical review” workflow."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


hooks.register("before_publish_page", _refuse_unsigned)


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
        path("reports/medical-review-due/", ReviewDueReportView.as_view(), name="editorial_review_due"),
        path(
            "reports/medical-review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
        ),
    ]


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
