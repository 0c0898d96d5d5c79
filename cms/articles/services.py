"""Article business rules as plain functions, called by commands, the demo loader and views alike.

article_import(path, ...) turns a .txt/.md/.html/.docx file into an ArticlePage; the admin's
upload uses the same rules in two steps: article_import_plan (the preview, nothing
written) then article_import_parsed (the draft).

- The introduction (text before the first heading) gives the page summary (its
  first paragraph, plain text); the rest of it, if any, a first body section
  headed "Overview" (translated into the page's language; a section needs a
  heading). Readers see the summary above the body, so it is not repeated there.
- Treatment headings become treatment blocks whose modality is matched by
  name, slug or synonym (modality_match); an unmatched heading keeps its block
  with no modality and a warning.
- The same article imported again (same slug in the locale, preferably under
  the same parent) gets a new revision on the existing page instead of a
  second page. Editor-made links to partner centres are kept for treatments
  that still have the same modality (or heading). Fields the file does not
  carry (condition, authors, review dates) are left as editors set them.
- Without publish=True the import is a draft: a live page keeps serving its
  published content until someone publishes the new revision.
- Any problem raises ArticleImportError before anything is written; writes run
  in one transaction.
"""

import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from home.models import HomePage

from .importer import ArticleImportError, parse_article
from .importer.richtext import first_paragraph_text, without_first_paragraph
from .models import ArticleIndexPage, ArticlePage, TreatmentModality

__all__ = [
    "ArticleImportError",
    "ImportPlan",
    "ImportResult",
    "article_import",
    "article_import_parsed",
    "article_import_plan",
    "article_import_refusal",
    "modality_match",
    "overview_without_summary",
]

TITLE_MAX = 255


@dataclass
class ImportResult:
    """What article_import did: the page (with the imported content), whether it is new, and warnings."""

    page: ArticlePage
    created: bool
    warnings: list = field(default_factory=list)
    published: bool = False
    revision: object = None
    parent: ArticleIndexPage | None = None
    parent_created: bool = False


# --- Modality matching ---------------------------------------------------------------------------


def _singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _normalise(text):
    """'2) Radiation Therapies' -> 'radiation therapy'."""
    text = re.sub(r"^\s*\d{1,2}\s*[.):]\s*", "", text or "")
    return " ".join(_singular(word) for word in re.findall(r"\w+", text.casefold()))


def _modality_candidates(heading, modalities):
    """Modalities a heading names: an exact name or synonym, else those it mentions in order."""
    key = _normalise(heading)
    if not key:
        return []
    names = [(modality, _normalise(name)) for modality in modalities for name in modality.names()]
    exact = [modality for modality, name in names if name == key]
    if exact:
        return exact[:1]
    mentions = sorted(
        ((f" {key} ".find(f" {name} "), -len(name), modality) for modality, name in names if name),
        key=lambda hit: hit[:2],
    )
    found = []
    for position, _length, modality in mentions:
        if position >= 0 and modality not in found:
            found.append(modality)
    return found


def _locale(value):
    if isinstance(value, Locale):
        return value
    found = Locale.objects.filter(language_code__iexact=str(value or "").strip()).first()
    if found is None:
        known = ", ".join(Locale.objects.order_by("language_code").values_list("language_code", flat=True))
        raise ArticleImportError(f'Unknown locale "{value}": this CMS has {known or "no locales"}.')
    return found


def modality_match(heading, locale):
    """The TreatmentModality a heading names in that locale ("2. Radiation Therapy" -> radiation-therapy).

    Matching ignores case, numbering and plurals, and tries the name, the slug
    and every synonym; a heading that merely mentions a modality ("Surgery for
    early tumours") matches it too. Returns None when nothing fits.
    """
    candidates = _modality_candidates(heading, TreatmentModality.objects.filter(locale=_locale(locale)))
    return candidates[0] if candidates else None


# --- Where the page goes -------------------------------------------------------------------------


def _find_parent(parent, locale):
    """(the ArticleIndexPage to import under, or None with the home page to create "Articles" under)."""
    if isinstance(parent, Page):
        page = parent.specific
        if not isinstance(page, ArticleIndexPage):
            raise ArticleImportError(f'"{page.title}" is not an article index: articles go under one.')
        if page.locale_id != locale.pk:
            raise ArticleImportError(f'"{page.title}" is in locale "{page.locale}", not "{locale}".')
        return page, None
    if parent:
        index = ArticleIndexPage.objects.filter(locale=locale, slug=parent).order_by("path").first()
        if index is not None:
            return index, None
        other = Page.objects.filter(locale=locale, slug=parent).first()
        if other is not None:
            kind = other.specific_class._meta.verbose_name if other.specific_class else "page"
            raise ArticleImportError(f'Parent "{parent}" is a {kind}, not an article index.')
        raise ArticleImportError(f'No article index with slug "{parent}" in locale "{locale.language_code}".')
    index = ArticleIndexPage.objects.filter(locale=locale).order_by("path").first()
    if index is not None:
        return index, None
    home = HomePage.objects.filter(locale=locale).order_by("path").first()
    if home is None:
        raise ArticleImportError(
            f'Locale "{locale.language_code}" has no home page to create an "Articles" index under: '
            "translate the home page into it first, or pass an existing article index as --parent."
        )
    return None, home


def _create_index(home, locale, user):
    with translation.override(locale.language_code):
        title = gettext("Articles")
    # An empty listing page carries no medical content, so it goes live at once: otherwise
    # every article published under it would sit below an unpublished page.
    index = home.add_child(instance=ArticleIndexPage(title=title, slug="articles", locale=locale))
    index.save_revision(user=user).publish(user=user)
    return index


def _existing_page(locale, slug, parent):
    pages = ArticlePage.objects.filter(locale=locale, slug=slug)
    return (parent and pages.child_of(parent).first()) or pages.order_by("path").first()


# --- Body -----------------------------------------------------------------------------------------


def _item(value):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _previous_centers(page):
    """Partner centres editors linked to each treatment, by modality and by heading."""
    kept = {}
    for block in page.body:
        if block.block_type != "treatment":
            continue
        centers = [center.pk for center in block.value["centers"] if center is not None]
        modality = block.value["modality"]
        if modality is not None:
            kept.setdefault(("modality", modality.pk), centers)
        kept.setdefault(("heading", block.value["heading"].casefold()), centers)
    return kept


def _treatment(block, modalities, previous, locale, warnings):
    candidates = _modality_candidates(block.heading, modalities)
    modality = candidates[0] if candidates else None
    if modality is None:
        warnings.append(
            f'Treatment "{block.heading}" matches no treatment modality in locale '
            f'"{locale.language_code}"; it was saved without one. Choose one in the admin, '
            "or add the heading as a synonym of a modality and import again."
        )
    elif len(candidates) > 1:
        others = ", ".join(m.slug for m in candidates[1:])
        warnings.append(f'Treatment "{block.heading}" also mentions {others}; matched {modality.slug}.')
    centers = previous.get(("modality", modality.pk) if modality else None) or previous.get(
        ("heading", block.heading.casefold()), []
    )
    return {
        "modality": modality.pk if modality else None,
        "heading": block.heading,
        "body": block.body,
        "procedures": [_item(name) for name in block.procedures],
        "centers": [_item(pk) for pk in centers],
    }


def _body(parsed, locale, previous):
    """(the StreamValue for ArticlePage.body, warnings)."""
    stream_block = ArticlePage._meta.get_field("body").stream_block
    modalities = list(TreatmentModality.objects.filter(locale=locale))
    warnings, raw = [], []
    overview_body = overview_without_summary(parsed.intro, parsed.summary)
    if overview_body:
        with translation.override(locale.language_code):
            overview = gettext("Overview")
        raw.append(("section", {"heading": overview, "body": overview_body}))
    for block in parsed.blocks:
        if block.kind == "treatment":
            raw.append(("treatment", _treatment(block, modalities, previous, locale, warnings)))
        else:
            raw.append(("section", {"heading": block.heading, "body": block.body}))
    data = [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in raw]
    value = stream_block.to_python(data)
    try:
        stream_block.clean(value)
    except ValidationError as error:
        raise ArticleImportError(f"The imported article does not fit the page's blocks: {error}") from error
    return value, warnings


def overview_without_summary(intro_html, summary):
    """The introduction without the paragraph the summary already says ('' if nothing is left)."""
    if summary and first_paragraph_text(intro_html) == summary:
        return without_first_paragraph(intro_html)
    return intro_html or ""


# --- Import ---------------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What importing a parsed article would do, worked out without writing anything (the admin's preview)."""

    parsed: object
    locale: Locale
    slug: str
    index: ArticleIndexPage | None  # None: an "Articles" index is created under `home`
    home: Page | None
    existing: ArticlePage | None
    body: object
    warnings: list

    @property
    def blocks(self):
        """[(kind, heading, modality or None, procedures)] in page order."""
        return [
            (block.block_type, value["heading"], value.get("modality"), value.get("procedures"))
            for block in self.body
            if (value := block.value)
        ]


def article_import_plan(parsed, *, locale="en", parent=None):
    """The import rules applied to a ParsedArticle, nothing written: an ImportPlan, or ArticleImportError."""
    if len(parsed.title) > TITLE_MAX:
        raise ArticleImportError(f"The title is longer than {TITLE_MAX} characters: {parsed.title[:60]}…")
    locale = _locale(locale)
    slug = slugify(parsed.title, allow_unicode=getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True))
    if not slug:
        raise ArticleImportError(f'Cannot make a URL slug from the title "{parsed.title}".')
    warnings = list(parsed.warnings)
    index, home = _find_parent(parent, locale)
    existing = _existing_page(locale, slug, index)
    if existing is not None:
        existing = existing.specific
        if parent is not None and existing.get_parent().pk != index.pk:
            warnings.append(f"The article already exists at {existing.url_path}; it was updated there.")
        previous = _previous_centers(existing.get_latest_revision_as_object())
    else:
        previous = {}
    body, body_warnings = _body(parsed, locale, previous)
    return ImportPlan(parsed, locale, slug, index, home, existing, body, [*warnings, *body_warnings])


def article_import_refusal(plan, user):
    """Why `user` may not import this plan through the admin (a message), or None.

    Creating needs the right to add an article under the index; updating, the
    right to edit the existing article, which must not be locked for them.
    """
    if plan.existing is not None:
        page = plan.existing
        if not page.permissions_for_user(user).can_edit():
            message = gettext("You cannot edit “%(title)s”, which this file would update.")
            return message % {"title": page.title}
        lock = page.get_lock()
        if lock is not None and lock.for_user(user):
            return gettext("“%(title)s” is locked: %(reason)s") % {
                "title": page.title,
                "reason": lock.get_message(user),
            }
        return None
    target = plan.index or plan.home
    if not target.permissions_for_user(user).can_add_subpage():
        return gettext("You cannot add articles under “%(title)s”.") % {"title": target.title}
    return None


def article_import(path, *, locale="en", parent=None, publish=False, user=None):
    """Import one article file as an ArticlePage; see the module docstring for the rules.

    `parent` is an ArticleIndexPage or the slug of one in `locale`; by default
    the locale's first article index (created as "Articles" under the
    locale's home page if there is none). Returns an ImportResult.
    """
    parsed = parse_article(path)
    return article_import_parsed(parsed, locale=locale, parent=parent, publish=publish, user=user)


def article_import_parsed(
    parsed, *, locale="en", parent=None, publish=False, user=None, check_permissions=False
):
    """article_import of a parsed file (the admin's upload); check_permissions checks `user`'s."""
    with transaction.atomic():
        plan = article_import_plan(parsed, locale=locale, parent=parent)
        if check_permissions and (refusal := article_import_refusal(plan, user)):
            raise ArticleImportError(refusal)
        existing, index = plan.existing, plan.index
        parent_created = index is None
        if parent_created:
            index = _create_index(plan.home, plan.locale, user)
        if existing is not None:
            page = existing.get_latest_revision_as_object()
        else:
            page = ArticlePage(slug=plan.slug, locale=plan.locale, live=False, owner=user)
        page.body = plan.body
        page.title = parsed.title
        page.summary = parsed.summary
        if parsed.date:
            page.original_published_at = parsed.date
        try:
            if existing is None:
                index.add_child(instance=page)
                log(instance=page, action="wagtail.create", user=user)
            revision = page.save_revision(user=user, log_action=existing is not None)
            if publish:
                revision.publish(user=user)
        except ValidationError as error:
            raise ArticleImportError(f"The page could not be saved: {error}") from error
        except PermissionDenied as error:
            raise ArticleImportError(
                f"Not published, and nothing saved: {error} Import without --publish to save a draft."
            ) from error
    page.refresh_from_db(fields=["live", "has_unpublished_changes", "live_revision", "latest_revision"])
    return ImportResult(
        page=page,
        created=existing is None,
        warnings=plan.warnings,
        published=publish,
        revision=revision,
        parent=existing.get_parent().specific if existing is not None else index,
        parent_created=parent_created,
    )
