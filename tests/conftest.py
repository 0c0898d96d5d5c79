"""Shared fixtures: the page tree, vocabulary and users, built through the real models."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from cms.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    Condition,
    MedicalCenter,
    Person,
    TreatmentModality,
)
from cms.editorial.signoff import signoff_record
from home.models import HomePage

# The shared fixtures, one plugin per area (helpers are imported from them by name); every v2
# response checked against the OpenAPI document.
pytest_plugins = [
    "tests.editorial_support",
    "tests.localization_support",
    "tests.webhook_support",
    "tests.openapi_contract",
]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database rolls back, Django's cache would not."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def locale_en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def home_page(locale_en):
    return HomePage.objects.get(locale=locale_en, depth=2)


@pytest.fixture
def article_index(home_page):
    index = home_page.add_child(instance=ArticleIndexPage(title="Treatments", slug="treatments"))
    index.save_revision().publish()
    return index


@pytest.fixture
def modalities(locale_en):
    """The shipped vocabulary, by slug."""
    return {m.slug: m for m in TreatmentModality.objects.filter(locale=locale_en)}


@pytest.fixture
def condition(locale_en):
    return Condition.objects.create(
        name="Lung cancer", slug="lung-cancer", icd10_code="C34", locale=locale_en
    )


@pytest.fixture
def center(locale_en, modalities):
    center = MedicalCenter.objects.create(
        name="Test Thoracic Centre", slug="test-thoracic", city="Lyon", country="France", locale=locale_en
    )
    center.modalities.add(modalities["surgery"])
    return center


@pytest.fixture
def article_signer(db):
    """The CMS account of the fixture reviewer (Dr Rae Viewer): it signs `make_article`s off."""
    return get_user_model().objects.create_user(
        "rae", "rae@example.org", "pw", first_name="Rae", last_name="Viewer"
    )


@pytest.fixture
def reviewer(locale_en, article_signer):
    return Person.objects.create(
        name="Dr Rae Viewer", slug="rae-viewer", credentials="MD", locale=locale_en, user=article_signer
    )


# The day fixture articles were signed off: last reviewed 2026-01-01, next review due 2027-01-01.
SIGNED_ON = datetime.date(2026, 1, 1)


@pytest.fixture
def make_article(article_index, modalities, condition, center, reviewer, article_signer):
    """Create an article with a section, a treatment and references; published, it is signed off."""

    def make(title="Treating lung cancer", publish=True, signer=None, **fields):
        page = ArticlePage(
            title=title,
            live=False,
            summary="How lung cancer is treated.",
            original_published_at=datetime.date(2023, 10, 29),
            condition=condition,
            body=[
                (
                    "section",
                    {
                        "heading": "Overview",
                        "body": f'<p>See <a linktype="page" id="{article_index.pk}">all</a>.</p>',
                    },
                ),
                (
                    "treatment",
                    {
                        "modality": modalities["surgery"],
                        "heading": "Surgery",
                        "body": "<p>Surgery <b>removes</b> the tumour.</p>",
                        "procedures": ["Lobectomy"],
                        "centers": [center],
                    },
                ),
                ("treatment", {"modality": None, "heading": "Clinical trials", "body": "<p>Ask.</p>"}),
                ("references", {"heading": "References", "items": [{"citation": "NICE NG122", "url": ""}]}),
            ],
            **fields,
        )
        article_index.add_child(instance=page)
        page.save_revision()
        if publish:
            # Signed off by the fixture clinician, as an article reaches readers.
            signoff_record(page, signer or article_signer, today=SIGNED_ON).revision.publish()
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")


@pytest.fixture
def superuser_client(client, superuser):
    """The test client, logged in as the superuser."""
    client.force_login(superuser)
    return client


# --- Real browser (Debian's chromium driven by Playwright; `make system-packages` installs it) ---

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    """A fresh Chromium tab; the test talks to `live_server.url` through it."""
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # meanwhile are still synchronous, so Django's async guard does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            # While Playwright's loop runs, the test's ORM calls get their own connection
            # (asgiref's Local is per context): close it, or PostgreSQL keeps the session and
            # the test database cannot be dropped.
            from django.db import connections

            connections.close_all()
            context.close()
            browser.close()
