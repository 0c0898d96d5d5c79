"""In a real browser: a translator translates in wagtail-localize's editor and submits for review."""

import pytest
from wagtail.models import WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation

from .localization_support import (
    submit,
    translated_page,
)


def log_in(browser_page, base, username):
    browser_page.context.clear_cookies()
    browser_page.goto(f"{base}/admin/login/")
    browser_page.fill("input[name=username]", username)
    browser_page.fill("input[name=password]", "pw")
    browser_page.click("button[type=submit]")
    browser_page.wait_for_url(f"{base}/admin/")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_translator_submits_from_the_translation_editor(
    browser_page, live_server, article, editor, translators, locales
):
    base = live_server.url
    translation = submit(article, locales["ar"], editor)
    page = translated_page(article, locales["ar"])
    # All but one string translated, as if typed in the editor.
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string"))
    for segment in segments[1:]:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ar"],
            context=segment.context,
            data=f"ع {segment.string.data}",
        )

    log_in(browser_page, base, "translator-ar")
    browser_page.goto(f"{base}/admin/pages/{page.pk}/edit/")
    bar = browser_page.locator("[data-localization-review-bar]")
    assert "Translations go live after review" in bar.inner_text()
    # wagtail-localize's own editor is there too, with the strings to translate.
    browser_page.locator(".js-translation-editor").wait_for()
    bar.get_by_role("button", name="Submit for review").click()
    browser_page.wait_for_load_state("networkidle")
    assert "not translated yet" in browser_page.content()
    assert translated_page(article, locales["ar"]).current_workflow_state is None

    first = segments[0]
    StringTranslation.objects.create(
        translation_of=first.string,
        locale=locales["ar"],
        context=first.context,
        data=f"ع {first.string.data}",
    )
    browser_page.locator("[data-localization-review-bar]").get_by_role(
        "button", name="Submit for review"
    ).click()
    browser_page.wait_for_load_state("networkidle")
    assert "was submitted for review" in browser_page.content()
    page = translated_page(article, locales["ar"])
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not page.live
    assert "In review" in browser_page.locator("[data-localization-review-bar]").inner_text()
