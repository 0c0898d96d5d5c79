"""The per-language permission matrix: a Spanish translator changes Spanish content and nothing else."""

import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringSegment, StringTranslation

from cms.articles.models import ArticleIndexPage, Condition, Person

from .localization_support import (
    po_fill,
    submit,
    translated_page,
    translation_of,
)


def denied(response):
    """Wagtail's admin answers a forbidden view with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def read_only(response, page):
    """A translator opening another language's page is sent to its read-only "what changed" view."""
    return response.status_code == 302 and response["Location"] == reverse(
        "editorial_review_changes", args=[page.pk]
    )


@pytest.fixture
def spanish_translator(translators):
    return translators["es"]


@pytest.fixture
def translated(article, editor, locales):
    """The article submitted for translation into every language: {code: Translation}."""
    return {code: submit(article, locales[code], editor) for code in ("es", "de", "ar")}


@pytest.fixture
def conditions(locales, condition):
    """The condition in English (the source) and a copy per language."""
    copies = {"en": condition}
    for code in ("es", "de", "ar"):
        copies[code] = condition.copy_for_translation(locales[code])
        copies[code].save()
    return copies


@pytest.mark.django_db
def test_translator_edits_pages_of_their_language_only(
    article, translated, spanish_translator, locales, client
):
    client.force_login(spanish_translator)
    assert (
        client.get(
            reverse("wagtailadmin_pages:edit", args=[translated_page(article, locales["es"]).pk])
        ).status_code
        == 200
    )
    for code in ("en", "de", "ar"):
        page = translated_page(article, locales[code])
        assert read_only(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])), page), code
    for code in ("en", "de", "ar"):
        home = Page.objects.get(depth=2, locale=locales[code])
        assert read_only(client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])), home), code


@pytest.mark.django_db
def test_translator_cannot_change_the_source_through_the_page_editor(article, spanish_translator, client):
    client.force_login(spanish_translator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        {"title": "Hijacked", "slug": article.slug, "summary": "x", "action-publish": "1"},
    )
    assert denied(response)
    article.refresh_from_db()
    assert article.title == "Treating lung cancer"
    assert article.get_latest_revision_as_object().title == "Treating lung cancer"


@pytest.mark.django_db
def test_translator_cannot_add_or_delete_pages_even_in_their_language(
    article, translated, spanish_translator, locales, client
):
    client.force_login(spanish_translator)
    page = translated_page(article, locales["es"])
    section = page.get_parent()
    assert denied(client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    add = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", section.pk])
    assert denied(client.get(add))
    assert Page.objects.filter(pk=page.pk).exists()
    assert not ArticleIndexPage.objects.filter(locale=locales["es"]).exclude(pk=section.pk).exists()


@pytest.mark.django_db
def test_translator_cannot_touch_other_languages_through_the_translation_editor(
    article, translated, spanish_translator, locales, client
):
    german = translated["de"]
    segment = StringSegment.objects.filter(source=german.source).first()
    client.force_login(spanish_translator)
    url = reverse("wagtail_localize:edit_string_translation", args=[german.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": "Hacked"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 403
    assert not StringTranslation.objects.filter(locale=locales["de"]).exists()
    assert denied(client.get(reverse("wagtail_localize:download_pofile", args=[german.pk])))
    upload = io.BytesIO(b'msgid ""\nmsgstr ""\n')
    upload.name = "x.po"
    assert denied(client.post(reverse("wagtail_localize:upload_pofile", args=[german.pk]), {"file": upload}))
    assert denied(client.post(reverse("wagtail_localize:machine_translate", args=[german.pk])))
    assert not StringTranslation.objects.filter(locale=locales["de"]).exists()

    # In Spanish, the same endpoints work.
    spanish_segment = StringSegment.objects.filter(source=translated["es"].source).first()
    url = reverse("wagtail_localize:edit_string_translation", args=[translated["es"].pk, spanish_segment.pk])
    response = client.put(url, urlencode({"value": "Hola"}), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 201
    assert StringTranslation.objects.get(locale=locales["es"], context=spanish_segment.context).data == "Hola"


@pytest.mark.django_db
def test_translator_cannot_submit_or_sync_translations(
    article, translated, spanish_translator, locales, client
):
    client.force_login(spanish_translator)
    assert denied(client.get(reverse("wagtail_localize:submit_page_translation", args=[article.pk])))
    source = translation_of(article, locales["es"]).source
    assert denied(client.get(reverse("wagtail_localize:update_translations", args=[source.pk])))


@pytest.mark.django_db
def test_translator_edits_snippets_of_their_language_only(conditions, spanish_translator, locales, client):
    client.force_login(spanish_translator)
    edit = lambda code: reverse("wagtailsnippets_articles_condition:edit", args=[conditions[code].pk])  # noqa: E731
    assert client.get(edit("es")).status_code == 200
    response = client.post(
        edit("es"),
        {"name": "Cáncer de pulmón", "slug": "lung-cancer", "description": "", "icd10_code": "C34"},
    )
    assert response.status_code == 302
    condition = Condition.objects.get(pk=conditions["es"].pk)
    # A draft: patients keep reading the live name until the Spanish review publishes it.
    assert condition.get_latest_revision_as_object().name == "Cáncer de pulmón"
    assert condition.name == conditions["es"].name
    for code in ("en", "de", "ar"):
        assert denied(client.get(edit(code))), code
        response = client.post(edit(code), {"name": "Hacked", "slug": "lung-cancer", "icd10_code": "C34"})
        assert denied(response), code
        assert Condition.objects.get(pk=conditions[code].pk).name == "Lung cancer"


@pytest.mark.django_db
def test_translator_cannot_create_delete_or_change_people(
    conditions, reviewer, spanish_translator, locales, client
):
    client.force_login(spanish_translator)
    add = reverse("wagtailsnippets_articles_condition:add") + "?locale=es"
    assert denied(client.get(add))
    delete = reverse("wagtailsnippets_articles_condition:delete", args=[conditions["es"].pk])
    assert denied(client.post(delete))
    assert Condition.objects.filter(pk=conditions["es"].pk).exists()
    person = reviewer.copy_for_translation(locales["es"])
    person.save()
    edit = reverse("wagtailsnippets_articles_person:edit", args=[person.pk])
    assert denied(client.post(edit, {"name": "Dr Impostor", "slug": person.slug, "credentials": "MD"}))
    assert Person.objects.get(pk=person.pk).name == reviewer.name


@pytest.mark.django_db
def test_snippet_permission_policy_narrows_instances_to_the_language(
    conditions, spanish_translator, editor, locales
):
    policy = policy_registry.get_by_type(Condition)
    assert set(policy.instances_user_has_any_permission_for(spanish_translator, ["change"])) == {
        conditions["es"]
    }
    assert policy.user_has_permission_for_instance(spanish_translator, "change", conditions["es"])
    assert not policy.user_has_permission_for_instance(spanish_translator, "change", conditions["de"])
    # Editors are not narrowed: they keep the vocabulary in every language.
    assert set(policy.instances_user_has_any_permission_for(editor, ["change"])) == set(conditions.values())


@pytest.mark.django_db
def test_editor_still_edits_snippets_in_every_language(conditions, editor, client):
    client.force_login(editor)
    for code, condition in conditions.items():
        url = reverse("wagtailsnippets_articles_condition:edit", args=[condition.pk])
        assert client.get(url).status_code == 200, code


@pytest.mark.django_db
def test_translation_source_po_upload_then_translator_of_that_language(
    article, translated, translators, client
):
    """Sanity check of the helper the other tests rely on: the Spanish translator fills Spanish."""
    client.force_login(translators["es"])
    po_fill(client, translated["es"])
    assert StringTranslation.objects.filter(locale=translated["es"].target_locale).count() > 0
