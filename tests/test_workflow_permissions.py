"""Permission matrix: each role against each action, through the real admin views.

Allowed actions must take effect; denied ones must be refused by the view and change nothing.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, Revision

from cms.articles.models import ArticlePage
from cms.editorial.signoff import signoff_record
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db

ROLES = ("editor", "reviewer", "publisher")


def revisions(page):
    return Revision.objects.for_instance(page).count()


def denied(response):
    """Wagtail's admin answers a refused action with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def in_editorial_review(article, users):
    editor = client_for(users["editor"])
    post_edit(editor, article, text="<p>Edited for review.</p>")
    post_edit(editor, latest_article(article), action="action-submit")
    page = latest_article(article)
    assert page.current_workflow_task.name == "Editorial review"
    return page


def in_medical_review(article, users):
    page = in_editorial_review(article, users)
    workflow_action(client_for(users["publisher"]), page, "approve")
    page = latest_article(article)
    assert page.current_workflow_task.name == "Medical review"
    return page


def signed_draft(article, users, reviewer_person):
    """A draft with a medical sign-off, waiting for someone to publish it."""
    post_edit(client_for(users["editor"]), article, text="<p>Signed draft.</p>")
    signoff_record(latest_article(article), users["reviewer"], comment="Fine.")
    page = latest_article(article)
    assert page.has_unpublished_changes
    return page


# Each action: (do it as `client`, return whether it took effect).


def act_edit(client, article, users, reviewer_person):
    before = revisions(article)
    response = post_edit(client, article, text="<p>An edit.</p>")
    return response, revisions(article) == before + 1


def act_submit(client, article, users, reviewer_person):
    response = post_edit(client, article, action="action-submit")
    return response, latest_article(article).workflow_in_progress


def act_approve_editorial(client, article, users, reviewer_person):
    page = in_editorial_review(article, users)
    response = workflow_action(client, page, "approve")
    return response, latest_article(article).current_workflow_task.name == "Medical review"


def act_approve_medical(client, article, users, reviewer_person):
    page = in_medical_review(article, users)
    response = workflow_action(client, page, "approve")
    page = latest_article(article)
    went_live = "Edited for review" in page.body[0].value["body"].source
    return response, went_live and not page.workflow_in_progress


def act_reject_medical(client, article, users, reviewer_person):
    page = in_medical_review(article, users)
    response = workflow_action(client, page, "reject", comment="Cite the 2024 guideline.")
    return response, latest_article(article).current_workflow_state.status == "needs_changes"


def act_publish(client, article, users, reviewer_person):
    page = signed_draft(article, users, reviewer_person)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"
    response = client.post(url, {"include_descendants": ""})
    return response, not latest_article(article).has_unpublished_changes


def act_unpublish(client, article, users, reviewer_person):
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[article.pk]))
    return response, not latest_article(article).live


def act_delete(client, article, users, reviewer_person):
    response = client.post(reverse("wagtailadmin_pages:delete", args=[article.pk]))
    return response, not Page.objects.filter(pk=article.pk).exists()


MATRIX = {
    # action: roles allowed
    act_edit: {"editor", "publisher"},
    act_submit: {"editor", "publisher"},
    act_approve_editorial: {"publisher"},
    act_approve_medical: {"reviewer"},
    act_reject_medical: {"reviewer"},
    act_publish: {"publisher"},
    act_unpublish: {"publisher"},
    act_delete: {"publisher"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX), ids=[a.__name__.removeprefix("act_") for a in MATRIX])
def test_permission_matrix(action, role, one_section_article, users, reviewer_person):
    response, happened = action(client_for(users[role]), one_section_article, users, reviewer_person)
    if role in MATRIX[action]:
        assert happened, f"{role} should be able to {action.__name__}"
        assert response.status_code == 302
    else:
        assert not happened, f"{role} must not be able to {action.__name__}"
        assert ArticlePage.objects.filter(pk=one_section_article.pk).exists()
        if action is act_publish:
            # Bulk actions list the pages the user may not touch instead of acting on them.
            confirm = client_for(users[role]).get(response.wsgi_request.get_full_path())
            assert confirm.status_code == 200
            assert "have permission to publish this page" in confirm.content.decode()
        else:
            assert denied(response), (response.status_code, response.get("Location"))


def test_editor_publish_button_only_saves_a_draft(one_section_article, users, reviewer_person):
    """Wagtail ignores "publish" from a user without publish permission: the edit stays a draft."""
    page = signed_draft(one_section_article, users, reviewer_person)
    live_before = page.live_revision_id
    post_edit(client_for(users["editor"]), page, action="action-publish")
    assert latest_article(one_section_article).live_revision_id == live_before


def test_editor_cannot_edit_while_in_review(one_section_article, users):
    """Wagtail's workflow lock: once submitted, only the task's group may change the article."""
    page = in_editorial_review(one_section_article, users)
    before = revisions(page)
    response = post_edit(client_for(users["editor"]), page, text="<p>Sneaky change.</p>")
    assert response.status_code == 200  # the edit form comes back with the lock message
    assert revisions(page) == before
