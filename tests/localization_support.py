"""Fixtures and helpers for the translation tests (imported by the test_localization_* modules).

Languages are set up once per test session as `make demo` does (the editorial roles and workflow,
then `ensure_locales`: conftest.py's `seed`); `l10n` looks them up.
Translators fill strings the way they do in the admin: downloading the PO file of a translation,
filling it and uploading it back, all through real HTTP requests.
"""

import io

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, Workflow
from wagtail_localize.models import Translation

from cms.editorial import roles
from cms.editorial.signoff import signoff_waived
from cms.localization import flow
from cms.localization.locales import (
    LocaleSetup,
    review_workflow_name,
    reviewer_group_name,
    source_home,
    translator_group_name,
)


@pytest.fixture
def l10n(db):
    """Every configured language, as the session's seed set it up: {code: LocaleSetup}."""
    home = source_home()
    setups = {}
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        if code == settings.LANGUAGE_CODE:
            setups[code] = LocaleSetup(locale=locale, home=home)
            continue
        setups[code] = LocaleSetup(
            locale,
            home.get_translation(locale).specific,
            Group.objects.get(name=translator_group_name(code)),
            Group.objects.get(name=reviewer_group_name(code)),
            Workflow.objects.get(name=review_workflow_name(code)),
        )
    return setups


@pytest.fixture
def locales(l10n):
    return {code: Locale.objects.get(language_code=code) for code in l10n}


@pytest.fixture
def make_user(db):
    def make(username, *groups, superuser=False):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
        user.is_superuser = user.is_staff = superuser
        user.save()
        user.groups.set(groups)
        return user

    return make


@pytest.fixture
def editor(l10n, make_user):
    return make_user("editor", Group.objects.get(name=roles.EDITORS))


@pytest.fixture
def publisher(l10n, make_user):
    return make_user("publisher", Group.objects.get(name=roles.PUBLISHERS))


@pytest.fixture
def clinician(l10n, make_user):
    return make_user("clinician", Group.objects.get(name=roles.MEDICAL_REVIEWERS))


@pytest.fixture
def translators(l10n, make_user):
    """{code: translator} for every translated language."""
    return {code: make_user(f"translator-{code}", s.translators) for code, s in l10n.items() if s.translators}


@pytest.fixture
def language_reviewers(l10n, make_user):
    return {code: make_user(f"reviewer-{code}", s.reviewers) for code, s in l10n.items() if s.reviewers}


@pytest.fixture
def article(l10n, make_article):
    """A live English article (the source here), with its vocabulary live in every language.

    Translations of an article go to review only once what it shows (condition, modalities,
    centres, authors) has a live translation (cms/localization/submission.py).
    """
    with signoff_waived("test fixture: the English source"):
        page = make_article()
    vocabulary_translations_publish(page, [s.locale for s in l10n.values() if s.translators])
    return page


def vocabulary_translations_publish(article, locales):
    """Seed live translations of everything the article shows, in each locale (fixture data)."""
    from cms.localization.submission import vocabulary_shown

    with signoff_waived("test fixture: translated vocabulary"):
        for snippet in vocabulary_shown(article):
            for locale in locales:
                model = type(snippet)
                if model.objects.filter(translation_key=snippet.translation_key, locale=locale).exists():
                    continue
                copy = snippet.copy_for_translation(locale)
                copy.name = f"[{locale.language_code}] {snippet.name}"
                copy.save()
                copy.save_revision().publish()


def source_publish(page, **changes):
    """Edit and republish an English page (the source), as the editorial workflow would."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    with signoff_waived("test: republishing the English source"):
        draft.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def translation_of(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translated_page(page, locale):
    return Page.objects.get(translation_key=page.translation_key, locale=locale).specific


def submit(page, locale, editor):
    """An editor submits `page` for translation into `locale`; returns the Translation."""
    flow.translation_submit(page, [locale], editor)
    return translation_of(page, locale)


def po_fill(client, translation, text=lambda msgid, code: f"[{code}] {msgid}"):
    """Download the translation's PO file, fill every string and upload it (as the logged-in user)."""
    code = translation.target_locale.language_code
    response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert response.status_code == 200, response.status_code
    po = polib.pofile(response.content.decode())
    for entry in po:
        entry.msgstr = text(entry.msgid, code)
    upload = io.BytesIO(str(po).encode())
    upload.name = "translation.po"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": "/admin/"}
    )
    assert response.status_code == 302, response.status_code
    return po


def submit_for_review(client, page):
    """The translator's Submit for review button (a POST to the page's edit view)."""
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"})


def approve_current_task(client, page, **data):
    """Approve the page's current workflow task through the admin's workflow action view."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, data)


@pytest.fixture
def live_spanish(article, editor, translators, language_reviewers, clinician, locales, client):
    """The article, reviewed, signed off and live in Spanish."""
    translation = submit(article, locales["es"], editor)
    page = translated_page(article, locales["es"])
    client.force_login(translators["es"])
    po_fill(client, translation)
    submit_for_review(client, page)
    client.force_login(language_reviewers["es"])
    approve_current_task(client, page)
    client.force_login(clinician)
    approve_current_task(client, page)
    client.logout()
    page = translated_page(article, locales["es"])
    assert page.live
    return page


def source_with_dose(article, summary="Take 50 mg daily."):
    """Republish the English article with a dose in its summary; returns it fresh from the database."""
    from cms.articles.models import ArticlePage

    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    draft.summary = summary
    with signoff_waived("test: a dose in the source"):
        draft.save_revision().publish()
    return ArticlePage.objects.get(pk=article.pk)
