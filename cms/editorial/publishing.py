"""Where the sign-off rule meets Wagtail's publishing: one check inside the publish action.

Every way a page revision goes live or is scheduled ends in Wagtail's
`PublishPageRevisionAction.execute()`, which calls `check()` before any write: the admin's
publish button (edit and create views, bulk publish), `Revision.publish()` and
`Page.publish()` in code, `publish_scheduled`, workflow approval, the v2 admin API and the
v3 API's publish/create/update actions, and wagtail-localize's `save_target(publish=True)`.
Wagtail has no hook there, so `guard_install()` wraps that one method: Wagtail's own
permission check runs first, then `signoff_require()`, which cannot be skipped with
`skip_permission_checks`.
"""

from django.core import checks
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

_wagtail_check = PublishPageRevisionAction.check


def _check_with_signoff(self, skip_permission_checks=False):
    from .signoff import signoff_require

    _wagtail_check(self, skip_permission_checks=skip_permission_checks)
    signoff_require(self.revision, self.object, user=self.user)


def guard_install():
    """Make Wagtail's page publish action refuse article revisions without a sign-off."""
    PublishPageRevisionAction.check = _check_with_signoff


def guard_installed():
    return PublishPageRevisionAction.check is _check_with_signoff


@checks.register()
def guard_check(app_configs=None, **kwargs):
    """A Wagtail upgrade that changes the publish action must not silently drop the rule."""
    if guard_installed():
        return []
    return [
        checks.Error(
            "The clinical sign-off guard is not installed on PublishPageRevisionAction.check.",
            hint="cms.editorial must be in INSTALLED_APPS; check wagtail/actions/publish_page_revision.py.",
            id="editorial.E001",
        )
    ]


def new_articles_start_as_drafts(sender, instance, raw=False, **kwargs):
    """pre_save: an article row is never inserted live; it goes live through the publish action.

    Wagtail's create view inserts the new page with `live=True` and publishes it afterwards,
    so a refused (or failing) publish would otherwise leave unsigned content live. Aliases
    mirror a live original and are left alone; so is code inside `signoff_waived()`.
    """
    from .signoff import signoff_is_waived, signoff_needed

    if raw or not signoff_needed(sender) or not instance._state.adding:
        return
    if instance.live and not instance.alias_of_id and not signoff_is_waived():
        instance.live = False
        instance.has_unpublished_changes = True


def workflow_publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: publish the approved latest revision.

    Wagtail's default publishes as the last approver and checks their publish permission;
    here the last approver is a medical reviewer, who has none (least privilege). The
    approvals themselves authorise this publish (the editorial step is the Publishers'), so
    the permission check is skipped; the sign-off rule is not (see `_check_with_signoff`).
    """
    # Reload: the cached object predates the revision the medical sign-off just saved.
    page = workflow_state.content_object
    revision = type(page).objects.get(pk=page.pk).get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
