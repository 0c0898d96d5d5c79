"""Each role's path through a re-review, in a real browser: what they see, and no permission error."""

import pytest
from django.urls import reverse

from cms.articles.models import ArticlePage
from cms.editorial.models import ClinicalSignOff
from tests.editorial_support import (
    client_for,
    footer_action,
    latest_article,
    log_in,
    post_edit,
    workflow_action,
)

DENIED = "do not have permission"


def messages(browser_page):
    return [text.strip() for text in browser_page.locator(".messages li").all_inner_texts()]


def assert_no_denial(browser_page):
    assert DENIED not in browser_page.content()


def shot(browser_page, tmp_path, name):
    """A screenshot to look at (pytest keeps the last runs' tmp_path)."""
    browser_page.screenshot(path=tmp_path / f"{name}.png", full_page=True)


@pytest.fixture
def signed_once(one_section_article, users, reviewer_person):
    """The article signed off once (summary "What to expect."), through the real admin views."""
    post_edit(client_for(users["editor"]), latest_article(one_section_article), action="action-submit")
    workflow_action(client_for(users["publisher"]), latest_article(one_section_article), "approve")
    workflow_action(client_for(users["reviewer"]), latest_article(one_section_article), "approve", "Checked.")
    assert ClinicalSignOff.objects.filter(page_id=one_section_article.pk).count() == 1
    return latest_article(one_section_article)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_re_review_from_each_role(browser_page, live_server, signed_once, users, tmp_path):
    print("screenshots in", tmp_path)
    base, page_id = live_server.url, signed_once.pk
    edit_url = f"{base}/admin/pages/{page_id}/edit/"

    # The editor corrects the summary and submits.
    log_in(browser_page, base, "editor")
    browser_page.goto(edit_url)
    browser_page.fill("textarea[name=summary]", "Take 50 mg daily.")
    footer_action(browser_page, "Submit to Editorial and medical review")
    browser_page.wait_for_load_state("networkidle")
    assert_no_denial(browser_page)

    # The publisher approves and is told what comes next.
    log_in(browser_page, base, "publisher")
    browser_page.goto(edit_url)
    footer_action(browser_page, "Approve")
    browser_page.wait_for_load_state("networkidle")
    assert any("now goes to the “Medical review” step" in text for text in messages(browser_page))
    assert_no_denial(browser_page)

    # The medical reviewer finds it from the menu, reads what changed since their sign-off...
    log_in(browser_page, base, "reviewer")
    browser_page.get_by_role("link", name="Pages to review").click()
    browser_page.locator('[data-queue="waiting"]').get_by_role("link", name=signed_once.title).click()
    browser_page.wait_for_url(edit_url)
    notice = browser_page.locator("[data-review-changes]")
    assert "Last signed off by Dr Daniel Okafor" in notice.inner_text()
    assert "changed since: Summary." in notice.inner_text()
    shot(browser_page, tmp_path, "reviewer-edit")
    browser_page.locator(".messages").get_by_role("link", name="What changed since the last sign-off").click()
    browser_page.wait_for_load_state("networkidle")
    changes = browser_page.locator('[data-review-changes-section="page"]')
    assert "Take 50 mg daily." in changes.locator(".addition").all_inner_texts()
    assert "What to expect." in changes.locator(".deletion").all_inner_texts()
    shot(browser_page, tmp_path, "reviewer-changes")
    # ...then History and the full comparison, which used to end in a permission error.
    browser_page.get_by_role("link", name="Open in the full comparison").click()
    browser_page.wait_for_load_state("networkidle")
    assert "Take 50 mg daily." in browser_page.locator("main").inner_text()
    assert_no_denial(browser_page)
    browser_page.goto(f"{base}{reverse('wagtailadmin_pages:history', args=[page_id])}")
    assert_no_denial(browser_page)

    # Requesting changes: one message, no permission error, the editor named.
    browser_page.goto(edit_url)
    footer = browser_page.locator("footer").inner_text().lower()
    assert "save draft" not in footer and "cancel workflow" not in footer
    footer_action(browser_page, "Request changes")
    browser_page.fill("textarea[name=comment]", "Say which guideline the dose follows.")
    browser_page.locator(".modal button[type=submit]").click()
    browser_page.wait_for_load_state("networkidle")
    assert messages(browser_page) == ["Changes requested: sent back to Editor Tester with your comment."]
    assert_no_denial(browser_page)

    # The editor reads the request at the top of the edit view, and resubmits.
    log_in(browser_page, base, "editor")
    browser_page.goto(edit_url)
    request = browser_page.locator("[data-change-request]").inner_text()
    assert "Changes requested by Reviewer Tester" in request
    assert "Say which guideline the dose follows." in request
    shot(browser_page, tmp_path, "editor-change-request")
    browser_page.fill("textarea[name=summary]", "Take 50 mg daily (NICE 2024).")
    footer_action(browser_page, "Resubmit to Medical review")
    browser_page.wait_for_load_state("networkidle")
    assert_no_denial(browser_page)
    assert latest_article(signed_once).current_workflow_task.name == "Medical review"

    # The reviewer signs off and reads that it is live.
    log_in(browser_page, base, "reviewer")
    browser_page.goto(edit_url)
    footer_action(browser_page, "Sign off and Publish")
    # A re-review: the dialog opens on what changed since the last sign-off, before the decision.
    changes = browser_page.locator('.modal [data-review-dialog-changes="page"]')
    changes.wait_for()
    assert changes.get_attribute("open") is not None
    assert "Take 50 mg daily (NICE 2024)." in changes.locator(".addition").all_inner_texts()[0]
    shot(browser_page, tmp_path, "reviewer-signoff-dialog")
    browser_page.locator(".modal button[type=submit]").click()
    browser_page.get_by_text("is now live.").wait_for()  # the dialog posts, then the page moves on
    assert messages(browser_page) == [f"Signed off: “{signed_once.title}” is now live."]
    assert_no_denial(browser_page)
    shot(browser_page, tmp_path, "reviewer-signed-off")
    assert ArticlePage.objects.get(pk=page_id).summary == "Take 50 mg daily (NICE 2024)."
