"""The article importer: .txt/.md/.html files become ArticlePages with treatment blocks."""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Locale, Page, Revision

from cms.articles.importer import parse_article
from cms.articles.importer.dates import find_date
from cms.articles.models import ArticleIndexPage, ArticlePage
from cms.articles.services import ArticleImportError, article_import, modality_match
from cms.editorial.signoff import signoff_waived
from home.models import HomePage

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEED = Path(settings.BASE_DIR) / "cms" / "demo" / "content" / "treatment-for-stage-4-lung-cancer.txt"
BREAST_TXT = FIXTURES / "early-breast-cancer.txt"
COLORECTAL_MD = FIXTURES / "colorectal-cancer.md"
PROSTATE_MD = FIXTURES / "prostate-cancer.md"
HER2_HTML = FIXTURES / "her2-breast-cancer-blog.html"
COLON_HTML = FIXTURES / "colon-cancer-chemotherapy.html"
SEED_MODALITIES = ["surgery", "radiation-therapy", "chemotherapy", "targeted-therapy", "immunotherapy"]


def run(path, *args):
    """Run the command in-process; (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_article", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def treatments(page):
    """[(heading, modality slug or None)] of the page's newest revision."""
    body = page.get_latest_revision_as_object().body
    return [
        (b.value["heading"], b.value["modality"].slug if b.value["modality"] else None)
        for b in body
        if b.block_type == "treatment"
    ]


def body_html(page):
    """All rich text of the page's newest revision, as stored."""
    return json.dumps(list(page.get_latest_revision_as_object().body.raw_data))


def counts():
    return Page.objects.count(), Revision.objects.count()


@pytest.fixture
def publishing():
    """Articles need a clinical sign-off to go live (cms.editorial); these tests waive it on the record."""
    with signoff_waived("importer tests"):
        yield


# --- Parsing, no database -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct 29, 2023", datetime.date(2023, 10, 29)),
        ("October 29th, 2023", datetime.date(2023, 10, 29)),
        ("2023-10-29", datetime.date(2023, 10, 29)),
        ("29 October 2023", datetime.date(2023, 10, 29)),
        ("Published on: 29 Oct 2023", datetime.date(2023, 10, 29)),
        ("Sept 5, 2023", datetime.date(2023, 9, 5)),
        ("29.10.2023", datetime.date(2023, 10, 29)),
        ("Stage 4 lung cancer", None),
        ("Feb 30, 2023", None),
    ],
)
def test_dates_in_common_formats(text, expected):
    assert find_date(text) == expected


def test_seed_parses_into_intro_sections_and_five_treatments():
    parsed = parse_article(SEED)

    assert parsed.title == "Treatment for Stage 4 Lung Cancer"
    assert parsed.date == datetime.date(2023, 10, 29)
    assert parsed.summary.startswith("Lung cancer is a serious condition")
    assert "Oct 29, 2023" not in parsed.intro
    assert [(b.kind, b.heading) for b in parsed.blocks] == [
        ("section", "Understanding Stage 4 Lung Cancer"),
        ("treatment", "Surgery"),
        ("treatment", "Radiation Therapy"),
        ("treatment", "Chemotherapy"),
        ("treatment", "Targeted Therapy"),
        ("treatment", "Immunotherapy"),
    ]
    assert parsed.blocks[1].procedures == ["Wedge resection", "Lobectomy"]
    assert "body's immune system" in parsed.blocks[-1].body


def test_txt_lists_emphasis_and_inline_heading():
    parsed = parse_article(BREAST_TXT)

    assert parsed.date == datetime.date(2024, 3, 5)
    assert "<b>not spread</b>" in parsed.intro and "<i>treated successfully</i>" in parsed.intro
    signs = parsed.blocks[0]
    assert (signs.kind, signs.heading) == ("section", "Signs to Look For")
    assert signs.body.count("<li") == 3 and "<ul>" in signs.body
    hormone = next(b for b in parsed.blocks if b.heading == "Hormone Therapy")
    assert "<ol>" in hormone.body and "progesterone receptor status" in hormone.body
    assert parsed.blocks[-1].kind == "section"  # an unnumbered heading closes the treatment group


def test_markdown_front_matter_subheadings_and_links():
    parsed = parse_article(COLORECTAL_MD)

    assert (parsed.title, parsed.date) == ("Treating Colorectal Cancer", datetime.date(2024, 1, 15))
    kinds = [(b.kind, b.heading) for b in parsed.blocks]
    assert kinds[:2] == [("section", "What is colorectal cancer?"), ("section", "Treatment options")]
    assert [h for k, h in kinds if k == "treatment"] == [
        "Surgery",
        "Chemotherapy",
        "Targeted drug therapies",
        "Clinical trials",
    ]
    surgery = parsed.blocks[2]
    assert ">Keyhole surgery</h4>" in surgery.body and "<ul>" in surgery.body
    assert surgery.procedures == ["Colectomy", "Anterior resection"]
    assert '<a href="https://example.org/screening">the screening guide</a>' in parsed.blocks[0].body
    assert "<i>ask your specialist</i>" in parsed.blocks[-2].body


def test_markdown_numbered_headings_and_date_line():
    parsed = parse_article(PROSTATE_MD)

    assert parsed.date == datetime.date(2024, 1, 12)
    assert "Published" not in parsed.intro
    assert [(b.kind, b.heading) for b in parsed.blocks] == [
        ("treatment", "Active Surveillance"),
        ("treatment", "Radiotherapy"),
        ("treatment", "Hormone therapy"),
        ("section", "Side effects"),
    ]


def test_html_keeps_the_article_and_drops_the_page_around_it():
    parsed = parse_article(HER2_HTML)

    assert parsed.title == "HER2-Positive Breast Cancer: Your Treatment Choices"
    assert parsed.date == datetime.date(2024, 2, 14)  # <time datetime> in the article
    everything = parsed.intro + "".join(b.heading + b.body for b in parsed.blocks)
    for marker in (
        "SITE-HEADER",
        "NAV-LINK",
        "SHARE-BUTTON",
        "ASIDE-TEXT",
        "FOOTER-TEXT",
        "TRACKING-SCRIPT",
        "display: flex",
        "FORM-",
        "COMMENT-TEXT",
        "IMAGE-ALT",
        "JS-LINK",
        "javascript:",
        "onclick",
        "/relative/page",
        "class=",
    ):
        assert marker not in everything, marker
    assert "<b>HER2-positive</b>" in parsed.intro and "<i>target HER2</i>" in parsed.intro
    assert '<a href="https://example.org/her2">HER2-positive</a>' in everything
    assert [b.heading for b in parsed.treatments] == [
        "Surgery",
        "Radiotherapy",
        "Targeted Therapy",
        "Clinical Trials",
    ]
    assert "<ul><li" in parsed.treatments[2].body and "<p" not in parsed.treatments[2].body


def test_html_without_article_uses_the_densest_block_and_a_byline_date():
    parsed = parse_article(COLON_HTML)

    assert (parsed.title, parsed.date) == ("Chemotherapy for Colon Cancer", datetime.date(2023, 10, 3))
    everything = parsed.intro + "".join(b.body for b in parsed.blocks)
    assert "SIDEBAR-TEXT" not in everything and "MENU-TEXT" not in everything
    assert "FOOTER-LINKS-TEXT" not in everything and "Posted on" not in everything
    assert [b.heading for b in parsed.treatments] == ["Chemotherapy", "Immunotherapy", "Palliative Care"]
    assert "Oxaliplatin \u2013 Tingling fingers" in parsed.blocks[-1].body


def test_html_title_and_date_fallbacks(tmp_path):
    page = tmp_path / "lymphoma.html"
    page.write_text(
        "<html><head><title>Living With Lymphoma | Some Site</title>"
        '<meta property="article:published_time" content="2023-05-06T10:00:00Z"></head>'
        "<body><div><p>Lymphoma is a cancer of the lymphatic system.</p>"
        "<h2>Treatment Options</h2><h3>Chemotherapy</h3><p>Given in cycles.</p></div></body></html>",
        encoding="utf-8",
    )
    parsed = parse_article(page)

    assert (parsed.title, parsed.date) == ("Living With Lymphoma", datetime.date(2023, 5, 6))
    assert [b.heading for b in parsed.treatments] == ["Chemotherapy"]


# --- Modality matching ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("Radiation Therapy", "radiation-therapy"),
        ("2) Radiation Therapy", "radiation-therapy"),
        ("1. Surgery", "surgery"),
        ("Radiotherapy", "radiation-therapy"),
        ("HORMONE THERAPY", "hormone-therapy"),
        ("Hormonal therapies", "hormone-therapy"),
        ("Targeted drug therapies", "targeted-therapy"),
        ("targeted-therapy", "targeted-therapy"),
        ("Chemo", "chemotherapy"),
        ("Surgery for early tumours", "surgery"),
        ("Clinical Trials", None),
        ("Active Surveillance", None),
    ],
)
def test_modality_match(heading, slug):
    modality = modality_match(heading, "en")
    assert (modality.slug if modality else None) == slug


# --- The command ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_import_creates_a_draft_with_five_matched_treatments(home_page):
    out, err = run(SEED)

    page = ArticlePage.objects.get(slug="treatment-for-stage-4-lung-cancer")
    assert [slug for _, slug in treatments(page)] == SEED_MODALITIES
    assert page.original_published_at == datetime.date(2023, 10, 29)
    assert page.summary.startswith("Lung cancer is a serious condition")
    body = page.get_latest_revision_as_object().body
    # The introduction is one paragraph, the summary: readers would see it twice in an Overview.
    assert (body[0].block_type, body[0].value["heading"]) == ("section", "Understanding Stage 4 Lung Cancer")
    assert page.summary[:40] not in str(body.raw_data)
    surgery = body[1].value
    assert list(surgery["procedures"]) == ["Wedge resection", "Lobectomy"]
    assert list(surgery["centers"]) == []
    assert not page.live and page.has_unpublished_changes
    parent = page.get_parent().specific
    assert isinstance(parent, ArticleIndexPage) and parent.slug == "articles" and parent.live
    assert parent.get_parent().pk == home_page.pk
    assert f"Created article {page.pk}" in out and "1 section, 5 treatments" in out
    assert "Radiation Therapy -> radiation-therapy" in out
    assert "Saved as draft" in out and err == ""


@pytest.mark.django_db
def test_lists_and_emphasis_survive_into_the_page(home_page):
    run(BREAST_TXT)
    run(COLORECTAL_MD)
    run(HER2_HTML)

    breast_page = ArticlePage.objects.get(slug="treatment-options-for-early-breast-cancer")
    breast = body_html(breast_page)
    assert "<ul><li" in breast and "<ol><li" in breast
    # The first paragraph is the (plain text) summary, and only that: not repeated in the body.
    assert breast_page.summary.startswith("Early breast cancer is cancer that has not spread beyond")
    assert "not spread" not in breast and "A treatment plan depends on the type" in breast
    colorectal_page = ArticlePage.objects.get(slug="treating-colorectal-cancer")
    colorectal = body_html(colorectal_page)
    assert "<i>polyps</i>" in colorectal and "it is often curable" in colorectal_page.summary
    her2 = ArticlePage.objects.get(slug="her2-positive-breast-cancer-your-treatment-choices")
    assert "ASIDE-TEXT" not in body_html(her2) + her2.summary


@pytest.mark.django_db
def test_synonyms_match_and_an_unknown_heading_warns(home_page):
    out, err = run(BREAST_TXT)

    page = ArticlePage.objects.get(slug="treatment-options-for-early-breast-cancer")
    assert treatments(page) == [
        ("Surgery", "surgery"),
        ("Radiotherapy", "radiation-therapy"),
        ("Hormone Therapy", "hormone-therapy"),
        ("Clinical Trials", None),
    ]
    assert "Clinical Trials -> no modality" in out
    assert "WARNING:" in err and '"Clinical Trials" matches no treatment modality' in err


@pytest.mark.django_db
def test_markdown_and_html_imports_match_modalities(home_page):
    run(PROSTATE_MD)
    _, err = run(COLON_HTML)

    prostate = ArticlePage.objects.get(slug="prostate-cancer-treatment")
    assert treatments(prostate) == [
        ("Active Surveillance", None),
        ("Radiotherapy", "radiation-therapy"),
        ("Hormone therapy", "hormone-therapy"),
    ]
    colon = ArticlePage.objects.get(slug="chemotherapy-for-colon-cancer")
    assert [slug for _, slug in treatments(colon)] == ["chemotherapy", "immunotherapy", "palliative-care"]
    assert colon.original_published_at == datetime.date(2023, 10, 3)
    assert err == ""


@pytest.mark.django_db
def test_reimport_adds_a_revision_not_a_page(home_page):
    run(SEED)
    page = ArticlePage.objects.get(slug="treatment-for-stage-4-lung-cancer")
    pages, revisions = counts()

    out, _ = run(SEED)

    assert counts() == (pages, revisions + 1)
    assert ArticlePage.objects.filter(slug="treatment-for-stage-4-lung-cancer").count() == 1
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2
    assert f"Updated article {page.pk}" in out


@pytest.mark.django_db
def test_publish_makes_it_live(home_page, publishing):
    out, _ = run(SEED, "--publish")

    page = ArticlePage.objects.get(slug="treatment-for-stage-4-lung-cancer")
    assert page.live and not page.has_unpublished_changes
    assert page.live_revision_id == page.latest_revision_id
    assert "Published" in out


@pytest.mark.django_db
def test_draft_reimport_leaves_the_live_content_alone(home_page, publishing, tmp_path):
    run(SEED, "--publish")
    page = ArticlePage.objects.get(slug="treatment-for-stage-4-lung-cancer")
    changed = tmp_path / "seed.txt"
    changed.write_text(SEED.read_text().replace("Chemotherapy involves", "CHANGED-TEXT involves"))

    run(changed)

    live = ArticlePage.objects.get(pk=page.pk)
    assert live.live and live.has_unpublished_changes
    assert live.latest_revision_id != live.live_revision_id
    assert "CHANGED-TEXT" not in json.dumps(list(live.body.raw_data))
    assert "CHANGED-TEXT" not in json.dumps(live.live_revision.content)
    assert "CHANGED-TEXT" in body_html(live)


@pytest.mark.django_db
def test_reimport_keeps_partner_centres_editors_linked(home_page, center):
    run(SEED)
    page = ArticlePage.objects.get(slug="treatment-for-stage-4-lung-cancer")
    draft = page.get_latest_revision_as_object()
    raw = draft.body.raw_data
    surgery = next(item for item in raw if item["type"] == "treatment")
    surgery["value"]["centers"] = [{"type": "item", "value": center.pk, "id": "c1"}]
    draft.body = raw
    draft.save_revision()

    run(SEED)

    body = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object().body
    assert list(next(b for b in body if b.block_type == "treatment").value["centers"]) == [center]
    assert list(body[3].value["centers"]) == []


@pytest.mark.django_db
def test_parent_slug_and_default_parent(home_page, article_index):
    run(SEED, "--parent", article_index.slug)
    run(BREAST_TXT)

    for slug in ("treatment-for-stage-4-lung-cancer", "treatment-options-for-early-breast-cancer"):
        assert ArticlePage.objects.get(slug=slug).get_parent().pk == article_index.pk
    assert ArticleIndexPage.objects.count() == 1


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "missing file": (lambda tmp: tmp / "nope.txt", [], "File not found"),
    "empty file": (lambda tmp: _write(tmp, "empty.txt", b""), [], "is empty"),
    "blank file": (lambda tmp: _write(tmp, "blank.md", b"  \n\n\t\n"), [], "is empty"),
    "binary file": (lambda tmp: _write(tmp, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR"), [], "binary"),
    "not utf-8": (
        lambda tmp: _write(tmp, "latin.txt", "Caf\xe9 title\n\nText.".encode("latin-1")),
        [],
        "UTF-8",
    ),
    "directory": (lambda tmp: tmp, [], "directory"),
    "title-less txt": (
        lambda tmp: _write(
            tmp, "notitle.txt", b"This article starts with a sentence, not a title.\n\nMore.\n"
        ),
        [],
        "No title",
    ),
    "title-less md": (
        lambda tmp: _write(tmp, "notitle.md", b"Some text.\n\n## Section\n\nMore.\n"),
        [],
        "No title",
    ),
    "title-less html": (lambda tmp: _write(tmp, "notitle.html", b"<p>Just text.</p>"), [], "No title"),
    "unknown extension": (lambda tmp: _write(tmp, "article.pdf", b"%PDF-1.7"), [], "unknown file type"),
    "docx that is not Word": (
        lambda tmp: _write(tmp, "article.docx", b"PK\x03\x04"),
        [],
        "not a Word document",
    ),
    "unknown locale": (lambda tmp: SEED, ["--locale", "xx"], 'Unknown locale "xx"'),
    "parent not found": (lambda tmp: SEED, ["--parent", "no-such-index"], "No article index"),
    "parent not an index": (lambda tmp: SEED, ["--parent", "home"], "not an article index"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_fails_cleanly_and_writes_nothing(case, tmp_path, home_page):
    make_path, args, message = BAD_INPUTS[case]
    before = counts()

    with pytest.raises(CommandError, match=message):
        run(make_path(tmp_path), *args)

    assert counts() == before


@pytest.mark.django_db
def test_locale_without_home_page_fails_and_writes_nothing(unseeded, home_page):
    Locale.objects.get_or_create(language_code="es")
    assert not HomePage.objects.filter(locale__language_code="es").exists()
    before = counts()

    with pytest.raises(CommandError, match='Locale "es" has no home page'):
        run(SEED, "--locale", "es")

    assert counts() == before


@pytest.mark.django_db
def test_refused_publish_writes_nothing(home_page, article_index):
    user = get_user_model().objects.create_user("nobody", password="pw")
    before = counts()

    with pytest.raises(ArticleImportError, match="Not published, and nothing saved"):
        article_import(SEED, parent=article_index, publish=True, user=user)

    assert counts() == before


def test_command_exit_status_and_stderr_in_a_real_process(tmp_path):
    """The real CLI: exit 0 with warnings on stderr; exit 1 with the error and no page on bad input."""
    database = tmp_path / "cli.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    manage = [sys.executable, "manage.py"]
    cwd = settings.BASE_DIR

    def cli(*args):
        return subprocess.run(
            [*manage, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    assert cli("migrate", "--noinput", "-v", "0").returncode == 0

    ok = cli("import_article", str(BREAST_TXT))
    assert ok.returncode == 0, ok.stderr
    assert "Created article" in ok.stdout and "Clinical Trials -> no modality" in ok.stdout
    assert "WARNING:" in ok.stderr and "Clinical Trials" in ok.stderr

    docx = shutil.copy(BREAST_TXT, tmp_path / "breast.docx")
    bad = cli("import_article", str(docx))
    assert bad.returncode == 1
    assert "CommandError: " in bad.stderr and "breast.docx is not a Word document (.docx)" in bad.stderr

    missing = cli("import_article", str(tmp_path / "missing.md"))
    assert missing.returncode == 1 and "File not found" in missing.stderr

    with sqlite3.connect(database) as connection:
        (articles,) = connection.execute("SELECT count(*) FROM articles_articlepage").fetchone()
    assert articles == 1
