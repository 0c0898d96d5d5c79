"""Reader paths (/es/treatments/x/) answer with the reader site's page, or a real 404."""

import pytest
from wagtail.models import Locale

from cms.editorial.signoff import signoff_waived

pytestmark = pytest.mark.django_db

ARTICLE_SHELL = b"/js/article-page.js"
LIST_SHELL = b"/js/list-page.js"


@pytest.fixture
def article(make_article):
    return make_article("Treating lung cancer")


@pytest.mark.parametrize(
    ("path", "status", "shell"),
    [
        ("/en/treatments/treating-lung-cancer/", 200, ARTICLE_SHELL),
        ("/en/treatments/", 200, LIST_SHELL),
        ("/en/", 200, LIST_SHELL),
        ("/en/treatments/no-such-article/", 404, ARTICLE_SHELL),
    ],
)
def test_reader_paths(client, article, path, status, shell):
    response = client.get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert shell in response.content


def test_a_translation_at_its_own_path(client, article):
    spanish = article.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    assert client.get("/es/treatments/treating-lung-cancer/").status_code == 404  # not live yet
    with signoff_waived("test: publish a translation"):
        spanish.save_revision().publish()
    assert client.get("/es/treatments/treating-lung-cancer/").status_code == 200


def test_drafts_and_unknown_languages_are_404(client, make_article):
    make_article("Unpublished", publish=False)
    assert client.get("/en/treatments/unpublished/").status_code == 404
    assert client.get("/xx/treatments/").status_code == 404
    assert client.post("/en/treatments/").status_code == 405


def test_static_pages_and_apis_are_untouched(client, article):
    assert client.get("/").status_code == 200
    assert client.get("/article.html").status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200
    assert client.get("/site-config.json").json()["default_language"] == "en"


def test_site_config(client, settings):
    response = client.get("/site-config.json")
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert [language["code"] for language in data["languages"]] == ["en", "es", "de", "ar"]
    arabic = data["languages"][3]
    assert (arabic["direction"], arabic["name_en"], arabic["name"]) == ("rtl", "Arabic", "العربيّة")
    assert data["languages"][1]["name"] == "Español"
    assert data["api"]["preview"] == "/api/v2/page_preview/"
