"""Translation status: one rule for the API's `translations`, the admin report and RTL output."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation

from cms.editorial.signoff import signoff_waived
from cms.localization.services import (
    language_direction,
    page_locale_path,
    translations_summary,
    translations_summary_bulk,
)

from .localization_support import (
    approve_current_task,
    po_fill,
    source_publish,
    submit,
    submit_for_review,
    translated_page,
)


def statuses(page, **kwargs):
    return {entry["locale"]: entry for entry in translations_summary(page, **kwargs)}


def publish_translation(client, article, translation, translators, language_reviewers, clinician):
    code = translation.target_locale.language_code
    client.force_login(translators[code])
    po_fill(client, translation)
    page = translated_page(article, translation.target_locale)
    submit_for_review(client, page)
    client.force_login(language_reviewers[code])
    approve_current_task(client, page)
    client.force_login(clinician)
    approve_current_task(client, page)
    client.logout()
    return translated_page(article, translation.target_locale)


@pytest.mark.parametrize(
    ("code", "direction"),
    [
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ar-eg", "rtl"),
        ("es", "ltr"),
        ("de", "ltr"),
        ("en", "ltr"),
        ("xx", "ltr"),
    ],
)
def test_language_direction(code, direction):
    assert language_direction(code) == direction


def test_page_locale_path():
    assert page_locale_path("/home-es/tratamientos/x/", "es") == "/es/tratamientos/x/"
    assert page_locale_path("/home/", "en") == "/en/"


@pytest.mark.django_db
def test_status_from_missing_to_up_to_date_to_out_of_date(
    article, editor, translators, language_reviewers, clinician, locales, client
):
    entries = statuses(article)
    assert [e["locale"] for e in entries.values()] == ["en", "es", "de", "ar"]
    assert entries["en"] == {
        "locale": "en",
        "id": article.pk,
        "url": "/en/treatments/treating-lung-cancer/",
        "status": "source",
        "direction": "ltr",
        "current": True,
        "progress": None,
        "provenance": None,
    }
    assert {e["status"] for code, e in entries.items() if code != "en"} == {"missing"}
    assert entries["ar"]["direction"] == "rtl"

    translation = submit(article, locales["es"], editor)
    entries = statuses(article)
    assert entries["es"]["status"] == "in_progress" and entries["es"]["progress"] == 0
    # A draft translation is not given to anonymous API callers...
    assert entries["es"]["id"] is None and entries["es"]["url"] is None
    # ...but the admin report sees it.
    assert statuses(article, include_drafts=True)["es"]["id"] == translated_page(article, locales["es"]).pk

    segments = list(StringSegment.objects.filter(source=translation.source))
    for segment in segments[: len(segments) // 2]:
        StringTranslation.objects.create(
            translation_of=segment.string, locale=locales["es"], context=segment.context, data="x"
        )
    progress = statuses(article)["es"]["progress"]
    assert progress == round(100 * (len(segments) // 2) / len(segments))

    page = publish_translation(client, article, translation, translators, language_reviewers, clinician)
    entries = statuses(article)
    assert entries["es"] == {
        "locale": "es",
        "id": page.pk,
        "url": f"/es/{page.get_parent().slug}/{page.slug}/",
        "status": "up_to_date",
        "direction": "ltr",
        "current": False,
        "progress": 100,
        # Every text came from the translator's PO file: none from a machine.
        "provenance": {
            "segments": len(segments),
            "translated": len(segments),
            "machine": 0,
            "machine_unconfirmed": 0,
            "imported": len(segments),
            "human": 0,
        },
    }
    # Seen from the Spanish page, English is the source and Spanish is the current page.
    from_spanish = statuses(page)
    assert from_spanish["en"]["status"] == "source" and from_spanish["es"]["current"]

    source_publish(article, summary="Rewritten in English.")
    assert statuses(article)["es"]["status"] == "out_of_date"


@pytest.mark.django_db
def test_machine_translated_until_reviewed(article, editor, translators, locales, client):
    translation = submit(article, locales["de"], editor)
    client.force_login(translators["de"])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]), {"next": "/admin/"}
    )
    assert response.status_code == 302
    assert statuses(article)["de"]["status"] == "machine_translated"
    assert statuses(article)["de"]["progress"] == 100


@pytest.mark.django_db
def test_bulk_summary_uses_a_constant_number_of_queries(
    make_article, l10n, editor, locales, django_assert_num_queries
):
    with signoff_waived("test fixture: English sources"):
        pages = [make_article(title=f"Article {n}") for n in range(4)]
    for page in pages[:2]:
        submit(page, locales["es"], editor)
        submit(page, locales["ar"], editor)
    translations_summary_bulk(pages[:1])  # warms Django's ContentType cache
    # Locales, pages, sources, translations, segment totals, translated segments.
    with django_assert_num_queries(6):
        translations_summary_bulk(pages[:1])
    with django_assert_num_queries(6):
        summary = translations_summary_bulk(pages)
    assert [summary[p.pk][1]["status"] for p in pages] == ["in_progress", "in_progress", "missing", "missing"]


@pytest.mark.django_db
def test_api_gives_language_direction_and_translations(
    article, editor, translators, language_reviewers, clinician, locales, client
):
    translation = submit(article, locales["ar"], editor)
    page = publish_translation(client, article, translation, translators, language_reviewers, clinician)
    data = Client().get(f"/api/v2/pages/{page.pk}/").json()
    assert data["locale"] == "ar"
    assert data["direction"] == "rtl"
    by_locale = {entry["locale"]: entry for entry in data["translations"]}
    assert by_locale["ar"]["current"] and by_locale["ar"]["direction"] == "rtl"
    assert by_locale["en"]["id"] == article.pk and by_locale["en"]["status"] == "source"
    assert by_locale["es"] == {**by_locale["es"], "id": None, "url": None, "status": "missing"}
    english = Client().get(f"/api/v2/pages/{article.pk}/").json()
    assert english["direction"] == "ltr"
    assert {e["locale"]: e["status"] for e in english["translations"]}["ar"] == "up_to_date"


@pytest.mark.django_db
def test_report_lists_articles_by_language_with_filters(
    article, make_article, editor, translators, locales, client, superuser
):
    with signoff_waived("test fixture: English source"):
        other = make_article(title="Radiotherapy explained")
    submit(article, locales["es"], editor)
    client.force_login(superuser)
    url = reverse("localization_translation_status")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Treating lung cancer" in html and "Radiotherapy explained" in html
    assert "localization-status--in_progress" in html

    response = client.get(url, {"language": "es", "status": "in_progress"})
    html = response.content.decode()
    assert "Treating lung cancer" in html and "Radiotherapy explained" not in html
    response = client.get(url, {"language": "es", "status": "missing"})
    html = response.content.decode()
    assert "Radiotherapy explained" in html and "Treating lung cancer" not in html

    response = client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Article", "Spanish", "German", "Arabic"]
    assert sorted(rows[1:]) == [
        [other.title, "Missing", "Missing", "Missing"],
        ["Treating lung cancer", "In progress (0%)", "Missing", "Missing"],
    ]


@pytest.mark.django_db
def test_report_is_for_translation_roles_and_editors(l10n, translators, editor, clinician, client):
    url = reverse("localization_translation_status")
    for user in (translators["es"], editor):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(clinician)
    response = client.get(url)
    # Wagtail's admin refuses with a redirect to the dashboard (wagtail.admin.auth.permission_denied).
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
