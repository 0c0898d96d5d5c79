"""Fixtures and helpers of the editorial and workflow tests (a pytest plugin, listed in conftest.py).

The fixtures (roles, users, a simple live article) are available to every test; the helpers that
drive the real admin views are imported by name (`from tests.editorial_support import post_edit`).
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.articles.models import ArticlePage, Person
from cms.editorial.roles import EDITORS, MEDICAL_REVIEWERS, PUBLISHERS
from cms.editorial.signoff import signoff_waived
from cms.editorial.workflow import WORKFLOW_NAME

PASSWORD = "pw"


@pytest.fixture
def editorial(db):
    """The editorial workflow, as the session's seed set it up with the roles (`ensure_workflow`)."""
    return Workflow.objects.get(name=WORKFLOW_NAME)


@pytest.fixture
def users(editorial, locale_en):
    """One user per role (and a superuser), keyed by role name."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    made = {}
    for key, group in (("editor", EDITORS), ("reviewer", MEDICAL_REVIEWERS), ("publisher", PUBLISHERS)):
        user = User.objects.create_user(
            key, f"{key}@example.org", PASSWORD, first_name=key.title(), last_name="Tester"
        )
        user.groups.add(Group.objects.get(name=group))
        made[key] = user
    made["admin"] = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    return made


@pytest.fixture
def reviewer_person(users, locale_en):
    """The reviewer user's Person: the name and credentials a sign-off records."""
    return Person.objects.create(
        name="Dr Daniel Okafor",
        slug="daniel-okafor",
        credentials="MD, FRCP",
        user=users["reviewer"],
        locale=locale_en,
    )


@pytest.fixture
def one_section_article(article_index, condition, reviewer, editorial):
    """A live article with one section, published as seed content (no clinical sign-off)."""
    page = ArticlePage(
        title="Living with lung cancer",
        summary="What to expect.",
        condition=condition,
        body=[("section", {"heading": "Overview", "body": "<p>First version.</p>"})],
    )
    article_index.add_child(instance=page)
    with signoff_waived("test seed article"):
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def bearer(users):
    """bearer(role) -> the Authorization header of a new v3 API token of that role's user."""
    from wagtail.models import APIToken

    def make(role):
        _token, plaintext = APIToken.create_token(user=users[role], name=f"{role} token")
        return {"Authorization": f"Bearer {plaintext}"}

    return make


def latest_article(page):
    return ArticlePage.objects.get(pk=page.pk)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def article_form_data(page, text=None, **overrides):
    """POST data of the admin edit form for a one-section article (the latest draft's values)."""
    draft = page.get_latest_revision_as_object()
    section = draft.body[0]
    data = {
        "title": draft.title,
        "slug": draft.slug,
        "summary": draft.summary,
        "condition": draft.condition_id or "",
        "stage": draft.stage,
        "original_published_at": "",
        "authors": inline_formset([]),
        "body": streamfield(
            [
                (
                    "section",
                    {
                        "heading": section.value["heading"],
                        "body": rich_text(text or section.value["body"].source),
                    },
                )
            ]
        ),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    data = nested_form_data(data)
    # What the admin's form carries: the revision the editor started from.
    data.setdefault("loaded_revision_id", str(type(page).objects.get(pk=page.pk).latest_revision_id))
    return data


def post_edit(client, page, action=None, text=None, **overrides):
    """Submit the admin edit form; `action` is e.g. "action-publish" or "action-submit"."""
    data = article_form_data(page, text=text, **overrides)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def workflow_action(client, page, action, comment=""):
    """Approve or reject the page's current task through the admin's workflow action view."""
    task_state = Page.objects.get(pk=page.pk).specific.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


# --- In a real browser (the browser_page fixture) ---


def log_in(browser_page, base, username):
    browser_page.context.clear_cookies()
    browser_page.goto(f"{base}/admin/login/")
    browser_page.fill("input[name=username]", username)
    browser_page.fill("input[name=password]", PASSWORD)
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(f"{base}/admin/")


def footer_action(browser_page, label):
    """Click an action of the edit page's footer menu (opening its dropdown if needed)."""
    button = browser_page.locator("footer").get_by_role("button", name=label, exact=True)
    if not button.is_visible():
        browser_page.locator("footer").get_by_role("button", name="More actions").click()
    button.click()
