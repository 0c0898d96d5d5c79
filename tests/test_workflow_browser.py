"""End to end in a real browser: editor submits, publisher approves, reviewer signs off, the API shows it."""

import pytest

from cms.articles.models import ArticlePage
from cms.articles.services import article_import
from cms.demo.services import SEED_ARTICLE
from cms.editorial.models import ClinicalSignOff
from cms.editorial.signoff import signoff_waived
from tests.editorial_support import footer_action, log_in


@pytest.fixture
def seed_article(article_index, editorial):
    page = article_import(SEED_ARTICLE, locale="en", parent=article_index, publish=False).page
    with signoff_waived("browser test: seed article"):
        page.get_latest_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def review(browser_page, base, page_id, username, label):
    log_in(browser_page, base, username)
    browser_page.goto(f"{base}/admin/pages/{page_id}/edit/")
    footer_action(browser_page, label)
    browser_page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_publisher_reviewer_then_live(browser_page, live_server, seed_article, users, reviewer_person):
    base = live_server.url
    page_id = seed_article.pk
    new_summary = "Updated summary: treatment options for stage 4 lung cancer, reviewed."

    log_in(browser_page, base, "editor")
    browser_page.goto(f"{base}/admin/pages/{page_id}/edit/")
    browser_page.fill("textarea[name=summary]", new_summary)
    footer_action(browser_page, "Submit to Editorial and medical review")
    browser_page.wait_for_load_state("networkidle")
    page = ArticlePage.objects.get(pk=page_id)
    assert page.current_workflow_task.name == "Editorial review"
    assert page.summary != new_summary

    review(browser_page, base, page_id, "publisher", "Approve")
    assert ArticlePage.objects.get(pk=page_id).current_workflow_task.name == "Medical review"

    # The last task's approval publishes: Wagtail labels it so.
    review(browser_page, base, page_id, "reviewer", "Sign off and Publish")

    page = ArticlePage.objects.get(pk=page_id)
    assert not page.workflow_in_progress
    signoff = ClinicalSignOff.objects.get(page_id=page_id)
    assert signoff.revision_id == page.live_revision_id
    assert signoff.reviewer_id == users["reviewer"].pk

    browser_page.goto(f"{base}/api/v2/pages/{page_id}/")
    data = browser_page.evaluate("() => JSON.parse(document.body.innerText)")
    assert data["summary"] == new_summary
    assert data["medical_review"]["reviewed_by"] == {"name": "Dr Daniel Okafor", "credentials": "MD, FRCP"}
    assert data["medical_review"]["last_reviewed"] == signoff.signed_at.date().isoformat()
    assert data["medical_review"]["status"] == "current"
