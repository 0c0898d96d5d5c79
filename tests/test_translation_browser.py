"""In a real browser: machine text must be confirmed before review, reviewers see what a machine wrote,
a changed dose and untranslated vocabulary are refused, and Arabic is edited right to left."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms.articles.models import Condition

from .localization_support import po_fill, source_with_dose, submit, translated_page
from .test_localization_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def error_text(browser_page):
    return browser_page.locator(".messages .error").first.inner_text()


def test_machine_text_is_confirmed_before_review_and_reviewers_see_it(
    browser_page, live_server, article, editor, translators, language_reviewers, locales
):
    base = live_server.url
    translation = submit(article, locales["es"], editor)
    page = translated_page(article, locales["es"])
    log_in(browser_page, base, "translator-es")
    browser_page.goto(f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
    browser_page.get_by_role("button", name="Translate with Dummy translator").click()
    browser_page.wait_for_load_state("networkidle")
    total = translation.source.stringsegment_set.count()
    summary = browser_page.locator("[data-provenance-summary]").inner_text()
    assert f"{total} of {total} texts machine-translated and unconfirmed" in summary
    # A badge on every text in wagtail-localize's own editor too.
    shown = browser_page.locator(".js-translation-editor li:has(> p)").count()
    assert shown > 0
    assert browser_page.locator(".js-translation-editor .localization-badge--machine").count() == shown
    browser_page.get_by_role("button", name="Submit for review").click()
    browser_page.wait_for_load_state("networkidle")
    assert f"{total} of {total} texts are machine-translated and unconfirmed" in error_text(browser_page)
    assert translated_page(article, locales["es"]).current_workflow_state is None

    # The translator reads them, ticks them and confirms; now the submission goes through.
    browser_page.locator("details.localization-provenance__confirm summary").click()
    for box in browser_page.locator("[data-confirm-form] input[type=checkbox]").all():
        box.check()
    browser_page.get_by_role("button", name="Confirm the ticked texts").click()
    browser_page.wait_for_load_state("networkidle")
    assert "texts confirmed" in browser_page.locator(".messages .success").first.inner_text()
    browser_page.get_by_role("button", name="Submit for review").click()
    browser_page.wait_for_load_state("networkidle")
    assert "submitted for review" in browser_page.locator(".messages .success").first.inner_text()
    state = translated_page(article, locales["es"]).current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The language reviewer sees, in their queue and in the approval dialog, what a machine wrote.
    log_in(browser_page, base, "reviewer-es")
    queue = browser_page.locator("[data-review-queue]").inner_text()
    assert f"{total} of {total} texts machine-translated" in queue
    # Approving from Wagtail's "Awaiting your review" panel opens the dialog with the notes.
    approve = browser_page.locator("button[data-workflow-action-url*='/approve/']").first
    approve.evaluate("button => button.click()")  # it sits in the row's actions dropdown
    dialog = browser_page.locator("[data-review-notes]")
    dialog.wait_for()
    assert f"{total} of {total} texts machine-translated" in dialog.inner_text()
    assert f"{total} confirmed by a person" in dialog.inner_text()


def test_a_changed_dose_and_untranslated_vocabulary_are_refused(
    browser_page, live_server, article, editor, translators, locales, condition, client
):
    article = source_with_dose(article)
    translation = submit(article, locales["es"], editor)
    client.force_login(translators["es"])
    po_fill(client, translation, text=lambda msgid, code: "Tome 50 mg al día." if "50 mg" in msgid else msgid)
    dose = translation.source.stringsegment_set.get(string__data="Take 50 mg daily.")
    edit = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, dose.pk])
    # The translator types a different dose in the editor.
    client.put(edit, "value=Tome 5 mg al día.", content_type="application/x-www-form-urlencoded")
    page = translated_page(article, locales["es"])
    base = live_server.url
    log_in(browser_page, base, "translator-es")
    browser_page.goto(f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
    assert "Take 50 mg daily." in browser_page.locator("[data-protected-differences]").inner_text()
    browser_page.get_by_role("button", name="Submit for review").click()
    browser_page.wait_for_load_state("networkidle")
    message = error_text(browser_page)
    assert "Take 50 mg daily." in message and "Tome 5 mg al día." in message

    # The dose corrected, the Spanish condition withdrawn: the article still cannot go to review.
    client.put(edit, "value=Tome 50 mg al día.", content_type="application/x-www-form-urlencoded")
    Condition.objects.get(translation_key=condition.translation_key, locale=locales["es"]).unpublish()
    browser_page.reload()
    browser_page.get_by_role("button", name="Submit for review").click()
    browser_page.wait_for_load_state("networkidle")
    assert "no reviewed Spanish translation" in error_text(browser_page)
    link = browser_page.locator(".messages .error a", has_text="Lung cancer")
    assert "/admin/snippets/articles/condition/edit/" in link.get_attribute("href")
    assert translated_page(article, locales["es"]).current_workflow_state is None


def test_arabic_is_edited_right_to_left(
    browser_page, live_server, article, editor, translators, locales, condition
):
    translation = submit(article, locales["ar"], editor)
    page = translated_page(article, locales["ar"])
    base = live_server.url
    log_in(browser_page, base, "translator-ar")
    browser_page.goto(f"{base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
    browser_page.get_by_role("button", name="Translate with Dummy translator").click()
    browser_page.wait_for_load_state("networkidle")
    translated = browser_page.locator(".js-translation-editor .localization-translation").first
    translated.wait_for()
    style = translated.evaluate(
        "el => { const p = el.querySelector('p') || el; const s = getComputedStyle(p);"
        " return [s.direction, s.fontStyle, el.getAttribute('lang')]; }"
    )
    assert style == ["rtl", "normal", "ar"]
    source_direction = browser_page.locator(".js-translation-editor li > p").first.evaluate(
        "el => getComputedStyle(el).direction"
    )
    assert source_direction == "ltr"
    # Wagtail's own forms for Arabic content: a condition written in Arabic (not a translation).
    arabic_condition = Condition.objects.create(name="الربو", slug="asthma", locale=locales["ar"])
    browser_page.goto(
        f"{base}{reverse('wagtailsnippets_articles_condition:edit', args=[arabic_condition.pk])}"
    )
    name = browser_page.locator("input[name=name]")
    name.wait_for()
    assert name.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert translation.target_locale.language_code == "ar"
