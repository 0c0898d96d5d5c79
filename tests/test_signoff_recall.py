"""Clinical recall: a medical reviewer withdraws a live article's sign-off; it and its translations go
offline at once, everyone is told, and it comes back only through review."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from cms.editorial.models import ClinicalSignOff
from cms.editorial.signoff import SignOffRequired, signoff_latest, signoff_record

from .webhook_support import endpoint_for

REASON = "The chemotherapy dose is wrong: 50 mg, not 5000 mg."


def recall(client, user, page, reason=REASON):
    client.force_login(user)
    return client.post(reverse("editorial_recall", args=[page.pk]), {"reason": reason})


@pytest.mark.django_db
def test_recall_takes_the_article_and_its_translations_offline(
    article, live_spanish, clinician, client, django_capture_on_commit_callbacks, mailoutbox, receiver
):
    english_signoff = signoff_latest(article)
    endpoint_for(receiver, ["unpublish"])
    with django_capture_on_commit_callbacks(execute=True):
        response = recall(client, clinician, article)
    assert response.status_code == 302
    message = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Sign-off withdrawn" in message and "1 translation" in message
    for page in (article, live_spanish):
        page = Page.objects.get(pk=page.pk)
        assert not page.live
        signoff = signoff_latest(page)
        assert signoff.withdrawn and signoff.withdrawal_reason == REASON
        entry = PageLogEntry.objects.get(page=page, action="editorial.signoff_withdrawn")
        assert entry.data["reason"] == REASON
        assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").exists()
        # Anonymous readers and the API see nothing any more.
        client.logout()
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert signoff_latest(article).pk == english_signoff.pk
    # Webhooks report the unpublish of each page.
    unpublished = {json.loads(r["body"])["page"]["id"] for r in receiver.requests}
    assert receiver.events() == ["unpublish", "unpublish"]
    assert unpublished == {article.pk, live_spanish.pk}
    # The people who worked on it are told, with the reason.
    recall_mails = [m for m in mailoutbox if m.subject.startswith("Clinical recall")]
    assert recall_mails, "nobody was notified"
    recipients = {address for mail in recall_mails for address in mail.to}
    # The clinician who signed the Spanish page off, and the translator who wrote it.
    assert {"clinician@example.org", "translator-es@example.org"} <= recipients
    assert all(REASON in mail.body for mail in recall_mails)


@pytest.mark.django_db
def test_recalled_article_comes_back_only_through_review(article, live_spanish, clinician, publisher, client):
    recall(client, clinician, article)
    page = Page.objects.get(pk=article.pk).specific
    with pytest.raises(SignOffRequired, match="withdrawn"):
        page.get_latest_revision().publish(user=publisher)
    assert not Page.objects.get(pk=article.pk).live
    # A new review: a fresh sign-off of the (corrected) content puts it back.
    signoff = signoff_record(page, clinician, comment="Dose corrected.")
    signoff.revision.publish(user=publisher)
    assert Page.objects.get(pk=article.pk).live
    # The Spanish translation stays offline until its own review.
    spanish = Page.objects.get(pk=live_spanish.pk).specific
    assert not spanish.live
    with pytest.raises(SignOffRequired):
        spanish.get_latest_revision().publish(user=publisher)


@pytest.mark.django_db
def test_recall_needs_a_reason_and_changes_nothing_without_one(article, clinician, client):
    response = recall(client, clinician, article, reason="   ")
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    assert Page.objects.get(pk=article.pk).live
    assert not ClinicalSignOff.objects.filter(withdrawn_at__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "publisher", "translator"])
def test_only_medical_reviewers_can_recall(article, editor, publisher, translators, client, role):
    user = {"editor": editor, "publisher": publisher, "translator": translators["es"]}[role]
    client.force_login(user)
    for response in (
        client.get(reverse("editorial_recall", args=[article.pk])),
        client.post(reverse("editorial_recall", args=[article.pk]), {"reason": REASON}),
    ):
        # Wagtail's answer to a permission error in the admin: back to the dashboard, with a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert any("permission" in str(m) for m in get_messages(response.wsgi_request))
    assert Page.objects.get(pk=article.pk).live


@pytest.mark.django_db
def test_reviewers_find_recall_in_the_review_due_report(article, clinician, client):
    client.force_login(clinician)
    html = client.get(reverse("editorial_review_due")).content.decode()
    assert reverse("editorial_recall", args=[article.pk]) in html
    form = client.get(reverse("editorial_recall", args=[article.pk]))
    assert form.status_code == 200
    assert "Withdraw sign-off and take offline" in form.content.decode()
