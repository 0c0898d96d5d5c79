"""Build the benchmark's data set: N published articles like the seed, half English, half Spanish.

Rows are written in bulk (one INSERT per table per batch) so that 10,000 articles take seconds;
each article has the seed's shape: two sections, five treatment sections linked to modalities and
partner centres, and references. Run inside a configured Django process (see bench/run.py).
"""

import datetime
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.articles.models import ArticleIndexPage, ArticlePage, Condition, MedicalCenter, TreatmentModality
from cms.delivery.cache.snapshots import snapshots_build
from home.models import HomePage

TREATMENTS = ["surgery", "radiation-therapy", "chemotherapy", "targeted-therapy", "immunotherapy"]
PARAGRAPH = (
    "<p>{topic} is a common treatment for stage 4 lung cancer in some patients. It is chosen "
    "with the care team after looking at <b>the spread of the cancer</b>, general health and the "
    "patient's own wishes. Treatment plans <i>vary</i> from one person to another.</p>"
)


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def article_body(number, modalities, centers):
    blocks = [
        _block("section", {"heading": "Overview", "body": PARAGRAPH.format(topic=f"Care plan {number}")}),
        _block("section", {"heading": "Understanding stage 4", "body": PARAGRAPH.format(topic="Staging")}),
    ]
    for position, slug in enumerate(TREATMENTS):
        offered = [c.pk for c in centers[(number + position) % len(centers) :][:2]] or [centers[0].pk]
        blocks.append(
            _block(
                "treatment",
                {
                    "modality": modalities[slug].pk,
                    "heading": modalities[slug].name,
                    "body": PARAGRAPH.format(topic=modalities[slug].name) + "<ul><li>Ask your team</li></ul>",
                    "procedures": ["Lobectomy", "Wedge resection"] if slug == "surgery" else [],
                    "centers": offered,
                },
            )
        )
    blocks.append(
        _block(
            "references", {"heading": "References", "items": [{"citation": "NICE NG122 (2019).", "url": ""}]}
        )
    )
    return blocks


def _translated(obj, locale):
    existing = type(obj).objects.filter(translation_key=obj.translation_key, locale=locale).first()
    if existing:
        return existing
    copy = obj.copy_for_translation(locale)
    copy.save()
    return copy


def _locale_tree(locale, en_home, en_index):
    if locale.language_code == "en":
        return en_index
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = en_home.copy_for_translation(locale)
        home.save_revision().publish()
    index = ArticleIndexPage.objects.filter(locale=locale).first()
    if index is None:
        index = en_index.copy_for_translation(locale)
        index.save_revision().publish()
    return ArticleIndexPage.objects.get(pk=index.pk)


def _vocabulary(en, locale):
    condition, _ = Condition.objects.get_or_create(
        slug="lung-cancer", locale=en, defaults={"name": "Lung cancer", "icd10_code": "C34"}
    )
    modalities = {m.slug: m for m in TreatmentModality.objects.filter(locale=en)}
    centers = []
    for n in range(20):
        center, _ = MedicalCenter.objects.get_or_create(
            slug=f"partner-centre-{n}",
            locale=en,
            defaults={"name": f"Partner Centre {n}", "city": "Hamburg", "country": "Germany"},
        )
        center.modalities.set(modalities.values())
        centers.append(center)
    if locale != en:
        condition = _translated(condition, locale)
        modalities = {slug: _translated(m, locale) for slug, m in modalities.items()}
        centers = [_translated(c, locale) for c in centers]
    return condition, modalities, centers


def _insert_articles(index, locale, count, keys, condition, modalities, centers):
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    start = index.numchild
    pages = []
    for n in range(count):
        slug = f"treatment-guide-{n}"
        pages.append(
            Page(
                title=f"Treatment guide {n}: stage 4 lung cancer",
                draft_title=f"Treatment guide {n}: stage 4 lung cancer",
                slug=slug,
                content_type=content_type,
                path=index.path + Page._int2str(start + n + 1).rjust(Page.steplen, "0"),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                locale=locale,
                translation_key=keys[n],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                show_in_menus=False,
            )
        )
    pages = Page.objects.bulk_create(pages, batch_size=500)
    fields = [f for f in ArticlePage._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {ArticlePage._meta.db_table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    rows = []
    for n, page in enumerate(pages):
        article = ArticlePage(
            page_ptr_id=page.pk,
            summary=f"How stage 4 lung cancer is treated (guide {n}).",
            original_published_at=datetime.date(2023, 10, 29),
            condition=condition,
            stage="Stage 4",
            body=article_body(n, modalities, centers),
            last_reviewed=datetime.date(2026, 6, 1),
            next_review_due=datetime.date(2027, 6, 1),
        )
        rows.append([f.get_db_prep_save(f.pre_save(article, True), connection) for f in fields])
    with connection.cursor() as cursor:
        for batch in range(0, len(rows), 500):
            cursor.executemany(sql, rows[batch : batch + 500])
    Page.objects.filter(pk=index.pk).update(numchild=start + count)
    return [p.pk for p in pages]


@transaction.atomic
def dataset_build(total, language_codes=("en", "es")):
    """Create `total` published articles split across the locales; return their ids by locale."""
    locales = [Locale.objects.get_or_create(language_code=code)[0] for code in language_codes]
    en = locales[0]
    en_home = HomePage.objects.get(locale=en, depth=2)
    en_index = ArticleIndexPage.objects.filter(locale=en).first()
    if en_index is None:
        en_index = en_home.add_child(instance=ArticleIndexPage(title="Treatments", slug="treatments"))
        en_index.save_revision().publish()
    per_locale = total // len(locales)
    keys = [uuid.uuid4() for _ in range(per_locale)]
    ids = {}
    for locale in locales:
        index = _locale_tree(locale, en_home, en_index)
        condition, modalities, centers = _vocabulary(en, locale)
        ids[locale.language_code] = _insert_articles(
            index, locale, per_locale, keys, condition, modalities, centers
        )
    return ids


def dataset_snapshots_build(ids):
    """Render every article's detail snapshot with the function publishing runs (after commit).

    Returns (snapshots stored, seconds taken): the cost publishing pays, spread over the pages.
    """
    started = time.perf_counter()
    stored = snapshots_build([pk for pks in ids.values() for pk in pks])
    return stored, round(time.perf_counter() - started, 2)
