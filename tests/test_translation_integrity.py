"""Translation integrity through the admin's own requests: machine provenance and confirmation,
protected values on submit and PO import, vocabulary complete before review, translated slugs,
the translators' work in front of them, and what reviewers see."""

import io
import json

import polib
import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation

from cms.articles.models import ArticlePage, Condition
from cms.localization.services import translations_summary

from .localization_support import (
    approve_current_task,
    po_fill,
    source_with_dose,
    submit,
    submit_for_review,
    translated_page,
)

pytestmark = pytest.mark.django_db


def messages_of(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def machine_translate(client, translation):
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    return client.post(url, {"next": "/admin/"})


def segments(translation):
    return list(StringSegment.objects.filter(source=translation.source).select_related("string"))


@pytest.fixture
def spanish_translation(article, editor, translators, locales, client):
    """The article submitted for translation into Spanish; the translator is logged in."""
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    return translation


def test_machine_text_cannot_go_to_review_unconfirmed(spanish_translation, article, locales, client):
    machine_translate(client, spanish_translation)
    page = translated_page(article, locales["es"])
    total = len(segments(spanish_translation))
    response = submit_for_review(client, page)
    assert f"{total} of {total} texts are machine-translated and unconfirmed" in messages_of(response)
    assert Page.objects.get(pk=page.pk).specific.current_workflow_state is None
    # The editor says the same, per text.
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert f"{total} of {total} texts machine-translated and unconfirmed" in html
    assert html.count("localization-badge--machine") >= total


def test_confirmed_machine_text_goes_to_review_and_reviewers_see_it(
    spanish_translation, article, locales, client, language_reviewers, translators
):
    machine_translate(client, spanish_translation)
    page = translated_page(article, locales["es"])
    ids = [segment.pk for segment in segments(spanish_translation)]
    # Several at once; a person edits one of them instead (it becomes theirs).
    edited = segments(spanish_translation)[0]
    url = reverse("wagtail_localize:edit_string_translation", args=[spanish_translation.pk, edited.pk])
    assert client.put(
        url, "value=Tratar el cáncer de pulmón", content_type="application/x-www-form-urlencoded"
    ).status_code in (200, 201)
    response = client.post(
        reverse("localization_confirm_segments", args=[spanish_translation.pk]), {"segment": ids[1:]}
    )
    assert "texts confirmed" in messages_of(response)
    confirmations = StringTranslation.objects.filter(
        locale=locales["es"],
        context__object_id=spanish_translation.source.object_id,
        confirmation__isnull=False,
    )
    assert confirmations.count() == len(ids) - 1
    assert {c.confirmation.confirmed_by for c in confirmations} == {translators["es"]}
    response = submit_for_review(client, page)
    assert "submitted for review" in messages_of(response)
    page = translated_page(article, locales["es"])
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The language reviewer: in their queue and in the approval dialog, what a machine wrote.
    client.force_login(language_reviewers["es"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translations awaiting your review" in dashboard
    assert f"{len(ids) - 1} of {len(ids)} texts machine-translated" in dashboard
    task_state = page.current_workflow_state.current_task_state
    dialog = client.get(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    )
    assert f"{len(ids) - 1} of {len(ids)} texts machine-translated" in json.loads(dialog.content)["html"]


def test_a_machine_text_changed_after_confirmation_needs_confirming_again(
    spanish_translation, article, locales, client
):
    machine_translate(client, spanish_translation)
    ids = [segment.pk for segment in segments(spanish_translation)]
    client.post(reverse("localization_confirm_segments", args=[spanish_translation.pk]), {"segment": ids})
    first = StringTranslation.objects.filter(
        locale=locales["es"], context__object_id=spanish_translation.source.object_id
    ).first()
    first.data = "Otro texto de máquina"
    first.save()
    page = translated_page(article, locales["es"])
    assert "1 of" in messages_of(submit_for_review(client, page))


def test_a_changed_dose_is_refused_on_submit(article, editor, translators, locales, client, publisher):
    article = source_with_dose(article)
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    po_fill(
        client,
        translation,
        text=lambda msgid, code: msgid.replace("50 mg", "5 mg") if "50 mg" in msgid else f"[{code}] {msgid}",
    )
    page = translated_page(article, locales["es"])
    message = messages_of(submit_for_review(client, page))
    assert "Nothing was imported: 1 text changes a number, unit, identifier or link:" in message
    assert "Take 50 mg daily." in message and "5 mg" in message
    assert translated_page(article, locales["es"]).current_workflow_state is None


def test_a_changed_dose_is_refused_on_po_import(article, editor, translators, locales, client):
    article = source_with_dose(article)
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    download = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = "Tome 5 mg al día." if entry.msgid == "Take 50 mg daily." else f"[es] {entry.msgid}"
    upload = io.BytesIO(str(po).encode())
    upload.name = "translation.po"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert "Nothing was imported" in messages_of(response)
    assert not StringTranslation.objects.filter(
        locale=locales["es"], context__object_id=translation.source.object_id
    ).exists()


def test_untranslated_vocabulary_blocks_submission(spanish_translation, article, locales, client, condition):
    Condition.objects.get(translation_key=condition.translation_key, locale=locales["es"]).unpublish()
    po_fill(client, spanish_translation)
    page = translated_page(article, locales["es"])
    message = messages_of(submit_for_review(client, page))
    assert "vocabulary that has no reviewed Spanish translation" in message
    assert "Lung cancer" in message and "/admin/snippets/articles/condition/edit/" in message
    assert translated_page(article, locales["es"]).current_workflow_state is None


def test_requesting_an_article_requests_its_vocabulary(make_article, l10n, editor, locales):
    from cms.localization.flow import translation_submit

    page = make_article("New article")  # its condition and centre have no German version
    translation_submit(page, [locales["de"]], editor)
    condition = ArticlePage.objects.get(pk=page.pk).condition
    assert Condition.objects.filter(translation_key=condition.translation_key, locale=locales["de"]).exists()


@pytest.mark.parametrize(
    ("code", "title", "slug"),
    [
        ("es", "Tratar el cáncer de pulmón", "tratar-el-cancer-de-pulmon"),
        ("ar", "علاج سرطان الرئة", "lj-srtn-lrih"),  # transliterated to Latin letters
    ],
)
def test_a_new_translation_takes_its_slug_from_its_title(
    article, editor, translators, locales, client, code, title, slug
):
    translation = submit(article, locales[code], editor)
    client.force_login(translators[code])
    po_fill(client, translation, text=lambda msgid, _code: title if msgid == article.title else msgid)
    translation.save_target(user=translators[code], publish=False)
    draft = translated_page(article, locales[code]).get_latest_revision_as_object()
    assert draft.slug != article.slug and draft.slug.isascii() and len(draft.slug) > 5
    assert draft.slug == slug


def test_live_machine_text_is_never_up_to_date(
    article, editor, translators, language_reviewers, clinician, locales, client, settings
):
    settings.TRANSLATION_REQUIRE_HUMAN_CONFIRMATION = False
    translation = submit(article, locales["de"], editor)
    client.force_login(translators["de"])
    machine_translate(client, translation)
    page = translated_page(article, locales["de"])
    submit_for_review(client, page)
    client.force_login(language_reviewers["de"])
    approve_current_task(client, page)
    client.force_login(clinician)
    approve_current_task(client, page)
    page = translated_page(article, locales["de"])
    assert page.live
    entry = {e["locale"]: e for e in translations_summary(article)}["de"]
    assert entry["status"] == "machine_translated"
    total = len(segments(translation))
    assert entry["provenance"]["machine_unconfirmed"] == total
    client.logout()
    data = Client().get(f"/api/v2/articles/{page.pk}/").json()
    assert data["translation_provenance"]["machine"] == total
    assert {e["locale"]: e for e in data["translations"]}["de"]["status"] == "machine_translated"
    client.force_login(editor)
    report = client.get("/admin/reports/translation-status/", {"language": "de"}).content.decode()
    assert "localization-status--machine_translated" in report


def test_translators_see_their_work_and_are_emailed(
    article, editor, translators, locales, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(article, locales["es"], editor)
    # One mail per item requested: the article, its section and the vocabulary it shows; only
    # to the Spanish translator.
    assert {address for mail in mailoutbox for address in mail.to} == {"translator-es@example.org"}
    assert sorted(mail.subject for mail in mailoutbox) == [
        "New translation requested: Lung cancer",
        "New translation requested: Surgery",
        "New translation requested: Test Thoracic Centre (Lyon)",
        f"New translation requested: {article.title}",
        "New translation requested: Treatments",
    ]
    client.force_login(translators["es"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your translations" in dashboard
    # The article is in progress, listed once, and nothing is left untranslated.
    in_progress = dashboard.split('data-inbox="in_progress"')[1].split("</ul>")[0]
    assert article.title in in_progress
    assert dashboard.count(article.title) == 1
    assert 'data-inbox="missing"' not in dashboard


def test_translators_are_offered_only_what_they_can_do(spanish_translation, article, locales, client):
    page = translated_page(article, locales["es"])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    import html as html_lib
    import re

    props = json.loads(html_lib.unescape(re.search(r'data-props="([^"]*)"', html).group(1)))
    assert props["perms"]["canDelete"] is False
    assert "deleteUrl" not in props["links"] and "convertToAliasUrl" not in props["links"]
    assert "Submit for review" in html
