"""Only the latest clinical decision authorises publishing: reverting to a corrected version is refused."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import APIToken, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.editorial.models import ClinicalSignOff
from cms.editorial.signoff import SignOffRequired
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db

DANGEROUS = "<p>Take 5000 mg daily.</p>"
CORRECTED = "<p>Take 50 mg daily.</p>"


def through_review(article, users, text):
    """The editor writes `text`, the publisher approves, the clinician signs off: it is live."""
    post_edit(client_for(users["editor"]), article, action="action-submit", text=text)
    workflow_action(client_for(users["publisher"]), article, "approve")
    workflow_action(client_for(users["reviewer"]), article, "approve")
    page = latest_article(article)
    assert page.live and not page.has_unpublished_changes
    return page


def live_text(article):
    return latest_article(article).body[0].value["body"].source


@pytest.fixture
def corrected(one_section_article, users, reviewer_person):
    """Version 1 (5000 mg) signed off and published, then corrected to version 2 (50 mg), signed off."""
    through_review(one_section_article, users, DANGEROUS)
    first = ClinicalSignOff.objects.get(page=one_section_article)
    through_review(one_section_article, users, CORRECTED)
    second = ClinicalSignOff.objects.exclude(pk=first.pk).get(page=one_section_article)
    assert "50 mg" in live_text(one_section_article) and "5000" not in live_text(one_section_article)
    return first, second


def form_data_of(revision):
    """The admin form as the revert view shows it: the old revision's values."""
    old = revision.as_object()
    return nested_form_data(
        {
            "title": old.title,
            "slug": old.slug,
            "summary": old.summary,
            "condition": old.condition_id or "",
            "stage": old.stage,
            "original_published_at": "",
            "authors": inline_formset([]),
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": old.body[0].value["heading"],
                            "body": rich_text(old.body[0].value["body"].source),
                        },
                    )
                ]
            ),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments": inline_formset([]),
            "loaded_revision_id": str(latest_article(old).latest_revision_id),
        }
    )


def test_a_later_signoff_supersedes_the_earlier_one(corrected):
    first, second = corrected
    first.refresh_from_db()
    assert first.superseded_by == second
    assert second.superseded_by is None
    entries = PageLogEntry.objects.filter(page=second.page, action="editorial.signoff_superseded")
    assert entries.get().data["superseded"]["id"] == first.pk


def test_admin_revert_and_publish_is_refused(one_section_article, users, corrected):
    first, second = corrected
    client = client_for(users["publisher"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=[one_section_article.pk, first.revision_id])
    assert client.get(url).status_code == 200
    data = form_data_of(first.revision)
    data["action-publish"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    # The refusal names the superseding sign-off.
    assert "superseded" in messages and second.reviewer_name in messages
    assert "50 mg" in live_text(one_section_article)
    # The reverted text is kept as a draft, for a fresh review.
    assert (
        "5000 mg"
        in latest_article(one_section_article).get_latest_revision_as_object().body[0].value["body"].source
    )


def test_code_revert_and_publish_is_refused(one_section_article, users, corrected):
    first, _second = corrected
    with pytest.raises(SignOffRequired, match="superseded"):
        first.revision.publish(user=users["admin"])
    page = latest_article(one_section_article)
    reverted = page.save_revision(user=users["publisher"], previous_revision=first.revision)
    reverted.content = first.revision.content
    reverted.save(update_fields=["content"])
    with pytest.raises(SignOffRequired, match="superseded"):
        reverted.publish(user=users["publisher"], previous_revision=first.revision)
    assert "50 mg" in live_text(one_section_article)


def test_v3_revert_and_publish_is_refused(client, one_section_article, users, corrected):
    first, _second = corrected
    _token, plaintext = APIToken.create_token(user=users["publisher"], name="t")
    headers = {"Authorization": f"Bearer {plaintext}"}
    response = client.post(
        f"/api/v3/pages/{one_section_article.pk}/actions/revert/",
        data=json.dumps({"revision_id": first.revision_id}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    response = client.post(f"/api/v3/pages/{one_section_article.pk}/actions/publish/", headers=headers)
    assert response.status_code == 403
    assert "superseded" in response.json()["detail"]
    assert "50 mg" in live_text(one_section_article)
    assert (
        "50 mg"
        in client.get(f"/api/v2/articles/{one_section_article.pk}/").json()["body"][0]["value"]["body"]
    )


def test_reverting_to_the_latest_signed_content_needs_no_new_signoff(one_section_article, users, corrected):
    _first, second = corrected
    # An unsigned edit goes in between; reverting to the latest signed version may go live.
    post_edit(client_for(users["editor"]), one_section_article, text="<p>Unreviewed note.</p>")
    latest_article(one_section_article).save_revision(
        user=users["publisher"], previous_revision=second.revision
    )
    second.revision.publish(user=users["publisher"], previous_revision=second.revision)
    assert "50 mg" in live_text(one_section_article)


def test_page_history_marks_the_superseded_signoff(one_section_article, users, corrected):
    _first, second = corrected
    client = client_for(users["publisher"])
    html = client.get(reverse("wagtailadmin_pages:history", args=[one_section_article.pk])).content.decode()
    assert f"superseded by {second.reviewer_name}" in html
    assert "no longer authorises publishing" in html
