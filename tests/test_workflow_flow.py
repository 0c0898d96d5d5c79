"""The whole flow from draft to live, through the admin views."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from cms.articles.models import ArticlePage
from cms.editorial.models import ClinicalSignOff
from cms.editorial.signoff import CommentRequired
from tests.editorial_support import client_for, latest_article, post_edit, workflow_action

pytestmark = pytest.mark.django_db


def test_draft_to_live_through_both_approvals(one_section_article, users, reviewer_person):
    editor = client_for(users["editor"])
    response = post_edit(editor, one_section_article, text="<p>Second version.</p>")
    assert response.status_code == 302, response.content[:3000]
    page = latest_article(one_section_article)
    assert page.has_unpublished_changes
    response = post_edit(editor, page, action="action-submit")
    assert response.status_code == 302
    page = latest_article(one_section_article)
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == "Editorial review"

    assert workflow_action(client_for(users["publisher"]), page, "approve").status_code == 302
    page = latest_article(one_section_article)
    assert page.current_workflow_task.name == "Medical review"
    assert "Second" not in page.body[0].value["body"].source

    assert workflow_action(client_for(users["reviewer"]), page, "approve", "Accurate.").status_code == 302
    page = latest_article(one_section_article)
    assert not page.workflow_in_progress
    assert "Second version" in page.body[0].value["body"].source
    signoff = ClinicalSignOff.objects.get(page=page)
    assert signoff.revision_id == page.live_revision_id
    assert (signoff.reviewer_name, signoff.reviewer_credentials) == ("Dr Daniel Okafor", "MD, FRCP")
    assert page.medical_reviewer == reviewer_person


def submit_and_pass_editorial(article, users, text="<p>Second version.</p>"):
    editor = client_for(users["editor"])
    post_edit(editor, article, text=text)
    post_edit(editor, latest_article(article), action="action-submit")
    workflow_action(client_for(users["publisher"]), latest_article(article), "approve")
    page = latest_article(article)
    assert page.current_workflow_task.name == "Medical review"
    return page


def test_submission_notifies_the_task_groups(one_section_article, users, mailoutbox):
    editor = client_for(users["editor"])
    post_edit(editor, one_section_article, text="<p>Second version.</p>")
    mailoutbox.clear()
    post_edit(editor, latest_article(one_section_article), action="action-submit")
    recipients = {address for mail in mailoutbox for address in mail.to}
    assert "publisher@example.org" in recipients
    assert "reviewer@example.org" not in recipients
    mailoutbox.clear()
    workflow_action(client_for(users["publisher"]), latest_article(one_section_article), "approve")
    assert "reviewer@example.org" in {address for mail in mailoutbox for address in mail.to}


def test_rejection_requires_a_comment(one_section_article, users, reviewer_person):
    page = submit_and_pass_editorial(one_section_article, users)
    reviewer = client_for(users["reviewer"])
    task_state = page.current_workflow_task_state
    form_url = reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "reject", task_state.pk]
    )
    # The dialog's form refuses an empty comment...
    response = reviewer.post(form_url, {"comment": "  "}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200
    assert "Say what needs to change." in response.content.decode()
    # ...the action view does nothing without one...
    workflow_action(reviewer, page, "reject", comment="")
    assert latest_article(one_section_article).current_workflow_state.status == "in_progress"
    # ...and neither does code calling the task directly.
    with pytest.raises(CommentRequired):
        page.current_workflow_task.on_action(task_state, users["reviewer"], "reject", comment="")
    assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"


def test_rejection_returns_the_article_to_the_editor(one_section_article, users, reviewer_person, mailoutbox):
    page = submit_and_pass_editorial(one_section_article, users)
    mailoutbox.clear()
    workflow_action(client_for(users["reviewer"]), page, "reject", comment="Cite the 2024 guideline.")
    page = latest_article(one_section_article)
    assert page.current_workflow_state.status == "needs_changes"
    assert "Second version" not in page.body[0].value["body"].source
    assert not ClinicalSignOff.objects.filter(page=page).exists()
    assert "editor@example.org" in {address for mail in mailoutbox for address in mail.to}
    entry = PageLogEntry.objects.get(page=page, action="editorial.medical_rejection")
    assert entry.data["comment"] == "Cite the 2024 guideline."
    assert entry.data["reviewer"] == {"name": "Dr Daniel Okafor", "credentials": "MD, FRCP"}
    # The editor fixes it and resubmits: the workflow resumes at the medical review.
    editor = client_for(users["editor"])
    post_edit(editor, page, text="<p>Second version, with the 2024 guideline.</p>")
    post_edit(editor, latest_article(one_section_article), action="action-submit")
    page = latest_article(one_section_article)
    assert page.current_workflow_task.name == "Medical review"
    workflow_action(client_for(users["reviewer"]), page, "approve")
    assert "2024 guideline" in latest_article(one_section_article).body[0].value["body"].source


def test_signoff_in_audit_log_and_page_history(one_section_article, users, reviewer_person):
    page = submit_and_pass_editorial(one_section_article, users)
    workflow_action(client_for(users["reviewer"]), page, "approve", comment="Checked against NICE.")
    entry = PageLogEntry.objects.get(page=page, action="editorial.signoff")
    assert entry.user_id == users["reviewer"].pk
    assert entry.revision_id == latest_article(one_section_article).live_revision_id
    assert "Signed off by Dr Daniel Okafor MD, FRCP" in entry.message
    assert entry.comment == "Checked against NICE."
    admin = client_for(users["admin"])
    history = admin.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Signed off by Dr Daniel Okafor MD, FRCP" in history
    assert "Checked against NICE." in history
    site_log = admin.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Clinical sign-off" in site_log


def test_signoff_without_a_linked_person_uses_the_user_name(one_section_article, users):
    page = submit_and_pass_editorial(one_section_article, users)
    workflow_action(client_for(users["reviewer"]), page, "approve")
    signoff = ClinicalSignOff.objects.get(page=page)
    assert (signoff.reviewer_name, signoff.reviewer_credentials) == ("Reviewer Tester", "")
    assert signoff.reviewer_person is None
    assert latest_article(one_section_article).live


@pytest.mark.parametrize("days", [365, 90])
def test_signoff_stamps_the_review_dates(one_section_article, users, reviewer_person, settings, days):
    settings.MEDICAL_REVIEW_INTERVAL_DAYS = days
    page = submit_and_pass_editorial(one_section_article, users)
    workflow_action(client_for(users["reviewer"]), page, "approve")
    page = latest_article(one_section_article)
    signoff = ClinicalSignOff.objects.get(page=page)
    assert page.last_reviewed == signoff.signed_at.date()
    assert page.next_review_due == page.last_reviewed + datetime.timedelta(days=days)
    assert signoff.reviewed_revision_id != signoff.revision_id
    # The signed revision differs from the reviewed one only by the review stamp.
    reviewed, signed = signoff.reviewed_revision.content, signoff.revision.content
    differing = {k for k in set(reviewed) | set(signed) if reviewed.get(k) != signed.get(k)}
    bookkeeping = {"latest_revision", "latest_revision_created_at"}
    assert differing - bookkeeping <= set(ArticlePage.REVIEW_FIELDS)


def test_index_pages_skip_the_medical_review(article_index, users):
    publisher = client_for(users["publisher"])
    index = article_index.specific
    index.intro = "<p>Changed intro.</p>"
    index.save_revision(user=users["publisher"])
    index.get_workflow().start(index, users["publisher"])
    workflow_action(publisher, index, "approve")
    index.refresh_from_db()
    assert not index.workflow_in_progress
    assert index.intro == "<p>Changed intro.</p>"
    states = TaskState.objects.filter(workflow_state__object_id=str(index.pk)).order_by("pk")
    assert [s.status for s in states] == ["approved", "skipped"]
