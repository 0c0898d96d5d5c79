"""Signal receivers of the editorial app (imported once by EditorialConfig.ready)."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page

from .signoff import signoff_covers, signoff_is_waived, signoff_needed


@receiver(pre_save, dispatch_uid="editorial_new_articles_drafts")
def new_articles_start_as_drafts(sender, instance, raw=False, **kwargs):
    """pre_save: an article row is never inserted live; it goes live through the publish action.

    Wagtail's create view inserts the new page with `live=True` and publishes it afterwards,
    so a refused (or failing) publish would otherwise leave unsigned content live. Aliases
    mirror a live original and are left alone; so is code inside `signoff_waived()`.
    """
    if raw or not issubclass(sender, Page) or not signoff_needed(sender) or not instance._state.adding:
        return
    if instance.live and not instance.alias_of_id and not signoff_is_waived():
        instance.live = False
        instance.has_unpublished_changes = True


@receiver(post_save, dispatch_uid="editorial_converted_aliases_offline")
def converted_aliases_go_offline(sender, instance, update_fields=None, raw=False, **kwargs):
    """post_save: an article alias converted to a standalone page stays live only if signed off.

    An alias mirrors its (signed) original; once converted it is a page of its own, with no
    sign-off of its own. Wagtail's convert action (admin, v3 `actions/convert_alias`, code)
    saves `alias_of_id` alone first: the page is unpublished right then, so the rest of the
    conversion leaves it a draft. The admin says why (wagtail_hooks.py).
    """
    if raw or update_fields is None or set(update_fields) != {"alias_of_id"}:
        return
    if instance.alias_of_id is not None or not instance.live or not signoff_needed(type(instance)):
        return
    if signoff_covers(instance):
        return
    UnpublishPageAction(instance).execute(skip_permission_checks=True)
    log(instance=instance, action="editorial.alias_unpublished", data={"reason": "no sign-off of its own"})
