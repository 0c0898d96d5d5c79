"""Admin wiring: submit-for-review in the translation editor, per-language snippets, the status report."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page, TranslatableMixin

from . import editor_views, flow, provenance
from .inbox import review_queue_panel, translator_inbox_panel
from .models import LocaleRole
from .permissions import snippet_locale_permitted
from .services import language_direction
from .views import TranslationStatusReportView, report_visible


@hooks.register("before_edit_page", order=-10)
def submit_translation_for_review(request, page):
    """wagtail-localize's Publish button (and our Submit button) send the translation to review instead."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = flow.translation_for_page(page)
    if translation is None:
        return None
    try:
        page = flow.translation_submit_for_review(translation, request.user)
    except PermissionDenied as error:
        message = getattr(error, "html", None) or str(error)
        messages.error(request, message or _("You cannot submit this translation for review."))
    except ValidationError as error:
        messages.error(
            request,
            _("The translation could not be saved: %(errors)s") % {"errors": "; ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for review. It goes live once approved.")
            % {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()},
        )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page", order=-10)
def translation_publish_through_review(request, page):
    """The editor's Publish button does not skip a language's review: the draft is kept instead."""
    workflow = flow.translation_review_workflow(page)
    if workflow is None:
        return None
    messages.error(
        request,
        _(
            "“%(title)s” is a translation: it goes live through the “%(workflow)s” workflow. "
            "Your changes were saved as a draft: submit them for review."
        )
        % {"title": page.get_admin_display_title(), "workflow": workflow.name},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action", order=-10)
def translation_bulk_publish_through_review(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    titles = [
        obj.get_admin_display_title()
        for obj in objects
        if isinstance(obj, Page) and flow.translation_review_workflow(obj) is not None
    ]
    if not titles:
        return None
    messages.error(
        request,
        _("Nothing was published: translations go live through their language's review: %(titles)s")
        % {"titles": ", ".join(titles)},
    )
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root"))


def _language_role_cannot_delete(user, page):
    """Language roles hold `change` on their tree, which Wagtail lets delete drafts: they may not."""
    perms = page.permissions_for_user(user)
    return (
        not user.is_superuser
        and "delete" not in perms.permissions
        and LocaleRole.objects.filter(group__user=user).exists()
    )


@hooks.register("before_delete_page", order=-10)
def page_delete_language_role_check(request, page):
    if _language_role_cannot_delete(request.user, page):
        raise PermissionDenied


@hooks.register("before_bulk_action", order=-10)
def page_bulk_delete_language_role_check(request, action_type, objects, action_class_instance):
    if action_type == "delete" and any(
        isinstance(obj, Page) and _language_role_cannot_delete(request.user, obj) for obj in objects
    ):
        raise PermissionDenied


def _deny_outside_languages(user, model, action, locales):
    if not issubclass(model, TranslatableMixin):
        return
    for locale in locales:
        if not snippet_locale_permitted(user, model, action, locale):
            raise PermissionDenied


@hooks.register("before_create_snippet", order=-10)
def snippet_create_language_check(request, model):
    code = request.GET.get("locale") or request.POST.get("locale")
    locale = Locale.objects.filter(language_code=code).first() if code else None
    _deny_outside_languages(request.user, model, "add", [locale or Locale.get_default()])


@hooks.register("before_edit_snippet", order=-10)
def snippet_edit_language_check(request, instance):
    _deny_outside_languages(request.user, type(instance), "change", [instance.locale_id])


@hooks.register("before_delete_snippet", order=-10)
def snippet_delete_language_check(request, instances):
    for instance in instances:
        _deny_outside_languages(request.user, type(instance), "delete", [instance.locale_id])


@hooks.register("register_admin_urls", order=-10)
def register_editor_urls():
    """Before wagtail-localize's own: our PO upload (same path) checks protected values first."""
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            editor_views.upload_pofile,
            name="localization_upload_pofile",
        ),
        path(
            "localization/translations/<int:translation_id>/confirm/",
            editor_views.confirm_segments,
            name="localization_confirm_segments",
        ),
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="localization_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="localization_translation_status_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return report_visible(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        gettext_lazy("Translation status"),
        reverse("localization_translation_status"),
        icon_name="globe",
        order=60,
    )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "localization.review_cancelled",
        gettext_lazy("Translation review cancelled"),
        gettext_lazy("Review cancelled: a new translation draft replaced the text under review"),
    )


@hooks.register("construct_homepage_panels")
def add_translator_inbox(request, panels):
    panel = translator_inbox_panel(request.user)
    if panel is not None:
        panels.insert(0, panel)
    queue = review_queue_panel(request.user, translation_provenance_note)
    if queue is not None:
        panels.insert(0, queue)


@hooks.register("insert_global_admin_js")
def rtl_editing_js():
    """Right-to-left languages are edited right to left (static/localization/js/rtl-editing.js)."""
    rtl = " ".join(code for code, _name in settings.LANGUAGES if language_direction(code) == "rtl")
    return format_html(
        '<script src="{}" data-rtl-languages="{}"></script>',
        versioned_static("localization/js/rtl-editing.js"),
        rtl,
    )


@hooks.register("insert_global_admin_css")
def rtl_editing_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', versioned_static("localization/css/rtl-editing.css")
    )


def _language_role_only(user):
    """Translators and translation reviewers (and nothing more): they translate and review only."""
    return (
        not user.is_superuser
        and not user.has_perm("wagtail_localize.submit_translation")
        and (LocaleRole.objects.filter(group__user=user).exists())
    )


# What a language role can do in the page editor's action menu: save, and act on the review
# task waiting for them. They submit with the review bar's "Submit for review" (which checks the
# translation first); never delete, unpublish, convert to an alias or stop syncing.
LANGUAGE_ROLE_ACTIONS = {"action-save-draft", "action-workflow-action"}


@hooks.register("construct_page_action_menu")
def language_role_page_actions(menu_items, request, context):
    if _language_role_only(request.user):
        menu_items[:] = [
            item
            for item in menu_items
            if item.name in LANGUAGE_ROLE_ACTIONS or item.name.startswith("action-workflow")
        ]


@hooks.register("describe_for_review")
def translation_provenance_note(obj):
    """Reviewers' dialogs and queue: how much of a translation a machine wrote, and who confirmed it."""
    translation = provenance.translation_of(obj)
    if translation is None:
        return None
    counts = provenance.translation_provenance(translation)
    return format_html(
        "<strong>{}</strong> {}",
        ngettext(
            "%(machine)d of %(total)d texts machine-translated",
            "%(machine)d of %(total)d texts machine-translated",
            counts.machine,
        )
        % {"machine": counts.machine, "total": counts.total},
        _(
            "(%(unconfirmed)d unconfirmed, %(confirmed)d confirmed by a person); %(imported)d imported "
            "from a PO file; %(human)d written by people."
        )
        % {
            "unconfirmed": counts.machine_unconfirmed,
            "confirmed": counts.machine - counts.machine_unconfirmed,
            "imported": counts.imported,
            "human": counts.human,
        },
    )
