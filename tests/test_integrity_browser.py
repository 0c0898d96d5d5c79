"""In a real browser: a revert to a corrected version is refused; a reviewer recalls an article."""

import pytest
from django.test import Client

from cms.articles.models import ArticlePage
from cms.editorial.signoff import signoff_latest, signoff_record
from tests.editorial_support import client_for, footer_action, log_in, post_edit


def signed_version(page, text, reviewer, publisher):
    """An editor saves `text` in the admin; `reviewer` signs it off; `publisher` publishes it."""
    post_edit(client_for(publisher), page, text=text)
    signoff = signoff_record(ArticlePage.objects.get(pk=page.pk), reviewer)
    signoff.revision.publish(user=publisher)
    return signoff


def live_body(page_id):
    return Client().get(f"/api/v2/articles/{page_id}/").json()["body"][0]["value"]["body"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_publisher_reverts_to_a_corrected_version_and_is_refused(
    browser_page, live_server, one_section_article, users, reviewer_person
):
    first = signed_version(
        one_section_article, "<p>Take 5000 mg daily.</p>", users["reviewer"], users["publisher"]
    )
    second = signed_version(
        one_section_article, "<p>Take 50 mg daily.</p>", users["reviewer"], users["publisher"]
    )
    assert "50 mg" in live_body(one_section_article.pk)
    base = live_server.url
    log_in(browser_page, base, "publisher")
    browser_page.goto(f"{base}/admin/pages/{one_section_article.pk}/history/")
    assert browser_page.get_by_text("superseded by").first.is_visible()
    # Revisions > Revert: the editor opens on the old version; the publisher publishes it.
    browser_page.goto(f"{base}/admin/pages/{one_section_article.pk}/revisions/{first.revision_id}/revert/")
    footer_action(browser_page, "Publish this version")
    browser_page.wait_for_load_state("networkidle")
    error = browser_page.locator(".messages .error").first.inner_text()
    # The refusal names the sign-off that superseded the reverted version.
    assert "superseded" in error and second.reviewer_name in error
    # Patients still read the corrected dose; the revert waits as a draft for a new review.
    assert "50 mg" in live_body(one_section_article.pk)
    draft = ArticlePage.objects.get(pk=one_section_article.pk).get_latest_revision_as_object()
    assert "5000 mg" in draft.body[0].value["body"].source


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reviewer_recalls_a_live_article(
    browser_page, live_server, one_section_article, users, reviewer_person
):
    signed_version(one_section_article, "<p>Take 5000 mg daily.</p>", users["reviewer"], users["publisher"])
    base = live_server.url
    log_in(browser_page, base, "reviewer")
    browser_page.goto(f"{base}/admin/reports/medical-review-due/")
    browser_page.get_by_role("link", name="Withdraw sign-off").first.click()
    browser_page.wait_for_load_state("networkidle")
    # Without a reason nothing happens.
    browser_page.get_by_role("button", name="Withdraw sign-off and take offline").click()
    browser_page.wait_for_load_state("networkidle")
    assert browser_page.get_by_text("Say why the sign-off is withdrawn.").is_visible()
    assert ArticlePage.objects.get(pk=one_section_article.pk).live
    browser_page.fill("textarea[name=reason]", "The dose is wrong: 50 mg, not 5000 mg.")
    browser_page.get_by_role("button", name="Withdraw sign-off and take offline").click()
    browser_page.wait_for_load_state("networkidle")
    success = browser_page.locator(".messages .success").first.inner_text()
    assert "is offline now" in success
    assert not ArticlePage.objects.get(pk=one_section_article.pk).live
    assert Client().get(f"/api/v2/articles/{one_section_article.pk}/").status_code == 404
    assert signoff_latest(ArticlePage.objects.get(pk=one_section_article.pk)).withdrawn
