"""The whole flow from draft to live, through the admin views."""

import pytest

from cms.editorial.models import ClinicalSignOff
from tests.test_editorial_fixtures import *  # noqa: F403
from tests.test_editorial_fixtures import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db


def test_draft_to_live_through_both_approvals(article, users, reviewer_person):
    editor = client_for(users["editor"])
    response = post_edit(editor, article, text="<p>Second version.</p>")
    assert response.status_code == 302, response.content[:3000]
    page = latest_article(article)
    assert page.has_unpublished_changes
    response = post_edit(editor, page, action="action-submit")
    assert response.status_code == 302
    page = latest_article(article)
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Editorial review"

    assert workflow_action(client_for(users["publisher"]), page, "approve").status_code == 302
    page = latest_article(article)
    assert page.current_workflow_task.name == "Medical review"
    assert "Second" not in page.body[0].value["body"].source

    assert workflow_action(client_for(users["reviewer"]), page, "approve", "Accurate.").status_code == 302
    page = latest_article(article)
    assert not page.workflow_in_progress
    assert "Second version" in page.body[0].value["body"].source
    signoff = ClinicalSignOff.objects.get(page=page)
    assert signoff.revision_id == page.live_revision_id
    assert (signoff.reviewer_name, signoff.reviewer_credentials) == ("Dr Daniel Okafor", "MD, FRCP")
    assert page.medical_reviewer == reviewer_person
