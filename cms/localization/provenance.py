"""Where each translated text came from, and whether a person has confirmed it.

wagtail-localize records, for each translated text (StringTranslation), whether a machine made
it (`translation_type`, with the engine as `tool_name`) or a person; a PO upload is recorded as
a person's work with the tool "PO File" (an agency's file). Here:

- origin: "machine" (which engine), "import" (a PO file or catalogue) or "person";
- confirmed: a person's work is confirmed by being theirs; a machine text is confirmed only by a
  person pressing *Confirm* (a SegmentConfirmation of that exact text) or by editing it (it then
  becomes their work).

`provenance_counts` gives, for many (source, language) pairs at once, how many texts there are,
how many came from each origin and how many machine texts nobody confirmed: the figures the
editor, the reviewers' dialogs, the status report and the API show.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from wagtail_localize.models import StringSegment, StringTranslation

from .models import SegmentConfirmation
from .protected import protected_differences

MACHINE, IMPORT, PERSON = "machine", "import", "person"


def origin_of(string_translation):
    if string_translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE:
        return MACHINE
    return IMPORT if string_translation.tool_name else PERSON


def _unconfirmed_q(prefix=""):
    """StringTranslations whose current text no person confirmed (no confirmation, or of another text)."""
    return Q(**{f"{prefix}confirmation__isnull": True}) | ~Q(
        **{f"{prefix}confirmation__data": F(f"{prefix}data")}
    )


def _machine_q(prefix=""):
    return Q(**{f"{prefix}translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE})


@dataclass
class Provenance:
    total: int = 0
    translated: int = 0
    machine: int = 0
    machine_unconfirmed: int = 0
    imported: int = 0
    human: int = 0

    def as_dict(self):
        return {
            "segments": self.total,
            "translated": self.translated,
            "machine": self.machine,
            "machine_unconfirmed": self.machine_unconfirmed,
            "imported": self.imported,
            "human": self.human,
        }


def provenance_counts(source_ids):
    """{(source_id, locale_id): Provenance} for every translation of these sources (two queries)."""
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    prefix = "string__translations__"
    rows = (
        StringSegment.objects.filter(
            source_id__in=source_ids,
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        )
        .values("source_id", "string__translations__locale_id")
        .annotate(
            translated=Count("id"),
            machine=Count("id", filter=_machine_q(prefix)),
            unconfirmed=Count("id", filter=_machine_q(prefix) & _unconfirmed_q(prefix)),
            imported=Count("id", filter=~_machine_q(prefix) & ~Q(**{f"{prefix}tool_name": ""})),
        )
    )
    counts = {}
    for row in rows:
        counts[(row["source_id"], row["string__translations__locale_id"])] = Provenance(
            total=totals.get(row["source_id"], 0),
            translated=row["translated"],
            machine=row["machine"],
            machine_unconfirmed=row["unconfirmed"],
            imported=row["imported"],
            human=row["translated"] - row["machine"] - row["imported"],
        )
    return counts, totals


def translation_provenance(translation):
    """The Provenance of one wagtail-localize Translation."""
    counts, totals = provenance_counts([translation.source_id])
    return counts.get(
        (translation.source_id, translation.target_locale_id),
        Provenance(total=totals.get(translation.source_id, 0)),
    )


@dataclass
class SegmentRow:
    """One text of a translation, as the editor's provenance panel shows it."""

    segment: StringSegment
    source: str
    translation: StringTranslation | None
    origin: str | None
    confirmed: bool
    confirmed_by: str
    confirmed_at: object
    differences: list

    @property
    def needs_confirmation(self):
        return self.origin == MACHINE and not self.confirmed


def translation_segments(translation):
    """Every text of a translation with its provenance and protected-value differences, in order."""
    segments = list(
        StringSegment.objects.filter(source=translation.source)
        .select_related("string", "context")
        .order_by("order")
    )
    found = {
        (st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).select_related("last_translated_by", "confirmation__confirmed_by")
    }
    source_language = translation.source.locale.language_code
    target_language = translation.target_locale.language_code
    rows = []
    for segment in segments:
        st = found.get((segment.string_id, segment.context_id))
        origin = origin_of(st) if st is not None else None
        confirmation = getattr(st, "confirmation", None) if st is not None else None
        valid = confirmation is not None and confirmation.data == st.data
        if origin == MACHINE:
            confirmed = valid
            who = confirmation.confirmed_by if valid else None
            when = confirmation.confirmed_at if valid else None
        else:
            confirmed = st is not None
            who = st.last_translated_by if st is not None else None
            when = st.updated_at if st is not None else None
        rows.append(
            SegmentRow(
                segment=segment,
                source=segment.string.data,
                translation=st,
                origin=origin,
                confirmed=confirmed,
                confirmed_by=(who.get_full_name() or who.get_username()) if who else "",
                confirmed_at=when,
                differences=(
                    protected_differences(segment.string.data, st.data, source_language, target_language)
                    if st is not None
                    else []
                ),
            )
        )
    return rows


def segments_confirm(translation, segment_ids, user):
    """A person confirms these machine-translated texts of a translation; returns how many."""
    rows = [
        row
        for row in translation_segments(translation)
        if row.segment.pk in set(segment_ids) and row.origin == MACHINE
    ]
    now = timezone.now()
    for row in rows:
        SegmentConfirmation.objects.update_or_create(
            string_translation=row.translation,
            defaults={"data": row.translation.data, "confirmed_by": user, "confirmed_at": now},
        )
    return len(rows)


def translation_of(obj):
    """The enabled wagtail-localize Translation whose target is `obj` (page or snippet), or None."""
    from wagtail_localize.models import Translation

    key, locale_id = getattr(obj, "translation_key", None), getattr(obj, "locale_id", None)
    if key is None or locale_id is None:
        return None
    return (
        Translation.objects.filter(source__object_id=key, target_locale_id=locale_id, enabled=True)
        .select_related("source")
        .first()
    )
