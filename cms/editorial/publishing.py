"""The publish guard: the one place where Wagtail's publishing is replaced rather than extended.

Why a replacement: every way a revision goes live or is scheduled ends in Wagtail's
`PublishPageRevisionAction` (pages) or `PublishRevisionAction` (snippets with drafts), whose
`execute()` calls `check()` before any write: the admin's publish buttons (edit and create
views, bulk publish, snippet editor), `Revision.publish()`, `Page.publish()` and
`DraftStateMixin.publish()` in code, `publish_scheduled`, workflow approval, the v2 admin API,
the v3 API's publish, create and update actions, and wagtail-localize's
`save_target(publish=True)`. Wagtail 8.0 offers no hook there: `register_actions` reaches only
the v3 routers, and the `before_publish_page` and `before_publish` hooks run in the admin's views only. So
`guard_install()` wraps `check()` of each class: Wagtail's own permission check runs first,
then `signoff_require()`, which `skip_permission_checks` cannot skip.

The start-up check `editorial.E001` publishes an unsaved, unsigned article and condition
through each action (nothing is written, no database is needed) and fails unless both are
refused with `SignOffRequired`.
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


class _Published(Exception):
    """Raised by the probe in place of Wagtail's write: the publish got past every check."""


def unsigned_publish_refused(action_class, obj):
    """Whether `action_class` refuses to publish `obj` (unsaved, never signed off), writing nothing.

    The probe runs the action's real `execute()` with the permission checks skipped, as
    workflow approval does; its revision is built in memory and its write step raises instead
    of publishing, so the probe needs no database.
    """
    from wagtail.models import Revision

    from .signoff import SignOffRequired

    revision = Revision(content=obj.serializable_data(), object_str=str(obj))
    revision.as_object = lambda: obj  # the unsaved object itself, without a content-type lookup
    action = action_class(revision)

    def publish_instead(*args, **kwargs):
        raise _Published

    action._publish_revision = publish_instead
    try:
        action.execute(skip_permission_checks=True)
    except SignOffRequired:
        return True
    except _Published:
        return False
    return False


def _probes():
    from cms.articles.models import ArticlePage, Condition

    # Never saved: a placeholder content type spares Page.__init__ its database lookup.
    article = ArticlePage(title="Start-up check", slug="start-up-check", live=False, content_type_id=-1)
    return (
        (PublishPageRevisionAction, article),
        (PublishRevisionAction, Condition(name="Start-up check", slug="start-up-check", live=False)),
    )


@checks.register()
def guard_check(app_configs=None, **kwargs):
    """A Wagtail upgrade that changes the publish actions must not silently drop the sign-off rule."""
    errors = []
    for action_class, obj in _probes():
        try:
            refused = unsigned_publish_refused(action_class, obj)
        except Exception as error:  # an upgrade that breaks the probe must fail loudly too
            refused, detail = False, f" ({type(error).__name__}: {error})"
        else:
            detail = ""
        if not refused:
            errors.append(
                checks.Error(
                    f"{action_class.__name__} publishes medical content that has no clinical sign-off "
                    f"(an unsaved {type(obj)._meta.verbose_name}){detail}.",
                    hint="cms.editorial must be in INSTALLED_APPS; compare "
                    "wagtail/actions/publish_*revision.py with cms/editorial/publishing.py.",
                    id="editorial.E001",
                )
            )
    return errors


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
