"""Clinical recall: a medical reviewer withdraws the sign-off of a live article.

The article goes offline at once, and so does every translation made from it (their text
translates the recalled content). Each withdrawn sign-off stays on record, marked withdrawn,
so it is the page's latest clinical decision and authorises nothing: the page comes back
only through review (a new sign-off). Everything is logged (audit log and page history) and
the people who worked on the pages are emailed. Unpublishing goes through Wagtail's own
action, so the API caches, the CDN purge and the `unpublish` webhooks follow as for any
unpublish.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from .signoff import CommentRequired, signoff_latest

WITHDRAW_PERMISSION = "editorial.withdraw_clinicalsignoff"


@dataclass
class Recall:
    page: Page
    reason: str
    unpublished: list = field(default_factory=list)
    withdrawn: list = field(default_factory=list)
    notified: list = field(default_factory=list)


def recall_permitted(user):
    return user.is_active and user.has_perm(WITHDRAW_PERMISSION)


def recall_translations(page):
    """The live translations made from `page` (none when `page` is itself a translation)."""
    if page.locale_id != Locale.get_default().pk:
        return []
    return list(
        Page.objects.filter(translation_key=page.translation_key, live=True)
        .exclude(pk=page.pk)
        .exclude(alias_of__isnull=False)
        .specific()
    )


def _withdraw_one(page, user, reason, now, recall, source=None):
    signoff = signoff_latest(page)
    if signoff is not None and not signoff.withdrawn:
        signoff.withdrawn_at, signoff.withdrawn_by, signoff.withdrawal_reason = now, user, reason
        signoff.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        recall.withdrawn.append(signoff)
    if page.live:
        UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)
        recall.unpublished.append(page)
    log(
        instance=page,
        action="editorial.signoff_withdrawn",
        user=user,
        data={
            "reason": reason,
            "signoff": {"id": signoff.pk, "reviewer": signoff.reviewer_name} if signoff else None,
            "source": {"id": source.pk, "title": source.title} if source else None,
        },
    )


def recall_recipients(pages):
    """Users to tell: who signed these pages off, and who wrote their revisions (or owns them)."""
    from .signoff import signoffs_of

    ids = set()
    for page in pages:
        ids |= {s.reviewer_id for s in signoffs_of(page) if s.reviewer_id}
        ids |= set(page.revisions.exclude(user__isnull=True).values_list("user_id", flat=True))
        if page.owner_id:
            ids.add(page.owner_id)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email=""))


def _notify(recall, user):
    admin_base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    pages = [recall.page, *[p for p in recall.unpublished if p.pk != recall.page.pk]]
    subject = _("Clinical recall: “%(title)s” was taken offline") % {"title": recall.page.title}
    body = render_to_string(
        "editorial/recall_email.txt",
        {
            "recall": recall,
            "by": user,
            "pages": [(p, admin_base + reverse("wagtailadmin_pages:edit", args=[p.pk])) for p in pages],
        },
    )
    for recipient in recall_recipients(pages):
        send_mail(subject, body, None, [recipient.email])
        recall.notified.append(recipient)


def signoff_withdraw(page, user, reason):
    """Recall a live article: withdraw its sign-off (and its translations'), take them offline, notify.

    Raises PermissionDenied for users who may not recall, CommentRequired without a reason,
    ValueError for a page that is not a live article. All or nothing.
    """
    from .signoff import signoff_needed

    page = page.specific
    reason = (reason or "").strip()
    if not recall_permitted(user):
        raise PermissionDenied(_("Only medical reviewers can withdraw a sign-off."))
    if not reason:
        raise CommentRequired(_("Say why the sign-off is withdrawn: editors and reviewers receive it."))
    if not signoff_needed(type(page)) or not page.live:
        raise ValueError(_("Only a live article can be recalled."))
    recall = Recall(page=page, reason=reason)
    now = timezone.now()
    with transaction.atomic():
        translations = recall_translations(page)
        _withdraw_one(page, user, reason, now, recall)
        for translation in translations:
            _withdraw_one(translation, user, reason, now, recall, source=page)
        transaction.on_commit(lambda: _notify(recall, user))
    return recall
