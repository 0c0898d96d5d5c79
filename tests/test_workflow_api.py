"""The APIs: v3 writes per role (publish refused without a sign-off), v2 shows the sign-off."""

import datetime
import json

import pytest
from django.utils import timezone

from cms.articles.models import ArticlePage
from cms.editorial.signoff import signoff_record
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db


def publish(client, page, headers):
    return client.post(f"/api/v3/pages/{page.pk}/actions/publish/", headers=headers)


def new_draft(article, summary="Changed in a draft."):
    draft = latest_article(article).get_latest_revision_as_object()
    draft.summary = summary
    return draft.save_revision()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_v3_publish_needs_publish_permission(client, one_section_article, bearer, role):
    new_draft(one_section_article)
    response = publish(client, one_section_article, bearer(role))
    assert response.status_code == 403
    assert latest_article(one_section_article).summary == "What to expect."


def test_v3_publish_refused_without_signoff(client, one_section_article, bearer):
    new_draft(one_section_article)
    response = publish(client, one_section_article, bearer("publisher"))
    assert response.status_code == 403
    body = response.json()
    assert "needs a medical sign-off" in body["detail"]
    assert latest_article(one_section_article).summary == "What to expect."


def test_v3_publish_of_a_signed_revision(client, one_section_article, bearer, users, reviewer_person):
    new_draft(one_section_article, "Signed in a draft.")
    signoff_record(latest_article(one_section_article), users["reviewer"])
    response = publish(client, one_section_article, bearer("publisher"))
    assert response.status_code == 200, response.content
    page = latest_article(one_section_article)
    assert page.summary == "Signed in a draft."
    assert page.medical_reviewer == reviewer_person


def test_v3_update_with_publish_refused(client, one_section_article, bearer):
    payload = {"meta": {"type": "articles.ArticlePage", "action": "publish"}, "title": "Retitled via v3"}
    response = client.patch(
        f"/api/v3/pages/{one_section_article.pk}/",
        data=json.dumps(payload),
        content_type="application/json",
        headers=bearer("publisher"),
    )
    assert response.status_code == 403, response.content
    assert "Submit it to the “Editorial and medical review” workflow." in response.json()["detail"]
    assert latest_article(one_section_article).title == "Living with lung cancer"


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("reviewer", False), ("publisher", True)])
def test_v3_unpublish(client, one_section_article, bearer, role, allowed):
    response = client.post(
        f"/api/v3/pages/{one_section_article.pk}/actions/unpublish/",
        data="{}",
        content_type="application/json",
        headers=bearer(role),
    )
    assert response.status_code == (200 if allowed else 403)
    assert latest_article(one_section_article).live is not allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", True), ("reviewer", False), ("publisher", True)])
def test_v3_edit_saves_a_draft_only(client, one_section_article, bearer, role, allowed):
    payload = {"meta": {"type": "articles.ArticlePage"}, "title": "Draft title via v3"}
    response = client.patch(
        f"/api/v3/pages/{one_section_article.pk}/",
        data=json.dumps(payload),
        content_type="application/json",
        headers=bearer(role),
    )
    assert response.status_code == (200 if allowed else 403), response.content
    page = latest_article(one_section_article)
    assert page.title == "Living with lung cancer"
    assert (page.get_latest_revision_as_object().title == "Draft title via v3") is allowed


def test_v2_shows_the_signoff_after_the_workflow(client, one_section_article, users, reviewer_person):
    editor = client_for(users["editor"])
    post_edit(editor, one_section_article, text="<p>Reviewed text.</p>")
    post_edit(editor, latest_article(one_section_article), action="action-submit")
    workflow_action(client_for(users["publisher"]), latest_article(one_section_article), "approve")
    workflow_action(client_for(users["reviewer"]), latest_article(one_section_article), "approve")
    page = latest_article(one_section_article)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    review = data["medical_review"]
    assert review["reviewed_by"] == {"name": "Dr Daniel Okafor", "credentials": "MD, FRCP"}
    assert review["last_reviewed"] == page.last_reviewed.isoformat()
    assert review["next_review_due"] == page.next_review_due.isoformat()
    assert review["status"] == "current"


def test_v2_review_status_filter(client, one_section_article):
    ArticlePage.objects.filter(pk=one_section_article.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=1)
    )
    listing = client.get("/api/v2/pages/?type=articles.ArticlePage&review_status=overdue").json()
    assert [item["id"] for item in listing["items"]] == [one_section_article.pk]
    assert client.get("/api/v2/pages/?type=articles.ArticlePage&review_status=current").json()["items"] == []
    bad = client.get("/api/v2/pages/?type=articles.ArticlePage&review_status=late")
    assert bad.status_code == 400
