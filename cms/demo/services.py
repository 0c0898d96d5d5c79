"""Build the demo site in code. Every step is idempotent: running it twice changes nothing."""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from cms.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticlePageAuthor,
    Condition,
    MedicalCenter,
    Person,
    TreatmentModality,
)
from cms.articles.services import article_import, overview_without_summary
from cms.editorial import roles
from cms.editorial.signoff import signoff_record
from cms.editorial.workflow import ensure_workflow
from home.models import HomePage

from .translations import demo_translations_load

SEED_ARTICLE = Path(__file__).parent / "content" / "treatment-for-stage-4-lung-cancer.txt"

CENTERS = [
    {
        "slug": "northshore-thoracic-institute",
        "name": "Northshore Thoracic Institute",
        "city": "Hamburg",
        "country": "Germany",
        "accreditation": "JCI accredited",
        "modalities": ["surgery", "radiation-therapy"],
    },
    {
        "slug": "mediterranean-cancer-centre",
        "name": "Mediterranean Cancer Centre",
        "city": "Barcelona",
        "country": "Spain",
        "accreditation": "OECI designated comprehensive cancer centre",
        "modalities": ["radiation-therapy", "chemotherapy", "immunotherapy"],
    },
    {
        "slug": "bosphorus-oncology-hospital",
        "name": "Bosphorus Oncology Hospital",
        "city": "Istanbul",
        "country": "Turkey",
        "accreditation": "JCI accredited",
        "modalities": ["chemotherapy", "targeted-therapy", "immunotherapy"],
    },
    {
        "slug": "alpine-precision-oncology-clinic",
        "name": "Alpine Precision Oncology Clinic",
        "city": "Zurich",
        "country": "Switzerland",
        "accreditation": "ISO 9001 certified",
        "modalities": ["surgery", "targeted-therapy"],
    },
]

PEOPLE = {
    "author": {
        "slug": "clara-lindqvist",
        "name": "Clara Lindqvist",
        "credentials": "MSc",
        "job_title": "Medical writer",
    },
    "reviewer": {
        "slug": "daniel-okafor",
        "name": "Dr Daniel Okafor",
        "credentials": "MD, FRCP",
        "job_title": "Consultant thoracic oncologist",
    },
}

# username -> (role group, first name, last name)
DEMO_USERS = {
    "editor": (roles.EDITORS, "Erin", "Editor"),
    "reviewer": (roles.MEDICAL_REVIEWERS, "Daniel", "Okafor"),
    "publisher": (roles.PUBLISHERS, "Paula", "Publisher"),
}


@dataclass
class DemoResult:
    password: str
    users: list = field(default_factory=list)
    article: ArticlePage | None = None
    created: list = field(default_factory=list)


def _upsert(model, lookup, values):
    """Create or update a row so it matches `values`; report whether anything changed."""
    obj, created = model.objects.get_or_create(**lookup, defaults=values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)
    return obj, created


def demo_vocabulary(locale, result):
    condition, created = _upsert(
        Condition,
        {"slug": "lung-cancer", "locale": locale},
        {
            "name": "Lung cancer",
            "icd10_code": "C34",
            "description": "Cancer that starts in the cells of the lungs.",
        },
    )
    if created:
        result.created.append(f"condition {condition}")
    modalities = {m.slug: m for m in TreatmentModality.objects.filter(locale=locale)}
    centers = []
    for spec in CENTERS:
        values = {k: v for k, v in spec.items() if k not in ("slug", "modalities")}
        center, created = _upsert(MedicalCenter, {"slug": spec["slug"], "locale": locale}, values)
        center.modalities.add(*[modalities[slug] for slug in spec["modalities"]])
        centers.append(center)
        if created:
            result.created.append(f"centre {center}")
    people = {}
    for key, spec in PEOPLE.items():
        values = {k: v for k, v in spec.items() if k != "slug"}
        people[key], created = _upsert(Person, {"slug": spec["slug"], "locale": locale}, values)
        if created:
            result.created.append(f"person {people[key]}")
    return condition, centers, people


def demo_users(password, result):
    User = get_user_model()
    groups = roles.ensure_roles()
    specs = {"admin": (None, "Ada", "Admin"), **DEMO_USERS}
    for username, (group_name, first, last) in specs.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        user.set_password(password)
        user.is_superuser = user.is_staff = group_name is None
        user.save()
        if group_name:
            user.groups.set([groups[group_name]])
        result.users.append((username, group_name or "Administrator"))
        if created:
            result.created.append(f"user {username}")
    return User.objects.get(username="reviewer")


def demo_index(locale):
    home = HomePage.objects.get(locale=locale, depth=2)
    index = ArticleIndexPage.objects.child_of(home).filter(slug="treatments").first()
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(
                title="Treatments",
                slug="treatments",
                locale=locale,
                intro="<p>Treatment guides reviewed by clinicians.</p>",
            )
        )
        index.save_revision().publish()
    return index


def _repair_overview(body, summary, locale):
    """Seeds imported before the importer stopped repeating the summary: drop the repeat, in place."""
    with translation.override(locale.language_code):
        overview = gettext("Overview")
    first = body[0] if body else None
    if not first or first["type"] != "section" or first["value"].get("heading") != overview:
        return False
    repaired = overview_without_summary(first["value"]["body"], summary)
    if repaired == first["value"]["body"]:
        return False
    if repaired:
        first["value"]["body"] = repaired
    else:
        del body[0]
    return True


def demo_article(locale, index, condition, centers, people, reviewer_user, result):
    """Import the seed article once, then link it to its condition, people and centres."""
    page = ArticlePage.objects.child_of(index).filter(slug="treatment-for-stage-4-lung-cancer").first()
    if page is None:
        # Imported as a draft: it goes live below, once signed off by the demo reviewer.
        page = article_import(SEED_ARTICLE, locale=locale.language_code, parent=index, publish=False).page
        result.created.append(f"article {page.title}")
    page = ArticlePage.objects.get(pk=page.pk)
    draft = page.get_latest_revision_as_object()
    changed = False
    # The review fields (reviewer, dates) are the sign-off's to write, below.
    for name, value in (("condition", condition), ("stage", "Stage 4")):
        if getattr(draft, name) != value:
            setattr(draft, name, value)
            changed = True
    if [a.person_id for a in draft.authors.all()] != [people["author"].pk]:
        draft.authors = [ArticlePageAuthor(person=people["author"])]
        changed = True
    body = list(draft.body.raw_data)
    if _repair_overview(body, draft.summary, locale):
        changed = True
    for item in body:
        if item["type"] != "treatment":
            continue
        modality = item["value"].get("modality")
        wanted = [c.pk for c in centers if modality in {m.pk for m in c.modalities.all()}]
        current = [
            child["value"] if isinstance(child, dict) else child for child in item["value"].get("centers", [])
        ]
        if current != wanted:
            item["value"]["centers"] = wanted
            changed = True
    if changed:
        draft.body = body
        draft.save_revision(user=reviewer_user)
        result.created.append("article links (condition, authors, centres)")
    if changed or not page.live or page.has_unpublished_changes:
        # Reload: `page` still points at the revision before the links were saved above.
        page = ArticlePage.objects.get(pk=page.pk)
        # A real clinical sign-off by the demo reviewer, then published by the demo publisher.
        signoff = signoff_record(page, reviewer_user, comment="Demo seed article reviewed.")
        signoff.revision.publish(user=get_user_model().objects.get(username="publisher"))
        result.created.append(f"clinical sign-off by {signoff}")
    return ArticlePage.objects.get(pk=page.pk)


@transaction.atomic
def demo_load(password=None):
    """Load the whole demo; returns what was created and the demo logins."""
    result = DemoResult(password=password or secrets.token_urlsafe(9))
    locale = Locale.get_default()
    condition, centers, people = demo_vocabulary(locale, result)
    reviewer_user = demo_users(result.password, result)
    ensure_workflow()
    if people["reviewer"].user_id != reviewer_user.pk:
        people["reviewer"].user = reviewer_user
        people["reviewer"].save(update_fields=["user"])
    index = demo_index(locale)
    result.article = demo_article(locale, index, condition, centers, people, reviewer_user, result)
    demo_translations(result)
    return result


def demo_translations(result):
    """The seed article in every configured language, translated and reviewed through the flow."""
    translations = demo_translations_load(result.article, result.password)
    result.users += translations.users
    result.created += translations.created
    for code, texts in translations.missing.items():
        result.created.append(f"{code}: {len(texts)} text(s) missing from the demo catalogue: left as drafts")
