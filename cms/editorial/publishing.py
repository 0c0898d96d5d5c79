"""Where the sign-off rule meets Wagtail's publishing: one check inside the publish actions.

Every way a revision goes live or is scheduled ends in Wagtail's `PublishPageRevisionAction`
(pages) or `PublishRevisionAction` (snippets with drafts), whose `execute()` calls `check()`
before any write: the admin's publish buttons (edit and create views, bulk publish, snippet
editor), `Revision.publish()`, `Page.publish()` and `DraftStateMixin.publish()` in code,
`publish_scheduled`, workflow approval, the v2 admin API and the v3 API's publish, create and
update actions, and wagtail-localize's `save_target(publish=True)`. Wagtail has no hook there,
so `guard_install()` wraps that one method of each class: Wagtail's own permission check runs
first, then `signoff_require()`, which cannot be skipped with `skip_permission_checks`.
"""

from django.core import checks
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.actions.publish_revision import PublishRevisionAction

GUARDED_ACTIONS = (PublishRevisionAction, PublishPageRevisionAction)
# Wagtail's own checks, captured before the guard replaces them.
_wagtail_checks = {cls: cls.__dict__["check"] for cls in GUARDED_ACTIONS}


def _guarded_check(cls):
    wagtail_check = _wagtail_checks[cls]

    def check(self, skip_permission_checks=False):
        from .signoff import signoff_require

        wagtail_check(self, skip_permission_checks=skip_permission_checks)
        signoff_require(self.revision, self.object, user=self.user)

    check.signoff_guard = True
    return check


def guard_install():
    """Make Wagtail's publish actions refuse medical content without a current sign-off."""
    for cls in GUARDED_ACTIONS:
        if not getattr(cls.__dict__["check"], "signoff_guard", False):
            cls.check = _guarded_check(cls)


def guard_installed():
    return all(getattr(cls.__dict__["check"], "signoff_guard", False) for cls in GUARDED_ACTIONS)


@checks.register()
def guard_check(app_configs=None, **kwargs):
    """A Wagtail upgrade that changes the publish actions must not silently drop the rule."""
    if guard_installed():
        return []
    return [
        checks.Error(
            "The clinical sign-off guard is not installed on Wagtail's publish actions.",
            hint="cms.editorial must be in INSTALLED_APPS; check wagtail/actions/publish_*revision.py.",
            id="editorial.E001",
        )
    ]


def new_articles_start_as_drafts(sender, instance, raw=False, **kwargs):
    """pre_save: an article row is never inserted live; it goes live through the publish action.

    Wagtail's create view inserts the new page with `live=True` and publishes it afterwards,
    so a refused (or failing) publish would otherwise leave unsigned content live. Aliases
    mirror a live original and are left alone; so is code inside `signoff_waived()`.
    """
    from wagtail.models import Page

    from .signoff import signoff_is_waived, signoff_needed

    if raw or not issubclass(sender, Page) or not signoff_needed(sender) or not instance._state.adding:
        return
    if instance.live and not instance.alias_of_id and not signoff_is_waived():
        instance.live = False
        instance.has_unpublished_changes = True


def converted_aliases_go_offline(sender, instance, update_fields=None, raw=False, **kwargs):
    """post_save: an article alias converted to a standalone page stays live only if signed off.

    An alias mirrors its (signed) original; once converted it is a page of its own, with no
    sign-off of its own. Wagtail's convert action (admin, v3 `actions/convert_alias`, code)
    saves `alias_of_id` alone first: the page is unpublished right then, so the rest of the
    conversion leaves it a draft. The admin says why (wagtail_hooks.py).
    """
    from wagtail.actions.unpublish_page import UnpublishPageAction
    from wagtail.log_actions import log

    from .signoff import signoff_covers, signoff_needed

    if raw or update_fields is None or set(update_fields) != {"alias_of_id"}:
        return
    if instance.alias_of_id is not None or not instance.live or not signoff_needed(type(instance)):
        return
    if signoff_covers(instance):
        return
    UnpublishPageAction(instance).execute(skip_permission_checks=True)
    log(instance=instance, action="editorial.alias_unpublished", data={"reason": "no sign-off of its own"})


def workflow_publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved latest revision (page or snippet).

    Wagtail's default publishes as the last approver and checks their publish permission;
    here the last approver is a medical reviewer, who has none (least privilege). The
    approvals themselves authorise this publish (the editorial step is the Publishers'), so
    the permission check is skipped; the sign-off rule is not (see `_guarded_check`).
    """
    # Reload: the cached object predates the revision the medical sign-off just saved.
    obj = workflow_state.content_object
    revision = type(obj).objects.get(pk=obj.pk).get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
