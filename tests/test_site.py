"""The reader site (site/) in a real browser: articles, treatment cards, languages, RTL, preview."""

import json
import re
import tempfile
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from wagtail.models import Locale

from cms.delivery.preview.services import preview_create
from cms.editorial.signoff import signoff_waived

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SPANISH_TITLE = "Tratamiento del cáncer de pulmón"
ARABIC_TITLE = "علاج سرطان الرئة"


def translate(page, code, title):
    """Publish a translation of `page` in language `code` (its section and home come along)."""
    locale = Locale.objects.get_or_create(language_code=code)[0]
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    with signoff_waived("test: a published translation for the reader site"):
        translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def screenshot(browser_page, name):
    """Keep a full-page screenshot in the temp directory, for people to look at."""
    browser_page.screenshot(path=Path(tempfile.gettempdir()) / f"deliverysite-{name}.png", full_page=True)


def open_page(browser_page, url, heading):
    """Go to `url` and wait until the page's h1 reads `heading` (the API answered)."""
    browser_page.goto(url)
    browser_page.locator("h1", has_text=heading).wait_for()


def html_attributes(browser_page):
    return browser_page.evaluate("[document.documentElement.lang, document.documentElement.dir]")


@pytest.fixture
def article(make_article):
    return make_article("Treating lung cancer")


def test_article_page(browser_page, live_server, article):
    open_page(browser_page, f"{live_server.url}/article.html?id={article.pk}", "Treating lung cancer")
    page = browser_page

    assert page.locator("h1").count() == 1
    assert html_attributes(page) == ["en", "ltr"]
    assert page.title() == "Treating lung cancer · Medical articles"
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    # The first Tab lands on the skip link, which leads to <main>.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"

    assert page.locator(".lead").inner_text() == "How lung cancer is treated."
    assert "Overview" in page.locator("h2").all_inner_texts()
    cards = page.locator(".treatment-card")
    assert cards.count() == 2
    surgery = cards.nth(0)
    assert surgery.locator(".modality-badge").inner_text() == "Surgery"
    assert surgery.locator("h3").inner_text() == "Surgery"
    assert "removes" in surgery.locator(".rich-text").inner_text()
    assert surgery.locator(".procedures li").all_inner_texts() == ["Lobectomy"]
    centre = surgery.locator(".centre")
    assert centre.locator(".centre__name").inner_text() == "Test Thoracic Centre"
    assert centre.locator(".centre__place").inner_text() == "Lyon, France"
    trials = cards.nth(1)
    assert trials.locator(".modality-badge").count() == 0  # no modality matched
    assert trials.locator(".centres--none").count() == 1
    # The cards sit under an h2, so the outline has no gaps.
    assert page.locator(".treatment-options > h2").inner_text() == "Treatment options"

    review = page.locator(".review")
    assert "Dr Rae Viewer, MD" in review.inner_text()
    assert "January 1, 2026" in review.inner_text()
    assert "January 1, 2027" in review.inner_text()
    assert page.locator(".references li").all_inner_texts() == ["NICE NG122"]
    assert "not medical advice" in page.locator(".disclaimer").inner_text()

    # The head carries exactly the JSON-LD the API gives (or none when the API has none).
    api = Client().get(f"/api/v2/pages/{article.pk}/").json()
    scripts = page.locator('head script[type="application/ld+json"]')
    if "json_ld" in api:
        assert scripts.count() == 1
        assert json.loads(scripts.text_content()) == api["json_ld"]
    else:
        assert scripts.count() == 0
    screenshot(page, "article")


def test_language_switcher_and_right_to_left(browser_page, live_server, article):
    translate(article, "es", SPANISH_TITLE)
    translate(article, "ar", ARABIC_TITLE)
    page = browser_page
    # The reader path the API, the sitemap and hreflang use: the CMS serves article.html there.
    open_page(page, f"{live_server.url}/en/treatments/treating-lung-cancer/", "Treating lung cancer")

    switcher = page.get_by_role("navigation", name="Languages")
    assert switcher.get_by_role("link").all_inner_texts() == ["English", "Español", "العربيّة"]
    assert switcher.locator("[aria-current=page]").inner_text() == "English"
    alternates = page.locator('head link[rel="alternate"]').evaluate_all(
        "links => links.map(l => l.hreflang).sort()"
    )
    assert alternates == ["ar", "en", "es"]

    switcher.get_by_role("link", name="Español").click()
    page.locator("h1", has_text=SPANISH_TITLE).wait_for()
    assert page.url == f"{live_server.url}/es/treatments/treating-lung-cancer/"
    assert html_attributes(page) == ["es", "ltr"]
    assert page.locator(".disclaimer h2").inner_text() == "Aviso médico"
    assert page.locator(".treatment-card").count() == 2

    page.get_by_role("navigation", name="Idiomas").get_by_role("link", name="العربيّة").click()
    page.locator("h1", has_text=ARABIC_TITLE).wait_for()
    assert page.url == f"{live_server.url}/ar/treatments/treating-lung-cancer/"
    assert html_attributes(page) == ["ar", "rtl"]
    assert page.locator("h1").count() == 1
    # Logical CSS properties: the review box's accent border moves to the right-hand side.
    borders = page.locator(".review").evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert borders == ["4px", "1px"]
    screenshot(page, "arabic")


def test_article_list_per_language(browser_page, live_server, article, make_article):
    make_article("Another English article")
    translate(article, "es", SPANISH_TITLE)
    page = browser_page
    open_page(page, f"{live_server.url}/", "Medical articles")
    page.locator(".teaser").first.wait_for()
    assert page.locator(".teaser h2").all_inner_texts() == ["Another English article", "Treating lung cancer"]

    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Español").click()
    page.locator("h1", has_text="Artículos médicos").wait_for()
    page.locator(".teaser h2", has_text=SPANISH_TITLE).wait_for()
    assert page.locator(".teaser").count() == 1
    assert html_attributes(page) == ["es", "ltr"]
    page.locator(".teaser a").click()
    page.locator("h1", has_text=SPANISH_TITLE).wait_for()
    assert page.locator("h1").count() == 1


def test_preview_from_the_admin_shows_the_draft(browser_page, live_server, article, superuser):
    draft = article.get_latest_revision_as_object()
    draft.title = "Draft title nobody may read"
    draft.summary = "Unreviewed draft summary."
    draft.save_revision()
    # What the editor's Preview button frames: the admin makes the token, the browser follows it.
    admin = Client()
    admin.force_login(superuser)
    framed = admin.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()
    preview_url = unescape(re.search(r'<iframe src="([^"]+)"', framed).group(1))
    assert preview_url.startswith("/preview.html?")

    page = browser_page
    open_page(page, live_server.url + preview_url, "Draft title nobody may read")
    assert page.locator("#preview-banner").is_visible()
    assert "unpublished draft" in page.locator("#preview-banner").inner_text()
    assert page.locator(".lead").inner_text() == "Unreviewed draft summary."
    assert page.locator(".treatment-card").count() == 2
    assert page.locator("h1").count() == 1
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    screenshot(page, "preview")

    # Readers of the live article still see the published text.
    open_page(page, f"{live_server.url}/article.html?id={article.pk}", "Treating lung cancer")
    assert "Draft title nobody may read" not in page.content()


def test_unpublished_article_with_an_unsaved_edit(browser_page, live_server, make_article):
    secret = make_article("Never published article", publish=False)
    secret.summary = "Unsaved edit."
    token = preview_create(secret).token
    page = browser_page
    open_page(
        page,
        f"{live_server.url}/preview.html?content_type=articles.articlepage&token={token}",
        "Never published article",
    )
    assert page.locator(".lead").inner_text() == "Unsaved edit."
    open_page(page, f"{live_server.url}/article.html?id={secret.pk}", "This article could not be found.")
    assert "Never published" not in page.content()


@pytest.mark.parametrize("token", ["forged", ""])
def test_invalid_preview_token_shows_nothing(browser_page, live_server, make_article, token):
    secret = make_article("Secret unpublished draft", publish=False)
    preview_create(secret)  # a real draft exists, under another token
    page = browser_page
    open_page(
        page,
        f"{live_server.url}/preview.html?content_type=articles.articlepage&token={token}",
        "This preview link is invalid or has expired.",
    )
    assert "Secret unpublished draft" not in page.content()
    assert page.locator(".treatment-card").count() == 0
    assert page.locator("#preview-banner").is_hidden()
    assert page.locator('head script[type="application/ld+json"]').count() == 0
    assert page.locator("h1").count() == 1
