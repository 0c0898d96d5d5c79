"""The reader site's pages pass the Nu HTML Checker and axe-core, hold still while loading, and work
without JavaScript; the language menu and the preview work in a real browser.

The checkers come from audit/package.json (npm ci into audit/node_modules, `make test` does it);
the Nu checker runs on Java 17 (`make system-packages`).
"""

import json
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.api_helpers import translate_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHECKERS = Path(settings.BASE_DIR) / "audit" / "node_modules"
AXE = CHECKERS / "axe-core" / "axe.min.js"
VNU = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTICLE = "/en/treatments/treating-lung-cancer/"
# Sums layout shifts the way Lighthouse's cumulative layout shift does (no recent input).
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def require(path):
    assert path.exists(), f"{path} is missing: run `make audit/node_modules/.installed` (make test does)"
    return path


@pytest.fixture
def site_pages(make_article):
    """An English article (with references), its Arabic translation, their lists and a 404."""
    article = make_article("Treating lung cancer", stage="Stage 4")
    arabic = translate_tree(article, "ar")
    arabic_path = f"/ar/{arabic.get_parent().slug}/{arabic.slug}/"
    return {
        "article": article,
        "paths": {
            "english article": ARTICLE,
            "arabic article": arabic_path,
            "section": "/en/treatments/",
            "home": "/en/",
            "arabic home": "/ar/",
            "not found": "/en/treatments/missing/",
        },
    }


def test_nu_html_checker_finds_no_errors(site_pages, tmp_path):
    java = shutil.which("java")
    assert java, "Java is missing: `make system-packages` installs it"
    client = Client()
    files = []
    for name, path in site_pages["paths"].items():
        target = tmp_path / (name.replace(" ", "-") + ".html")
        target.write_bytes(client.get(path).content)
        files.append(target)
    from cms.delivery.preview.services import preview_create

    token = preview_create(site_pages["article"]).token
    preview = client.get("/preview.html", {"content_type": "articles.articlepage", "token": token})
    assert preview.status_code == 200
    (tmp_path / "preview.html").write_bytes(preview.content)
    files.append(tmp_path / "preview.html")

    result = subprocess.run(
        [java, "-jar", str(require(VNU)), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    assert result.returncode == 0


def axe_violations(page):
    page.evaluate(require(AXE).read_text())
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})"""
    )
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
    ]


def test_axe_finds_no_violations_and_nothing_shifts(browser_page, live_server, site_pages):
    page = browser_page
    page.add_init_script(CLS_OBSERVER)
    for name, path in site_pages["paths"].items():
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert axe_violations(page) == [], name
        # The whole page was there at first paint: nothing moves while it finishes loading.
        page.mouse.wheel(0, 10_000)
        page.wait_for_timeout(200)
        assert page.evaluate("window.__cls") < 0.05, name
    # A phone-sized window too: the language menu and the cards reflow, the rules still hold.
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (ARTICLE, site_pages["paths"]["arabic article"]):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert axe_violations(page) == [], path
        assert page.evaluate("window.__cls") < 0.05, path


def test_pages_work_without_javascript(browser_page, live_server, site_pages):
    context = browser_page.context.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + site_pages["paths"]["arabic article"])
        assert page.evaluate("1") == 1  # evaluate still works: it is the page's scripts that are off
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("h1").count() == 1
        assert page.locator(".treatment-card").count() == 2
        assert page.locator(".review").is_visible()
        assert page.locator('head script[type="application/ld+json"]').count() == 2
        # The language menu is a native disclosure: it opens without any script.
        menu = page.get_by_role("navigation", name="اللغات")
        menu.locator("summary").click()
        menu.get_by_role("link", name="English").click()
        page.wait_for_url(live_server.url + ARTICLE)
        assert page.locator("h1").inner_text() == "Treating lung cancer"
    finally:
        context.close()


def test_language_menu_enhancements_and_right_to_left(browser_page, live_server, site_pages):
    page = browser_page
    page.goto(live_server.url + ARTICLE)
    menu = page.locator("[data-language-menu]")
    summary = menu.locator("summary")
    summary.click()
    assert menu.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert menu.get_attribute("open") is None
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    summary.click()
    page.locator("h1").click()  # a click outside closes it
    assert menu.get_attribute("open") is None
    # The first Tab lands on the skip link, which leads to <main>.
    page.goto(live_server.url + site_pages["paths"]["arabic article"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    borders = page.locator(".review").evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert borders == ["4px", "1px"]


def test_preview_from_the_admin_renders_the_draft_with_its_banner(
    browser_page, live_server, site_pages, superuser
):
    article = site_pages["article"]
    draft = article.get_latest_revision_as_object()
    draft.title = "Draft title nobody may read"
    draft.save_revision()
    admin = Client()
    admin.force_login(superuser)
    framed = admin.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()
    preview_url = unescape(re.search(r'<iframe src="([^"]+)"', framed).group(1))
    response = Client().get(preview_url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the admin frames it

    page = browser_page
    page.goto(live_server.url + preview_url)
    assert page.locator("h1").inner_text() == "Draft title nobody may read"
    assert "unpublished draft" in page.locator(".preview-banner").inner_text()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    # The live preview reloads after each edit: the editor keeps their place.
    page.mouse.wheel(0, 600)
    page.wait_for_function("scrollY > 0")
    kept = page.evaluate("scrollY")
    page.goto(live_server.url + preview_url)
    page.wait_for_function(f"scrollY === {kept}")
    # Readers of the live article still see the published text.
    page.goto(live_server.url + ARTICLE)
    assert "Draft title nobody may read" not in page.content()
