"""Clinical sign-off: what it covers, how it is recorded, and the rule that guards publishing.

The rule: an ArticlePage revision goes live (or is scheduled to) only if a ClinicalSignOff of
that page covers exactly its content (`revision_fingerprint`). Scheduling fields, locks,
comments and tree bookkeeping are not content; everything else is, so any edit after a
sign-off needs a new one. `signoff_require` is called from Wagtail's publish action (see
guard.py), so every way of publishing goes through it.
"""

import contextlib
import contextvars
import datetime
import hashlib
import json

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.log_actions import log

from .models import ClinicalSignOff
from .services import review_interval_days

# Revision content keys that are not medical content: tree bookkeeping, publishing state,
# scheduling, locking and reviewers' comments.
NON_CONTENT_KEYS = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "translation_key",
        "locale",
        "alias_of",
        "owner",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "show_in_menus",
        "wagtail_admin_comments",
    }
)
# Keys of child rows (e.g. authors) that change when rows are re-saved, not when content does.
CHILD_ROW_KEYS = frozenset({"pk", "id", "page"})

_waiver = contextvars.ContextVar("signoff_waiver", default=None)


class SignOffRequired(PublishPagePermissionError):
    """Raised before any write when an article revision without a medical sign-off would go live."""


class CommentRequired(BadRequest):
    """Raised when changes are requested without saying what to change (a 400 in views)."""


def signoff_needed(model):
    """Whether pages of this class need a clinical sign-off to go live (only articles do)."""
    from cms.articles.models import ArticlePage

    return isinstance(model, type) and issubclass(model, ArticlePage)


def _normalise(value):
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items() if k not in CHILD_ROW_KEYS}
    return value


def revision_fingerprint(revision):
    """SHA-256 of a revision's medical content (see NON_CONTENT_KEYS for what is left out)."""
    content = {k: v for k, v in revision.content.items() if k not in NON_CONTENT_KEYS}
    for key, value in content.items():
        if isinstance(value, str) and value[:1] in "[{":
            # StreamFields are stored as JSON text: compare their data, not their spacing.
            with contextlib.suppress(ValueError):
                content[key] = json.loads(value)
    payload = json.dumps(_normalise(content), sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(payload.encode()).hexdigest()


def signoff_for_revision(revision):
    """The newest sign-off of this page that covers this revision's exact content, or None."""
    return (
        ClinicalSignOff.objects.filter(
            page_id=revision.object_id, content_fingerprint=revision_fingerprint(revision)
        )
        .order_by("-signed_at", "-pk")
        .first()
    )


@contextlib.contextmanager
def signoff_waived(reason):
    """Let code publish articles without a clinician, for a stated reason (seed data, fixtures).

    Every publish inside the block is written to the audit log as "editorial.signoff_waived"
    with the reason. Never use it for content that patients will read as reviewed.
    """
    if not str(reason).strip():
        raise ValueError("signoff_waived() needs a reason for the audit log.")
    token = _waiver.set(str(reason))
    try:
        yield
    finally:
        _waiver.reset(token)


def signoff_is_waived():
    return _waiver.get() is not None


def signoff_require(revision, page, user=None):
    """Refuse (SignOffRequired) to publish or schedule an article revision nobody signed off."""
    if not signoff_needed(type(page)):
        return None
    reason = _waiver.get()
    if reason is not None:
        log(
            instance=page,
            action="editorial.signoff_waived",
            user=user,
            revision=revision,
            data={"reason": reason, "revision": {"id": revision.pk}},
        )
        return None
    signoff = signoff_for_revision(revision)
    if signoff is None:
        raise SignOffRequired(
            _(
                "“%(title)s” needs a medical sign-off before it can go live: this revision has "
                "not been signed off by a medical reviewer (or was changed after the sign-off). "
                "Submit it to the “Editorial and medical review” workflow."
            )
            % {"title": page.title}
        )
    return signoff


def reviewer_identity(user, locale_id=None):
    """(Person or None, name, credentials) of a CMS user, from the Person linked to them."""
    from cms.articles.models import Person

    people = list(Person.objects.filter(user=user))
    person = next((p for p in people if p.locale_id == locale_id), people[0] if people else None)
    if person is not None:
        return person, person.name, person.credentials
    return None, (user.get_full_name() or user.get_username()), ""


def signoff_record(page, user, comment="", task_state=None, today=None):
    """Sign off the page's latest revision as `user`; return the ClinicalSignOff.

    Saves one new revision that stamps the review (reviewer, last reviewed, next review due)
    onto the reviewed content, and signs that revision: it is the one that goes live.
    """
    reviewed = page.get_latest_revision()
    draft = reviewed.as_object()
    person, name, credentials = reviewer_identity(user, locale_id=page.locale_id)
    today = today or timezone.localdate()
    draft.medical_reviewer = person
    draft.last_reviewed = today
    draft.next_review_due = today + datetime.timedelta(days=review_interval_days())
    signed = draft.save_revision(user=user, changed=False, log_action=False)
    signoff = ClinicalSignOff.objects.create(
        page=page,
        revision=signed,
        reviewed_revision=reviewed,
        content_fingerprint=revision_fingerprint(signed),
        reviewer=user,
        reviewer_person=person,
        reviewer_name=name,
        reviewer_credentials=credentials,
        comment=comment,
        task_state=task_state,
    )
    log(
        instance=draft,
        action="editorial.signoff",
        user=user,
        revision=signed,
        data={
            "reviewer": {"name": name, "credentials": credentials},
            "signoff": {"id": signoff.pk, "revision": signed.pk, "reviewed_revision": reviewed.pk},
            "next_review_due": draft.next_review_due.isoformat(),
            "comment": comment,
        },
    )
    return signoff


def medical_rejection_record(page, user, comment, task_state=None):
    """Check and log a medical reviewer's request for changes (a comment is required)."""
    comment = (comment or "").strip()
    if not comment:
        raise CommentRequired(_("Requesting changes needs a comment saying what to change."))
    _person, name, credentials = reviewer_identity(user, locale_id=page.locale_id)
    log(
        instance=page,
        action="editorial.medical_rejection",
        user=user,
        revision=task_state.revision if task_state else page.get_latest_revision(),
        data={"reviewer": {"name": name, "credentials": credentials}, "comment": comment},
    )
