"""Each role's dashboard shows its work first, and every link in it opens for that role."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from cms.articles.models import ArticlePage
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db


def dashboard(user):
    response = client_for(user).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def inbox(html, key):
    """The text of the inbox list `data-inbox=key`, or None when the dashboard has none."""
    match = re.search(rf'<ul data-inbox="{key}">(.*?)</ul>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match[1]).split()) if match else None


def links_in(html, key):
    match = re.search(rf'<ul data-inbox="{key}">(.*?)</ul>', html, re.S)
    return re.findall(r'href="([^"]+)"', match[1])


def assert_links_open(user, links):
    client = client_for(user)
    for link in links:
        response = client.get(link.replace("http://localhost", ""), follow=True)
        assert response.status_code == 200, link
        text = response.content.decode()
        assert "do not have permission" not in text, link


def draft(article_index, user, title):
    page = ArticlePage(title=title, summary="Draft.", body=[])
    article_index.add_child(instance=page)
    page.save_revision(user=user)
    return page


def sent_back(article, users, comment):
    """The editor submits; the publisher requests changes with a comment."""
    editor = client_for(users["editor"])
    post_edit(editor, article, text="<p>Second version.</p>", **{"action-submit": "1"})
    workflow_action(client_for(users["publisher"]), latest_article(article), "reject", comment=comment)
    return latest_article(article)


def test_editor_sees_what_was_sent_back_with_the_comment_then_drafts(
    one_section_article, article_index, users
):
    page = sent_back(one_section_article, users, "Add the 2024 dosing table.")
    mine = draft(article_index, users["editor"], "Immunotherapy side effects")
    draft(article_index, users["publisher"], "Someone else's draft")

    html = dashboard(users["editor"])

    back = inbox(html, "sent_back")
    assert page.title in back and "changes requested by Publisher Tester" in back
    assert "Add the 2024 dosing table." in back
    drafts = inbox(html, "drafts")
    assert mine.title in drafts and "not live yet" in drafts
    assert "Someone else" not in drafts and page.title not in drafts, "a page in review is not a draft"
    assert html.index('id="role-inbox-section"') < html.index('id="recent-edits-section"')
    assert_links_open(users["editor"], links_in(html, "sent_back") + links_in(html, "drafts"))


def test_publisher_sees_the_editorial_review_first_and_what_is_scheduled(
    one_section_article, article_index, users
):
    post_edit(
        client_for(users["editor"]), one_section_article, text="<p>Second.</p>", **{"action-submit": "1"}
    )
    scheduled = draft(article_index, users["editor"], "Radiotherapy explained")
    go_live = timezone.now() + datetime.timedelta(days=3)
    # A revision approved for later, as Wagtail's schedule leaves it once signed off.
    Revision.objects.filter(pk=scheduled.latest_revision_id).update(approved_go_live_at=go_live)

    html = dashboard(users["publisher"])

    awaiting, mine = html.index('id="awaiting-review-section"'), html.index('id="role-inbox-section"')
    assert awaiting < mine and one_section_article.title in html[awaiting:mine]
    assert scheduled.title in inbox(html, "scheduled")
    assert inbox(html, "drafts") is None, "publishers get no editor's lists"
    assert_links_open(users["publisher"], links_in(html, "scheduled"))


def test_medical_reviewer_sees_sign_offs_waiting_then_their_articles_due(
    one_section_article, users, reviewer_person, locale_en
):
    post_edit(
        client_for(users["editor"]), one_section_article, text="<p>Second.</p>", **{"action-submit": "1"}
    )
    workflow_action(client_for(users["publisher"]), latest_article(one_section_article), "approve")
    due = ArticlePage.objects.get(pk=one_section_article.pk)
    ArticlePage.objects.filter(pk=due.pk).update(
        medical_reviewer=reviewer_person, next_review_due=timezone.localdate() + datetime.timedelta(days=10)
    )

    html = dashboard(users["reviewer"])

    assert html.index('id="awaiting-review-section"') < html.index('id="role-inbox-section"')
    listed = inbox(html, "due")
    assert due.title in listed and "due soon" in listed and "Withdraw sign-off" in listed
    assert_links_open(users["reviewer"], links_in(html, "due"))


def test_reviewer_with_nothing_due_is_told_so(users):
    html = dashboard(users["reviewer"])
    assert "None of the articles you signed off is due for review." in html


def test_dashboard_is_titled_with_the_project_name(users):
    html = dashboard(users["editor"])
    assert "Medical content CMS" in html
    assert "Welcome to the localhost" not in html


def test_editor_inbox_queries_do_not_grow_with_the_drafts(article_index, users, editorial):
    editor = client_for(users["editor"])
    draft(article_index, users["editor"], "Draft 1")
    editor.get(reverse("wagtailadmin_home"))
    with CaptureQueriesContext(connection) as one:
        editor.get(reverse("wagtailadmin_home"))
    for number in range(2, 8):
        draft(article_index, users["editor"], f"Draft {number}")
    with CaptureQueriesContext(connection) as seven:
        response = editor.get(reverse("wagtailadmin_home"))
    assert "Draft 7" in inbox(response.content.decode(), "drafts")
    assert len(seven) == len(one), "the dashboard's queries grow with the drafts"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_role_finds_its_work_and_opens_it_in_a_real_browser(
    browser_page, live_server, one_section_article, article_index, users, reviewer_person, tmp_path
):
    from tests.editorial_support import PASSWORD

    page = sent_back(one_section_article, users, "Add the 2024 dosing table.")
    base = live_server.url

    def log_in(username):
        browser_page.context.clear_cookies()
        browser_page.goto(f"{base}/admin/login/")
        browser_page.fill("input[name=username]", username)
        browser_page.fill("input[name=password]", PASSWORD)
        browser_page.click("button[type=submit]")
        browser_page.wait_for_url(f"{base}/admin/")

    log_in("editor")
    work = browser_page.locator("#role-inbox-section")
    assert "Add the 2024 dosing table." in work.inner_text()
    assert browser_page.locator("h1").first.inner_text().strip().endswith("Medical content CMS")
    browser_page.screenshot(path=str(tmp_path / "editor-dashboard.png"), full_page=True)
    work.get_by_role("link", name=page.title).click()
    browser_page.wait_for_url(f"{base}/admin/pages/{page.pk}/edit/")
    assert "do not have permission" not in browser_page.content()

    log_in("publisher")
    panels = browser_page.locator("section.w-panel--dashboard")
    # Nothing awaits the publisher (the article was sent back), so their own lists come first.
    assert panels.first.get_attribute("id") == "role-inbox-section"
    assert "Nothing is scheduled." in panels.first.inner_text()
    browser_page.screenshot(path=str(tmp_path / "publisher-dashboard.png"), full_page=True)

    log_in("reviewer")
    assert "None of the articles you signed off is due for review." in browser_page.content()
    browser_page.screenshot(path=str(tmp_path / "reviewer-dashboard.png"), full_page=True)
