"""Clinical sign-off: what it covers, how it is recorded, and the rule that guards publishing.

The rule: a revision of medical content (an article, a condition, a treatment modality) goes
live, or is scheduled to, only if the object's *latest* clinical decision authorises exactly
its content (`revision_fingerprint`):

- the latest sign-off of that object (one language: each translation is its own object)
  covers the revision's content, and
- that sign-off has not been withdrawn (clinical recall, `signoff_withdraw`).

A later sign-off supersedes every earlier one, so a revert to a version a clinician has since
corrected needs a fresh sign-off (unless its content equals the latest sign-off's). Scheduling
fields, locks, comments and tree bookkeeping are not content; everything else is.
`signoff_require` runs inside Wagtail's publish actions (publishing.py), so every way of
publishing goes through it.
"""

import contextlib
import contextvars
import datetime
import hashlib
import json

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.actions.publish_page_revision import PublishPagePermissionError
from wagtail.log_actions import log
from wagtail.models import Page

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
    """Raised before any write when content without a valid medical sign-off would go live."""


class CommentRequired(BadRequest):
    """Raised when changes are requested (or a sign-off withdrawn) without saying why (a 400 in views)."""


def signoff_needed(model):
    """Whether objects of this class need a clinical sign-off to go live.

    Articles, and the vocabulary whose words carry medical meaning (conditions, treatment
    modalities). People and centres are approved by publishers instead.
    """
    from cms.articles.models import ArticlePage, Condition, TreatmentModality

    return isinstance(model, type) and issubclass(model, ArticlePage | Condition | TreatmentModality)


def _normalise(value):
    if isinstance(value, list):
        return [_normalise(item) for item in value]
    if isinstance(value, dict):
        return {k: _normalise(v) for k, v in value.items() if k not in CHILD_ROW_KEYS}
    return value


def revision_fingerprint(revision):
    """SHA-256 of a revision's medical content (see NON_CONTENT_KEYS for what is left out)."""
    return content_fingerprint(revision.content)


def content_fingerprint(serialized):
    """SHA-256 of serialized content (`revision.content`, `obj.serializable_data()`)."""
    content = {k: v for k, v in serialized.items() if k not in NON_CONTENT_KEYS}
    for key, value in content.items():
        if isinstance(value, str) and value[:1] in "[{":
            # StreamFields are stored as JSON text: compare their data, not their spacing.
            with contextlib.suppress(ValueError):
                content[key] = json.loads(value)
    payload = json.dumps(_normalise(content), sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
    return hashlib.sha256(payload.encode()).hexdigest()


def signoffs_of(obj):
    """Every sign-off of this object (a page or a snippet), newest first."""
    return ClinicalSignOff.objects.filter(content_type=obj.get_base_content_type(), object_id=str(obj.pk))


def _signoffs_of_revision(revision):
    if not revision.object_id:
        return ClinicalSignOff.objects.none()  # an object never saved has no sign-off (no query)
    return ClinicalSignOff.objects.filter(
        content_type_id=revision.base_content_type_id, object_id=revision.object_id
    )


def signoff_latest(obj):
    """The object's latest clinical decision (its newest sign-off, withdrawn or not), or None."""
    return signoffs_of(obj).order_by("-signed_at", "-pk").first()


def signoff_for_revision(revision):
    """The sign-off that authorises this revision to go live, or None.

    Only the object's latest sign-off counts, and only if it is not withdrawn and covers
    exactly this revision's content.
    """
    latest = _signoffs_of_revision(revision).order_by("-signed_at", "-pk").first()
    if latest is None or latest.withdrawn or latest.content_fingerprint != revision_fingerprint(revision):
        return None
    return latest


def signoff_covers(obj):
    """Whether the object's latest sign-off authorises its current (unsaved or saved) content."""
    latest = signoff_latest(obj)
    return (
        latest is not None
        and not latest.withdrawn
        and latest.content_fingerprint == content_fingerprint(obj.serializable_data())
    )


def _when(signoff):
    return date_format(timezone.localtime(signoff.signed_at), "DATE_FORMAT")


def signoff_refusal(revision, obj):
    """Why this revision may not go live, in words an editor can act on."""
    title = obj.get_admin_display_title() if hasattr(obj, "get_admin_display_title") else str(obj)
    signoffs = list(_signoffs_of_revision(revision).order_by("-signed_at", "-pk"))
    fingerprint = revision_fingerprint(revision)
    latest = signoffs[0] if signoffs else None
    older_match = next((s for s in signoffs[1:] if s.content_fingerprint == fingerprint), None)
    if latest is not None and latest.withdrawn:
        return _(
            "“%(title)s” cannot go live: its sign-off by %(reviewer)s (%(date)s) was withdrawn by a "
            "medical reviewer on %(withdrawn)s: “%(reason)s”. It needs a new medical review."
        ) % {
            "title": title,
            "reviewer": str(latest.reviewer_name),
            "date": _when(latest),
            "withdrawn": date_format(timezone.localtime(latest.withdrawn_at), "DATE_FORMAT"),
            "reason": latest.withdrawal_reason,
        }
    if older_match is not None:
        return _(
            "“%(title)s” cannot go live: this version was signed off by %(old_reviewer)s on "
            "%(old_date)s, but that sign-off was superseded by %(reviewer)s's sign-off of "
            "%(date)s, which covers different content. Submit it for a new medical review."
        ) % {
            "title": title,
            "old_reviewer": older_match.reviewer_name,
            "old_date": _when(older_match),
            "reviewer": latest.reviewer_name,
            "date": _when(latest),
        }
    if latest is not None:
        return _(
            "“%(title)s” needs a medical sign-off before it can go live: this revision differs "
            "from what the latest sign-off (by %(reviewer)s, %(date)s) covers. Submit it to the "
            "“Editorial and medical review” workflow."
        ) % {"title": title, "reviewer": latest.reviewer_name, "date": _when(latest)}
    return _(
        "“%(title)s” needs a medical sign-off before it can go live: this revision has "
        "not been signed off by a medical reviewer (or was changed after the sign-off). "
        "Submit it to the “Editorial and medical review” workflow."
    ) % {"title": title}


@contextlib.contextmanager
def signoff_waived(reason):
    """Let code publish medical content without a clinician, for a stated reason (seed data, fixtures).

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


def signoff_require(revision, obj, user=None):
    """Refuse (SignOffRequired) to publish or schedule medical content no current sign-off covers."""
    if not signoff_needed(type(obj)):
        return None
    reason = _waiver.get()
    if reason is not None:
        log(
            instance=obj,
            action="editorial.signoff_waived",
            user=user,
            revision=revision,
            data={"reason": reason, "revision": {"id": revision.pk}},
        )
        return None
    signoff = signoff_for_revision(revision)
    if signoff is None:
        raise SignOffRequired(signoff_refusal(revision, obj))
    return signoff


def reviewer_identity(user, locale_id=None):
    """(Person or None, name, credentials) of a CMS user, from the Person linked to them."""
    from cms.articles.models import Person

    people = list(Person.objects.filter(user=user))
    person = next((p for p in people if p.locale_id == locale_id), people[0] if people else None)
    if person is not None:
        return person, person.name, person.credentials
    return None, (user.get_full_name() or user.get_username()), ""


def _stamped_revision(obj, user, identity, today):
    """Articles: save the reviewed content with the review stamped onto it; return that revision."""
    person, name, credentials = identity
    draft = obj.get_latest_revision().as_object()
    draft.medical_reviewer = person
    draft.medical_reviewer_name = name
    draft.medical_reviewer_credentials = credentials
    draft.last_reviewed = today
    draft.next_review_due = today + datetime.timedelta(days=review_interval_days())
    return draft, draft.save_revision(user=user, changed=False, log_action=False)


def signoff_record(obj, user, comment="", task_state=None, today=None):
    """Sign off the object's latest revision as `user`; return the ClinicalSignOff.

    For an article, one new revision stamps the review (reviewer as signed, last reviewed,
    next review due) onto the reviewed content, and that revision is signed: it is the one
    that goes live. A vocabulary entry's latest revision is signed as it is. Every earlier
    sign-off of the object is superseded.
    """
    from cms.articles.models import ArticlePage

    reviewed = obj.get_latest_revision()
    identity = reviewer_identity(user, locale_id=getattr(obj, "locale_id", None))
    today = today or timezone.localdate()
    if isinstance(obj, ArticlePage):
        signed_obj, signed = _stamped_revision(obj, user, identity, today)
    else:
        signed_obj, signed = reviewed.as_object(), reviewed
    person, name, credentials = identity
    earlier = list(signoffs_of(obj).filter(superseded_by__isnull=True))
    signoff = ClinicalSignOff.objects.create(
        content_type=obj.get_base_content_type(),
        object_id=str(obj.pk),
        page=obj if isinstance(obj, Page) else None,
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
    ClinicalSignOff.objects.filter(pk__in=[s.pk for s in earlier]).update(superseded_by=signoff)
    data = {
        "reviewer": {"name": name, "credentials": credentials},
        "signoff": {"id": signoff.pk, "revision": signed.pk, "reviewed_revision": reviewed.pk},
        "comment": comment,
    }
    if isinstance(obj, ArticlePage):
        data["next_review_due"] = signed_obj.next_review_due.isoformat()
    log(instance=signed_obj, action="editorial.signoff", user=user, revision=signed, data=data)
    for old in earlier:
        if old.withdrawn:
            continue
        log(
            instance=signed_obj,
            action="editorial.signoff_superseded",
            user=user,
            revision=signed,
            data={
                "superseded": {
                    "id": old.pk,
                    "reviewer": old.reviewer_name,
                    "signed_at": old.signed_at.isoformat(),
                    "revision": old.revision_id,
                },
                "by": {"id": signoff.pk, "reviewer": name},
            },
        )
    return signoff


def medical_rejection_record(obj, user, comment, task_state=None):
    """Check and log a medical reviewer's request for changes (a comment is required)."""
    comment = (comment or "").strip()
    if not comment:
        raise CommentRequired(_("Requesting changes needs a comment saying what to change."))
    _person, name, credentials = reviewer_identity(user, locale_id=getattr(obj, "locale_id", None))
    log(
        instance=obj,
        action="editorial.medical_rejection",
        user=user,
        revision=task_state.revision if task_state else obj.get_latest_revision(),
        data={"reviewer": {"name": name, "credentials": credentials}, "comment": comment},
    )
