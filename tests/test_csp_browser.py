"""In a real browser, the Content-Security-Policy blocks nothing the site needs: the admin's page
editor, workflow dialogs and translation editor, the reader site and the API docs run without a
single CSP violation; and a locked admin sign-in shows its message."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.editorial_support import footer_action
from tests.editorial_support import log_in as log_in_role

from .localization_support import submit, translated_page
from .test_localization_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = "bench-results/screenshots"

# Recorded before any page script runs (init scripts are not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(browser_page):
    """The browser tab, recording CSP violations from events and console messages."""
    browser_page.add_init_script(RECORD_VIOLATIONS)
    console = []
    browser_page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    browser_page.csp_console = console
    return browser_page


def violations(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("() => window.__cspViolations") + page.csp_console


def shot(page, name):
    import pathlib

    pathlib.Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/csp-{name}.png", full_page=False)


def test_page_editor_and_workflow_dialogs_run_under_the_admin_policy(
    csp_page, live_server, one_section_article, users
):
    base = live_server.url
    log_in_role(csp_page, base, "editor")
    assert violations(csp_page) == []
    response = csp_page.goto(f"{base}/admin/pages/{one_section_article.pk}/edit/")
    assert "script-src" in response.headers["content-security-policy"]
    csp_page.locator("textarea[name=summary]").wait_for()
    assert violations(csp_page) == [], "page editor"
    # The rich text editor and the block chooser (Wagtail's Draftail and StreamField scripts).
    csp_page.locator(".Draftail-Editor").first.click()
    csp_page.keyboard.type(" More text.")
    assert violations(csp_page) == [], "rich text editing"
    footer_action(csp_page, "Submit to Editorial and medical review")
    assert violations(csp_page) == [], "submit to workflow"
    log_in_role(csp_page, base, "publisher")
    csp_page.goto(f"{base}/admin/pages/{one_section_article.pk}/edit/")
    footer_action(csp_page, "Approve with comment")
    dialog = csp_page.get_by_role("dialog")
    dialog.locator("textarea").first.wait_for()
    shot(csp_page, "workflow-dialog")
    assert violations(csp_page) == [], "workflow dialog"
    csp_page.goto(f"{base}/admin/")
    assert violations(csp_page) == [], "dashboard"


def test_translation_editor_runs_under_the_admin_policy(
    csp_page, live_server, l10n, make_article, editor, translators, locales
):
    from cms.editorial.signoff import signoff_waived

    with signoff_waived("browser test"):
        source = make_article()
    submit(source, locales["es"], editor)
    page = translated_page(source, locales["es"])
    base = live_server.url
    log_in(csp_page, base, "translator-es")
    csp_page.goto(f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
    csp_page.get_by_role("button", name="Translate with Dummy translator").click()
    csp_page.locator(".js-translation-editor .localization-translation").first.wait_for()
    shot(csp_page, "translation-editor")
    assert violations(csp_page) == [], "translation editor"


def test_reader_site_and_api_docs_run_under_their_policies(csp_page, live_server, make_article):
    article = make_article()
    base = live_server.url
    reader_path = Client().get(f"/api/v2/articles/{article.pk}/").json()["meta"]["html_url"]
    reader_path = "/" + reader_path.split("/", 3)[3]
    for path in ("/", reader_path):
        response = csp_page.goto(f"{base}{path}")
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert "unsafe-inline" not in policy and "script-src 'self'" in policy, policy
        assert violations(csp_page) == [], path
    shot(csp_page, "reader-article")
    requests = []
    csp_page.on("request", lambda request: requests.append(request.url))
    for path in ("/api/v2/docs/", "/api/v3/docs/"):
        csp_page.goto(f"{base}{path}")
        csp_page.locator("#swagger-ui .info").first.wait_for()
        assert violations(csp_page) == [], path
        # Swagger UI from this site's static files: no request leaves for a CDN.
        assert all(url.startswith(base) or url.startswith("data:") for url in requests), requests
    shot(csp_page, "api-docs")


def test_locked_sign_in_shows_its_message(csp_page, live_server, settings, users):
    settings.AXES_FAILURE_LIMIT = 3
    base = live_server.url
    for _ in range(3):
        csp_page.goto(f"{base}/admin/login/")
        csp_page.fill("input[name=username]", "editor")
        csp_page.fill("input[name=password]", "wrong")
        csp_page.click("button[type=submit]")
        csp_page.wait_for_load_state("networkidle")
    assert csp_page.get_by_role("heading", name="Sign-in locked").is_visible()
    assert "failed 3 times" in csp_page.locator(".messages .error").inner_text()
    shot(csp_page, "sign-in-locked")
    assert violations(csp_page) == [], "lockout page"
