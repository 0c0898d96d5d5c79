"""The translation flow per language: submit, translate, review, medical sign-off, live."""

import pytest
from django.test import Client
from wagtail.models import Page, WorkflowState

from cms.editorial.models import ClinicalSignOff
from cms.localization.services import translations_summary
from home.models import HomePage

from .localization_support import (
    approve_current_task,
    po_fill,
    submit,
    submit_for_review,
    translated_page,
)

LANGUAGES = ["es", "de", "ar"]


def api_page(page_id):
    return Client().get(f"/api/v2/pages/{page_id}/")


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_article_goes_live_in_each_language_only_after_review(
    code, article, editor, translators, language_reviewers, clinician, locales, client
):
    translation = submit(article, locales[code], editor)
    page = translated_page(article, locales[code])
    # A new translation is a draft, with no text of its own yet: nothing is served.
    assert not page.live
    assert api_page(page.pk).status_code == 404
    # The section above it is a draft translation too, not a live alias of the English one.
    section = page.get_parent().specific
    assert section.alias_of_id is None and not section.live

    client.force_login(translators[code])
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    po_fill(client, translation)
    response = submit_for_review(client, page)
    assert response.status_code == 302
    page = translated_page(article, locales[code])
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name.startswith("Translation review (")
    assert not page.live

    # The language reviewer approves; the article still waits for its medical sign-off.
    client.force_login(language_reviewers[code])
    response = approve_current_task(client, page)
    assert (response.status_code, response["Location"]) == (302, f"/admin/pages/{page.pk}/edit/")
    page = translated_page(article, locales[code])
    assert not page.live
    assert page.current_workflow_task.name == "Medical review"

    client.force_login(clinician)
    response = approve_current_task(client, page, comment="Checked against the English text.")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    page = translated_page(article, locales[code])
    assert page.live
    assert ClinicalSignOff.objects.filter(page=page, revision=page.live_revision).exists()

    data = api_page(page.pk).json()
    assert data["title"] == f"[{code}] Treating lung cancer"
    assert data["summary"] == f"[{code}] How lung cancer is treated."
    assert data["locale"] == code
    entry = {e["locale"]: e for e in translations_summary(article)}[code]
    assert entry["status"] == "up_to_date"
    assert entry["id"] == page.pk


@pytest.mark.django_db
def test_untranslated_strings_cannot_be_submitted(article, editor, translators, locales, client):
    submit(article, locales["es"], editor)
    page = translated_page(article, locales["es"])
    client.force_login(translators["es"])
    response = submit_for_review(client, page)
    assert response.status_code == 302
    page = translated_page(article, locales["es"])
    assert page.current_workflow_state is None
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("not translated yet" in m for m in messages), messages


@pytest.mark.django_db
def test_reviewer_requests_changes_and_translator_resubmits(
    article, editor, translators, language_reviewers, locales, client
):
    translation = submit(article, locales["de"], editor)
    page = translated_page(article, locales["de"])
    client.force_login(translators["de"])
    po_fill(client, translation)
    submit_for_review(client, page)
    page = translated_page(article, locales["de"])
    task_state = page.current_workflow_state.current_task_state
    client.force_login(language_reviewers["de"])
    client.post(f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/", {"comment": "Tone."})
    page = translated_page(article, locales["de"])
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(translators["de"])
    po_fill(client, translation, text=lambda msgid, code: f"[{code}, v2] {msgid}")
    submit_for_review(client, page)
    page = translated_page(article, locales["de"])
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.get_latest_revision_as_object().title == "[de, v2] Treating lung cancer"
    assert not page.live


@pytest.mark.django_db
def test_locale_home_pages_are_translations_of_the_english_root(l10n, home_page):
    homes = HomePage.objects.filter(depth=2)
    assert {h.locale.language_code for h in homes} == {"en", "es", "de", "ar"}
    assert {h.translation_key for h in homes} == {home_page.translation_key}
    for code in ("es", "de", "ar"):
        home = l10n[code].home
        assert not home.live  # translated and reviewed like any page before it goes live
        assert home.get_workflow().name == l10n[code].workflow.name
    assert Page.objects.get(pk=home_page.pk).specific.get_workflow().name == "Editorial and medical review"


@pytest.mark.django_db
def test_editor_submits_a_section_with_its_subtree_in_the_admin(article, editor, locales, client):
    section = article.get_parent()
    client.force_login(editor)
    url = f"/admin/localize/submit/page/{section.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [locales["es"].pk, locales["ar"].pk], "include_subtree": "on"})
    assert response.status_code == 302
    for code in ("es", "ar"):
        for source in (section, article):
            page = translated_page(source, locales[code])
            assert not page.live and page.alias_of_id is None


@pytest.mark.django_db
def test_sync_translated_pages_with_publish_ticked_only_submits_for_review(
    article, editor, translators, language_reviewers, clinician, locales, client
):
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    po_fill(client, translation)
    page = translated_page(article, locales["es"])
    submit_for_review(client, page)
    client.force_login(language_reviewers["es"])
    approve_current_task(client, page)
    client.force_login(clinician)
    approve_current_task(client, page)
    live = translated_page(article, locales["es"])
    live_title, live_revision = live.title, live.live_revision_id

    client.force_login(editor)  # editors may edit every language's tree
    response = client.post(f"/admin/localize/update/{translation.source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    page = translated_page(article, locales["es"])
    assert page.live_revision_id == live_revision and page.title == live_title
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
