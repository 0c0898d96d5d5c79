"""The two wagtail-localize 1.14 traps, closed.

- LEAK: `Translation.save_target(publish=False)` on a translation that is already live writes
  the draft into the live row, so every API serves unreviewed text to anonymous readers.
- BYPASS: `save_target(user=u, publish=True)` publishes even when `u` may not publish, and no
  workflow runs (wagtail-localize has no workflow integration).
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from cms.localization.services import translations_summary

from .localization_support import (
    po_fill,
    source_publish,
    submit,
    submit_for_review,
    translated_page,
    translation_of,
)


def api_summary(page_id):
    return Client().get(f"/api/v2/pages/{page_id}/").json()["summary"]


@pytest.mark.django_db
def test_source_change_syncs_a_draft_and_leaves_the_live_translation_alone(
    article, live_spanish, locales, client, superuser
):
    assert api_summary(live_spanish.pk) == "[es] How lung cancer is treated."
    article = source_publish(article, summary="How stage 4 lung cancer is treated today.")

    page = translated_page(article, locales["es"])
    # The sync saved the new source text into a draft of the translation...
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "How stage 4 lung cancer is treated today."
    # ...while the live row, and so every API, keeps the reviewed Spanish text.
    assert page.summary == "[es] How lung cancer is treated."
    assert page.live_revision_id == live_spanish.live_revision_id
    assert api_summary(page.pk) == "[es] How lung cancer is treated."
    entry = {e["locale"]: e for e in translations_summary(article)}["es"]
    assert entry["status"] == "out_of_date"
    assert entry["progress"] < 100  # the changed summary awaits its translation
    # The API and the report say so too.
    api = Client().get(f"/api/v2/pages/{article.pk}/").json()
    assert {e["locale"]: e["status"] for e in api["translations"]}["es"] == "out_of_date"
    client.force_login(superuser)
    report = client.get("/admin/reports/translation-status/", {"language": "es", "status": "out_of_date"})
    assert "localization-status--out_of_date" in report.content.decode()
    assert article.title in report.content.decode()


@pytest.mark.django_db
def test_save_target_as_draft_never_touches_the_live_row(article, live_spanish, locales):
    """The LEAK: wagtail-localize's save_target(publish=False) on a live translation."""
    source_publish(article, summary="Changed in English.")
    translation = translation_of(article, locales["es"])
    translation.source.update_from_db()
    translation.save_target(publish=False)
    page = translated_page(article, locales["es"])
    assert page.summary == "[es] How lung cancer is treated."
    assert api_summary(page.pk) == "[es] How lung cancer is treated."


@pytest.mark.django_db
def test_save_target_publish_needs_permission_and_never_publishes(
    article, editor, translators, locales, make_user, client
):
    """The BYPASS: save_target(user=u, publish=True) published without permission or workflow."""
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    po_fill(client, translation)
    nobody = make_user("nobody")
    with pytest.raises(PermissionDenied):
        translation.save_target(user=nobody, publish=True)
    with pytest.raises(PermissionDenied):
        translation.save_target(user=translators["de"], publish=True)
    with pytest.raises(PermissionDenied):
        translation.save_target(user=None, publish=True)
    page = translated_page(article, locales["es"])
    assert not page.live and page.current_workflow_state is None

    # The Spanish translator may ask for it: that submits the draft for review, nothing more.
    translation.save_target(user=translators["es"], publish=True)
    page = translated_page(article, locales["es"])
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_editor_publish_button_sends_a_publisher_to_review_too(
    article, editor, publisher, translators, locales, client
):
    """wagtail-localize's own Publish button, pressed by a user who may publish pages."""
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    po_fill(client, translation)
    page = translated_page(article, locales["es"])
    assert page.permissions_for_user(publisher).can_publish()
    client.force_login(publisher)
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    page = translated_page(article, locales["es"])
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_translator_cannot_publish_another_languages_translation_in_the_editor(
    article, editor, translators, locales, client
):
    translation = submit(article, locales["de"], editor)
    client.force_login(translators["de"])
    po_fill(client, translation)
    page = translated_page(article, locales["de"])
    client.force_login(translators["es"])
    response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    # Wagtail's admin refuses with a redirect to the dashboard (wagtail.admin.auth.permission_denied).
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    page = translated_page(article, locales["de"])
    assert not page.live and page.current_workflow_state is None


@pytest.mark.django_db
def test_source_change_during_review_cancels_the_review(
    article, editor, translators, language_reviewers, locales, client
):
    """Reviewers never approve text the English source has moved away from."""
    translation = submit(article, locales["ar"], editor)
    client.force_login(translators["ar"])
    po_fill(client, translation)
    page = translated_page(article, locales["ar"])
    submit_for_review(client, page)
    source_publish(article, summary="A new English summary.")
    page = translated_page(article, locales["ar"])
    assert page.current_workflow_state is None
    assert not page.live


@pytest.mark.django_db
def test_translating_a_live_alias_takes_it_offline_first(article, editor, locales):
    """An alias mirrors the English page live; once translated it must not go live half-translated."""
    alias = article.copy_for_translation(locales["de"], copy_parents=True, alias=True)
    assert alias.live and alias.alias_of_id == article.pk
    submit(article, locales["de"], editor)
    page = translated_page(article, locales["de"])
    assert page.pk == alias.pk
    assert page.alias_of_id is None and not page.live
    assert Client().get(f"/api/v2/pages/{page.pk}/").status_code == 404


@pytest.mark.django_db
def test_publishers_cannot_skip_the_language_review(article, publisher, locales, client):
    """Wagtail lets page publishers skip a workflow with the Publish button; translations may not."""
    section = article.get_parent().specific.copy_for_translation(locales["es"])
    section.title = "Tratamientos"
    section.save_revision()
    assert section.permissions_for_user(publisher).can_publish()
    client.force_login(publisher)
    response = client.post(
        f"/admin/pages/{section.pk}/edit/",
        {"title": "Tratamientos", "slug": section.slug, "intro": rich_text(""), "action-publish": "1"},
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert not section.live
    assert section.get_latest_revision_as_object().title == "Tratamientos"  # kept as a draft
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert any("goes live through the “Translation review (Spanish)” workflow" in m for m in messages)


@pytest.mark.django_db
def test_publishers_cannot_bulk_publish_translations(article, publisher, locales, client):
    section = article.get_parent().specific.copy_for_translation(locales["es"])
    section.save_revision()
    client.force_login(publisher)
    response = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={section.pk}", {"include_descendants": ""}
    )
    assert response.status_code == 302
    section.refresh_from_db()
    assert not section.live
