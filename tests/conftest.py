"""Shared fixtures: the page tree, vocabulary and users, built through the real models.

The test database is seeded once per session, right after its migrations: the editorial roles and
workflow and every configured language, as `make demo` sets them up (`seed`). Each test's
transaction rolls back only its own changes; tests that flush the tables (transactional ones:
the browser tests, ...) find the seed restored (`pytest_runtest_teardown`).
"""

import datetime
import json

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


def seed():
    """What every test finds in the database besides the migrations' rows (idempotent)."""
    from cms.editorial.workflow import ensure_workflow
    from cms.localization.locales import ensure_locales

    ensure_workflow()
    ensure_locales()


@pytest.fixture(scope="session")
def _seed_after_migrations():
    """Seed the test database as soon as its migrations have run, before Django serializes it
    for `serialized_rollback` (so those tests, too, start from the seeded state)."""
    from django.apps import apps
    from django.db import DEFAULT_DB_ALIAS
    from django.db.models.signals import post_migrate

    last_app = [config for config in apps.get_app_configs() if config.models_module is not None][-1]

    def seed_once_migrated(sender, using, **kwargs):
        # post_migrate is sent once per app: the last one comes after every app's own handlers.
        if sender is last_app and using == DEFAULT_DB_ALIAS:
            seed()

    post_migrate.connect(seed_once_migrated, weak=False, dispatch_uid="tests.seed")
    # Only these migrations: a flush sends post_migrate too, to empty tables (see django_db_setup).
    return lambda: post_migrate.disconnect(dispatch_uid="tests.seed")


def _flushes(item):
    """Whether the test runs outside a transaction, so that its teardown empties every table."""
    marker = item.get_closest_marker("django_db")
    kwargs = marker.kwargs if marker else {}
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        kwargs.get("transaction")
        or kwargs.get("reset_sequences")
        or {"transactional_db", "live_server", "django_db_reset_sequences"} & set(fixtures)
    )


def _restores_itself(item):
    """Whether the test reloads the seeded state at its start (`serialized_rollback`)."""
    if item is None or not _flushes(item):
        return False
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("serialized_rollback"))
        or "django_db_serialized_rollback" in item.fixturenames
    )


class SeedSnapshot:
    """The seeded contents of the test databases, put back after a test flushed them."""

    def __init__(self, blocker, aliases):
        from django.db import connections

        self.blocker = blocker
        self.last_test = None
        self.snapshots = {}
        for alias in aliases:
            snapshot = connections[alias].creation.serialize_db_to_string()
            rows = json.loads(snapshot)
            content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
            self.snapshots[alias] = (snapshot, json.dumps(content_types))

    def restore(self, flushed_by):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.db import connections

        with self.blocker.unblock():
            for alias, (snapshot, content_types) in self.snapshots.items():
                creation = connections[alias].creation
                if not _restores_itself(flushed_by):
                    # Its flush re-created content types under new ids: start from empty tables,
                    # and with the seed's content types, which other rows' saves look up.
                    # Sequences left as they are: the seed's rows keep their ids (PostgreSQL).
                    call_command(
                        "flush",
                        database=alias,
                        interactive=False,
                        inhibit_post_migrate=True,
                        reset_sequences=False,
                        verbosity=0,
                    )
                    creation.deserialize_db_from_string(content_types)
                    ContentType.objects.clear_cache()
                creation.deserialize_db_from_string(snapshot)


_SEED = pytest.StashKey[SeedSnapshot]()


@pytest.fixture(scope="session")
def django_db_setup(_seed_after_migrations, django_db_setup, django_db_blocker, django_db_keepdb, request):
    """pytest-django's test databases, seeded once (see `_seed_after_migrations`).

    When the session holds tests that flush the tables, the seeded contents are kept to put back
    after them; with `--reuse-db` the next run then starts from the seeded state too.
    """
    from django.db import connections

    _seed_after_migrations()  # disconnects the receiver
    if not any(_flushes(item) for item in request.session.items):
        yield
        return
    with django_db_blocker.unblock():
        aliases = [alias for alias in connections if not connections[alias].settings_dict["TEST"]["MIRROR"]]
        seed = request.config.stash[_SEED] = SeedSnapshot(django_db_blocker, aliases)
    yield
    # Here the last test is torn down and the databases are not yet (nor ever, when kept).
    if django_db_keepdb and seed.last_test is not None and _flushes(seed.last_test):
        seed.restore(flushed_by=seed.last_test)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that flushed the tables, put the seeded contents back (unless the next test
    does it itself), so that the tests after it find the migrations' rows and the seed."""
    seed = item.config.stash.get(_SEED, None)
    if seed is not None:
        seed.last_test = item
    result = yield
    # After the last test the session's teardown has run: django_db_setup took care of it.
    if seed is not None and nextitem is not None and _flushes(item) and not _restores_itself(nextitem):
        seed.restore(flushed_by=item)
    return result


@pytest.fixture
def unseeded(db):
    """The tree as the migrations leave it, for tests of what the seed's own commands do to it:
    no other language's home page, and Wagtail's "Moderators approval" on the tree root only.
    Undone inside the test's transaction, so the rollback brings the seed back."""
    from django.conf import settings
    from wagtail.models import Page, Workflow, WorkflowPage

    for home in Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE):
        home.delete()
    WorkflowPage.objects.all().delete()
    moderators = Workflow.objects.get(name="Moderators approval")
    WorkflowPage.objects.create(page=Page.get_first_root_node(), workflow=moderators)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: the database rolls back, Django's cache and the
    visibility scopes kept per generation would not."""
    from django.core.cache import cache

    from cms.delivery.api.visibility import scopes_forget
    from cms.delivery.cache.near import near_cache

    cache.clear()
    scopes_forget()
    near_cache.clear()


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
