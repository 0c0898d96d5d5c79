"""After each workflow action one message says what happened and what comes next; editors see the request."""

import json

import pytest
from django.urls import reverse

from tests.editorial_support import (
    article_form_data,
    client_for,
    latest_article,
    post_edit,
    workflow_action,
)

pytestmark = pytest.mark.django_db

DENIED = "do not have permission"


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def act_in_editor(client, page, action, comment=""):
    """What the edit page's footer does: the form, with the workflow action and its dialog's data."""
    data = article_form_data(latest_article(page))
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps({"comment": comment} if comment else {}),
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


@pytest.fixture
def in_medical_review(one_section_article, users, reviewer_person):
    editor, publisher = client_for(users["editor"]), client_for(users["publisher"])
    post_edit(editor, latest_article(one_section_article), action="action-submit", text="<p>Take 50 mg.</p>")
    response = workflow_action(publisher, latest_article(one_section_article), "approve")
    return latest_article(one_section_article), (publisher, response)


def test_approve_says_what_comes_next(in_medical_review, users):
    page, (publisher, response) = in_medical_review
    assert response.status_code == 302
    landed = publisher.get(response["Location"])
    assert f"Approved: “{page.title}” now goes to the “Medical review” step." in messages_of(landed)
    assert not any("has been updated" in message for message in messages_of(landed))


def test_request_changes_one_message_and_no_permission_error(in_medical_review, users, mailoutbox):
    page, _response = in_medical_review
    response = act_in_editor(client_for(users["reviewer"]), page, "reject", "Cite the 2024 guideline.")
    assert response.status_code == 200
    assert messages_of(response) == ["Changes requested: sent back to Editor Tester with your comment."]
    assert DENIED not in response.content.decode()
    # The email uses the admin's words and carries the comment.
    mail = next(m for m in mailoutbox if m.to == ["editor@example.org"] and "Changes requested" in m.subject)
    assert "rejected" not in (mail.subject + mail.body).lower()
    assert "Reviewer Tester requested changes" in mail.body
    assert "Cite the 2024 guideline." in mail.body


def test_sign_off_says_it_is_live(in_medical_review, users):
    page, _response = in_medical_review
    response = act_in_editor(client_for(users["reviewer"]), page, "approve")
    assert messages_of(response) == [f"Signed off: “{page.title}” is now live."]
    assert DENIED not in response.content.decode()
    assert "Take 50 mg." in latest_article(page).live_revision.as_object().body[0].value["body"].source


def test_sign_off_with_comment_from_the_dialog_url(in_medical_review, users):
    page, _response = in_medical_review
    reviewer = client_for(users["reviewer"])
    response = workflow_action(reviewer, page, "approve", comment="Matches NICE.")
    landed = reviewer.get(response["Location"])
    assert messages_of(landed) == [f"Signed off: “{page.title}” is now live."]
    assert DENIED not in landed.content.decode()


def test_editor_sees_the_request_until_resubmitted(in_medical_review, users):
    page, _response = in_medical_review
    act_in_editor(client_for(users["reviewer"]), page, "reject", "Cite the 2024 guideline.")
    editor = client_for(users["editor"])
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    notice = html[html.index("data-change-request") :][:600]
    assert "Changes requested by Reviewer Tester" in notice
    assert "(Medical review)" in notice
    assert "Cite the 2024 guideline." in notice
    # The status panel credits the reviewer with the request, not the editor who submitted.
    assert "Changes requested" in html and "by Reviewer Tester" in html
    post_edit(editor, latest_article(page), action="action-submit", text="<p>Take 50 mg (NICE 2024).</p>")
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "data-change-request" not in html
