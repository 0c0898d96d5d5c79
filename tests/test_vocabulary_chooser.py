"""A condition created from the article's chooser is a draft (live only after review); slugs fill in."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cms.articles.models import Condition
from tests.editorial_support import PASSWORD, client_for

CHOOSE = reverse("wagtailsnippetchoosers_articles_condition:choose")
CREATE = reverse("wagtailsnippetchoosers_articles_condition:create")


@pytest.mark.django_db
def test_the_chooser_offers_a_new_condition_tab(users):
    response = client_for(users["editor"]).get(CHOOSE)
    html = json.loads(response.content)["html"]
    assert "New condition" in html and "Create as a draft" in html


@pytest.mark.django_db
def test_a_condition_created_in_the_chooser_is_a_chosen_draft(users, client):
    response = client_for(users["editor"]).post(CREATE, {"name": "Pleural mesothelioma", "slug": ""})

    data = json.loads(response.content)
    assert data["step"] == "chosen" and data["result"]["string"] == "Pleural mesothelioma"
    condition = Condition.objects.get(pk=data["result"]["id"])
    assert condition.slug == "pleural-mesothelioma"
    assert not condition.live and condition.latest_revision.user == users["editor"]
    # Not live: patients and API callers do not see it until it is reviewed and published.
    listed = client.get("/api/v2/conditions/").json()["items"]
    assert "pleural-mesothelioma" not in [item["slug"] for item in listed]


@pytest.mark.django_db
def test_a_taken_slug_is_refused_in_the_chooser(users, condition):
    before = Condition.objects.count()
    response = client_for(users["editor"]).post(CREATE, {"name": condition.name, "slug": ""})
    data = json.loads(response.content)
    assert data["step"] == "reshow_creation_form"
    assert "already exists" in data["htmlFragment"]
    assert Condition.objects.count() == before


@pytest.mark.django_db
def test_reviewers_cannot_create_conditions_from_the_chooser(users):
    response = client_for(users["reviewer"]).post(CREATE, {"name": "Anything"})
    # Wagtail's admin refuses with a redirect to the dashboard (wagtail.admin.auth.permission_denied).
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Condition.objects.filter(name="Anything").exists()
    html = json.loads(client_for(users["reviewer"]).get(CHOOSE).content)["html"]
    assert "New condition" not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_creates_a_condition_from_the_article_and_slugs_fill_in(
    browser_page, live_server, one_section_article, users, tmp_path
):
    base = live_server.url
    browser_page.goto(f"{base}/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(f"{base}/admin/")

    # The snippet editor fills the slug in from the name.
    browser_page.goto(f"{base}/admin/snippets/articles/treatmentmodality/add/")
    browser_page.locator("input[name=name]").press_sequentially("Proton beam therapy")
    # Locator assertions, not wait_for_function: the admin's CSP forbids evaluating strings.
    # It follows the typing (a keystroke may land after press_sequentially returns): wait for it.
    expect(browser_page.locator("#id_slug")).to_have_value("proton-beam-therapy")

    # The article's condition chooser creates one as a draft and chooses it.
    browser_page.goto(f"{base}/admin/pages/{one_section_article.pk}/edit/")
    chooser = browser_page.locator("#id_condition-chooser")
    chooser.get_by_role("button", name="Actions").click()
    chooser.get_by_role("button", name="Choose another condition").click()
    browser_page.get_by_role("tab", name="New condition").click()
    modal = browser_page.locator(".modal-content")
    modal.locator("input[name=name]").fill("Pleural mesothelioma")
    browser_page.screenshot(path=str(tmp_path / "chooser-create.png"))
    modal.get_by_role("button", name="Create as a draft").click()
    browser_page.wait_for_selector(".modal-content", state="detached")
    expect(browser_page.locator("#id_condition-title")).to_contain_text("Pleural mesothelioma")
    condition = Condition.objects.get(slug="pleural-mesothelioma")
    assert not condition.live
    browser_page.screenshot(path=str(tmp_path / "chooser-chosen.png"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nested_add_buttons_and_preview_are_labelled(
    browser_page, live_server, make_article, users, tmp_path
):
    page = make_article("Labelled buttons")
    base = live_server.url
    browser_page.goto(f"{base}/admin/login/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(f"{base}/admin/")
    browser_page.goto(f"{base}/admin/pages/{page.pk}/edit/")

    add = browser_page.locator("button[data-streamfield-list-add]").first
    add.scroll_into_view_if_needed()
    label = add.evaluate("b => getComputedStyle(b, '::after').content")
    assert label == '"Add"'
    assert add.bounding_box()["width"] > 40, "the label is visible next to the icon"
    preview = browser_page.locator('button[data-side-panel-toggle="preview"]')
    assert preview.evaluate("b => getComputedStyle(b, '::after').content") == '"Preview"'
    browser_page.screenshot(path=str(tmp_path / "labelled-buttons.png"))
    browser_page.locator("header").first.screenshot(path=str(tmp_path / "header.png"))
