"""Review metadata (reviewer, last reviewed, next review due) belongs to the sign-off: nobody writes
it by hand, and a translation or copy no clinician has seen shows no review."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.articles.models import ArticlePage
from cms.articles.services import article_import
from cms.editorial.signoff import signoff_record

from .localization_support import approve_current_task, po_fill, submit, submit_for_review, translated_page

EMPTY_REVIEW = {"reviewed_by": None, "last_reviewed": None, "next_review_due": None, "status": None}


@pytest.mark.django_db
def test_the_admin_shows_review_fields_read_only_and_ignores_posted_values(article, editor, client):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    html = client.get(url).content.decode()
    assert "Recorded by the clinical sign-off" in html
    assert "Dr Rae Viewer" in html
    for name in ("medical_reviewer", "last_reviewed", "next_review_due", "medical_reviewer_name"):
        assert f'name="{name}"' not in html
    from tests.editorial_support import article_form_data

    data = article_form_data(
        article,
        medical_reviewer="",
        medical_reviewer_name="Dr Forged",
        last_reviewed="2030-01-01",
        next_review_due="2031-01-01",
    )
    assert client.post(url, data).status_code == 302
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.medical_reviewer_name == "Dr Rae Viewer"
    assert draft.last_reviewed.isoformat() == "2026-01-01"
    assert draft.next_review_due.isoformat() == "2027-01-01"


@pytest.mark.django_db
def test_a_new_translation_has_no_review_until_its_own_signoff(
    article, editor, translators, language_reviewers, clinician, locales, client
):
    assert ArticlePage.objects.get(pk=article.pk).medical_reviewer_name == "Dr Rae Viewer"
    translation = submit(article, locales["ar"], editor)
    page = translated_page(article, locales["ar"])
    draft = page.get_latest_revision_as_object()
    for name in ArticlePage.REVIEW_FIELDS:
        assert not getattr(draft, name), name
    client.force_login(translators["ar"])
    po_fill(client, translation)
    submit_for_review(client, page)
    # The language reviewer and the clinician see a draft that claims no review.
    client.force_login(clinician)
    preview = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Dr Rae Viewer" not in preview
    client.force_login(language_reviewers["ar"])
    approve_current_task(client, page)
    client.force_login(clinician)
    approve_current_task(client, page)
    client.logout()
    live = translated_page(article, locales["ar"])
    review = client.get(f"/api/v2/articles/{live.pk}/").json()["medical_review"]
    # Its own sign-off, by the clinician who reviewed the Arabic text.
    assert review["reviewed_by"]["name"] == clinician.get_username()
    assert review["status"] == "current"


@pytest.mark.django_db
def test_the_source_sync_never_copies_review_fields_into_a_translation(
    article, editor, translators, locales, client, clinician, publisher
):
    translation = submit(article, locales["es"], editor)
    page = translated_page(article, locales["es"])
    # The English source is signed off again (new dates, another reviewer): the Spanish draft
    # still claims nothing.
    source = ArticlePage.objects.get(pk=article.pk)
    signoff_record(source, clinician).revision.publish(user=publisher)
    translation.source.update_from_db()
    translation.save_target(user=translators["es"], publish=False)
    draft = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for name in ArticlePage.REVIEW_FIELDS:
        assert not getattr(draft, name), name


@pytest.mark.django_db
def test_a_copy_has_no_review(article, publisher):
    copy = article.copy(update_attrs={"slug": "copied-article", "title": "Copied"}, keep_live=False)
    copy = ArticlePage.objects.get(pk=copy.pk)
    for name in ArticlePage.REVIEW_FIELDS:
        assert not getattr(copy, name), name


@pytest.mark.django_db
def test_the_importer_never_writes_review_fields(article_index, tmp_path):
    path = tmp_path / "claimed.md"
    path.write_text(
        "---\ndate: 2024-01-15\nmedical_reviewer: Dr Forged\nlast_reviewed: 2030-01-01\n---\n"
        "# Claimed review\n\nAn article.\n\n## Section\n\nText.\n"
    )
    page = article_import(path, parent=article_index).page
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.medical_reviewer_name == "" and page.last_reviewed is None
    assert page.get_latest_revision_as_object().last_reviewed is None


@pytest.mark.django_db
def test_an_unsigned_page_shows_no_review_in_the_api(make_article, client):
    page = make_article("Draft only", publish=False)
    assert page.medical_reviewer_name == ""
    from cms.editorial.services import medical_review_summary

    assert medical_review_summary(page) == EMPTY_REVIEW
