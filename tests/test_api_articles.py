"""The v2 read API as a frontend sees it: article fields, rendered rich text, no drafts."""

import datetime

import pytest

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=articles.ArticlePage&fields=*"


def test_article_detail_shape(client, make_article, modalities, center, condition, reviewer, article_index):
    page = make_article()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert data["original_published_at"] == "2023-10-29"
    assert data["condition"] == {
        "id": condition.pk,
        "slug": "lung-cancer",
        "name": "Lung cancer",
        "icd10_code": "C34",
    }
    assert data["medical_review"]["reviewed_by"]["credentials"] == "MD"
    assert data["medical_review"]["next_review_due"] == "2027-01-01"
    # One name per fact: review data only in medical_review, the language only in `locale`.
    for removed in ("medical_reviewer", "last_reviewed", "next_review_due", "language"):
        assert removed not in data
    assert not {"locale", "seo_title", "search_description", "parent"} & set(data["meta"])
    section, treatment, unmatched, references = data["body"]
    # Rich text is display HTML with internal links resolved, never Wagtail's internal format.
    assert 'linktype="page"' not in section["value"]["body"]
    # ... to the page's reader path, as `path` names it (not Wagtail's own /pages/ URL).
    assert 'href="/en/treatments/"' in section["value"]["body"]
    assert treatment["type"] == "treatment"
    value = treatment["value"]
    assert value["modality"] == {"slug": "surgery", "name": "Surgery", "schema_type": "SurgicalProcedure"}
    assert value["heading"] == "Surgery"
    assert value["body"] == "<p>Surgery <b>removes</b> the tumour.</p>"
    assert value["procedures"] == ["Lobectomy"]
    assert [c["slug"] for c in value["centers"]] == [center.slug]
    assert value["centers"][0]["city"] == "Lyon"
    assert unmatched["value"]["modality"] is None
    assert references["value"]["items"][0]["citation"] == "NICE NG122"


def test_listing_with_all_fields(client, make_article):
    make_article("One")
    make_article("Two")
    data = client.get(LIST).json()
    assert data["meta"]["total_count"] == 2
    assert {item["title"] for item in data["items"]} == {"One", "Two"}
    assert all(item["body"][1]["value"]["modality"]["slug"] == "surgery" for item in data["items"])


def test_drafts_are_never_served(client, make_article):
    draft = make_article("Unpublished draft", publish=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(LIST).json()["meta"]["total_count"] == 0


def test_unpublished_changes_are_not_served(client, make_article):
    page = make_article("Live title")
    draft = page.get_latest_revision_as_object()
    draft.title = "Secret draft title"
    draft.summary = "Secret draft summary"
    draft.save_revision()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["title"] == "Live title"
    assert "Secret" not in str(data)


def test_unpublished_page_disappears(client, make_article):
    page = make_article()
    page.unpublish()
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


# --- /api/v2/articles/: the endpoint frontends use ---------------------------------------

from tests.api_helpers import translate_tree  # noqa: E402


@pytest.mark.parametrize(
    ("today", "status"),
    [("2026-06-01", "current"), ("2026-12-15", "due_soon"), ("2027-01-02", "overdue")],
)
def test_articles_endpoint_lists_articles_only_with_reader_fields(
    client, make_article, monkeypatch, today, status
):
    page = make_article()
    # Reviewed 2026-01-01, due 2027-01-01: the status is read on the day of the request.
    monkeypatch.setattr(
        "cms.editorial.services.timezone.localdate", lambda: datetime.date.fromisoformat(today)
    )
    data = client.get("/api/v2/articles/").json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["id"] == page.pk
    assert item["meta"]["type"] == "articles.ArticlePage"
    assert item["locale"] == "en"
    assert item["direction"] == "ltr"
    assert item["path"] == "/en/treatments/treating-lung-cancer/"
    assert item["url"] == "http://127.0.0.1:8000/en/treatments/treating-lung-cancer/"
    assert item["meta"]["html_url"] == item["url"]
    assert item["summary"] == "How lung cancer is treated."
    assert item["medical_review"] == {
        "reviewed_by": {"name": "Dr Rae Viewer", "credentials": "MD"},
        "last_reviewed": "2026-01-01",
        "next_review_due": "2027-01-01",
        "status": status,
    }
    assert "body" not in item


def test_article_detail_carries_translations_language_and_direction(client, make_article):
    page = make_article()
    spanish = translate_tree(page, "es")
    arabic = translate_tree(page, "ar")
    data = client.get(f"/api/v2/articles/{arabic.pk}/").json()
    assert data["locale"] == "ar"
    assert data["direction"] == "rtl"
    assert data["path"] == "/ar/treatments/treating-lung-cancer/"
    by_locale = {t["locale"]: t for t in data["translations"]}
    assert by_locale["en"]["id"] == page.pk
    assert by_locale["en"]["path"] == "/en/treatments/treating-lung-cancer/"
    assert by_locale["en"]["url"] == "http://127.0.0.1:8000/en/treatments/treating-lung-cancer/"
    assert by_locale["es"]["id"] == spanish.pk
    assert by_locale["ar"]["current"] is True
    assert by_locale["ar"]["direction"] == "rtl"
    # A language with no live translation is listed without an id or URL.
    assert (
        by_locale["de"]["id"] is None and by_locale["de"]["url"] is None and by_locale["de"]["path"] is None
    )
    assert data["json_ld"]["inLanguage"] == "ar"


def test_lookup_by_locale_path(client, make_article):
    page = make_article()
    spanish = translate_tree(page, "es")
    for url in (
        "/api/v2/articles/by-path/?path=/es/treatments/treating-lung-cancer/",
        "/api/v2/articles/by-path/?locale=es&path=/treatments/treating-lung-cancer/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.json()["id"] == spanish.pk
        assert response.json()["body"][1]["value"]["modality"]["slug"] == "surgery"
    # Without a language prefix, the path is in the default language.
    data = client.get("/api/v2/articles/by-path/?path=/treatments/treating-lung-cancer/").json()
    assert data["id"] == page.pk
    missing = client.get("/api/v2/articles/by-path/?path=/es/treatments/nothing-here/")
    assert missing.status_code == 404
    assert missing.json()["message"] == missing.json()["detail"] == "no article at this path"


def test_by_path_resolves_every_page_type(client, make_article, article_index, home_page):
    page = make_article()
    spanish = translate_tree(page, "es")
    expected = {
        "/es/treatments/treating-lung-cancer/": (spanish.pk, "articles.ArticlePage"),
        "/es/treatments/": (spanish.get_parent().pk, "articles.ArticleIndexPage"),
        "/es/": (spanish.get_parent().get_parent().pk, "home.HomePage"),
        "/en/": (home_page.pk, "home.HomePage"),
    }
    for path, (pk, page_type) in expected.items():
        response = client.get(f"/api/v2/pages/by-path/?path={path}")
        assert response.status_code == 200, path
        data = response.json()
        assert (data["id"], data["meta"]["type"], data["path"]) == (pk, page_type, path)
    # The articles endpoint resolves articles only.
    assert client.get("/api/v2/articles/by-path/?path=/es/treatments/").status_code == 404


def test_pages_find_answers_with_the_page_not_a_redirect(client, make_article):
    page = make_article()
    spanish = translate_tree(page, "es")
    response = client.get(
        "/api/v2/pages/find/?html_path=/es/treatments/treating-lung-cancer/", HTTP_HOST="localhost"
    )
    assert response.status_code == 200
    assert response.json()["id"] == spanish.pk
    assert response["Content-Location"] == f"/api/v2/articles/{spanish.pk}/"
    response = client.get("/api/v2/pages/find/?html_path=/treatments/treating-lung-cancer/")
    assert response.json()["id"] == page.pk


def test_filters_locale_condition_modality_review_status_search(client, make_article, locale_en):
    from cms.articles.models import Condition

    lung = make_article("Lung surgery")
    other_condition = Condition.objects.create(name="Melanoma", slug="melanoma", locale=locale_en)
    skin = make_article("Skin care")
    draft = skin.get_latest_revision_as_object()
    draft.condition = other_condition
    draft.body = [("section", {"heading": "Sun", "body": "<p>Avoid sunburn.</p>"})]
    draft.next_review_due = None
    from tests.api_helpers import publish

    publish(draft)
    spanish = translate_tree(lung, "es")

    def ids(query):
        response = client.get(f"/api/v2/articles/?{query}")
        assert response.status_code == 200, response.content
        return {item["id"] for item in response.json()["items"]}

    assert ids("locale=es") == {spanish.pk}
    assert ids("locale=en") == {lung.pk, skin.pk}
    assert ids("condition=melanoma") == {skin.pk}
    assert ids(f"condition={other_condition.pk}") == {skin.pk}
    assert ids("modality=surgery&locale=en") == {lung.pk}
    assert ids("modality=chemotherapy") == set()
    assert ids("review_status=overdue") == set()
    assert lung.pk in ids("review_status=current") | ids("review_status=due_soon")
    assert skin.pk not in ids("review_status=current") | ids("review_status=due_soon")
    assert ids("search=sunburn") == {skin.pk}
    assert ids("search=surgery&locale=en") == {lung.pk}
    # The stock pages endpoint takes the same filters for articles.
    response = client.get("/api/v2/pages/?type=articles.ArticlePage&modality=surgery&locale=en")
    assert {item["id"] for item in response.json()["items"]} == {lung.pk}


def test_snippet_endpoints_by_locale(client, center, condition, modalities):
    data = client.get("/api/v2/conditions/?locale=en").json()
    assert [item["slug"] for item in data["items"]] == ["lung-cancer"]
    assert data["items"][0]["meta"]["locale"] == "en"
    assert client.get("/api/v2/conditions/?locale=es").json()["meta"]["total_count"] == 0
    modality_slugs = {
        item["slug"] for item in client.get("/api/v2/modalities/?locale=en&limit=100").json()["items"]
    }
    assert {"surgery", "radiation-therapy", "chemotherapy"} <= modality_slugs
    centers = client.get("/api/v2/centers/?fields=*&modality=surgery").json()["items"]
    assert [c["slug"] for c in centers] == ["test-thoracic"]
    assert centers[0]["modalities"] == [
        {"slug": "surgery", "name": "Surgery", "schema_type": "SurgicalProcedure"}
    ]
    assert client.get("/api/v2/centers/?modality=chemotherapy").json()["meta"]["total_count"] == 0
    detail = client.get(f"/api/v2/conditions/{condition.pk}/").json()
    assert detail["icd10_code"] == "C34"


def test_rich_text_links_resolve_in_bulk_to_the_readers_language(client, make_article, article_index):
    page = make_article()
    spanish = translate_tree(page, "es")
    spanish_index = spanish.get_parent()
    data = client.get(f"/api/v2/articles/{spanish.pk}/").json()
    # The Spanish copy still links to the English index; the link follows its live translation.
    assert spanish_index.locale.language_code == "es"
    assert f'href="/es/{spanish_index.slug}/"' in data["body"][0]["value"]["body"]
    assert 'linktype="page"' not in str(data)


def test_rich_text_format_is_validated(client, make_article):
    page = make_article()
    response = client.get(f"/api/v2/articles/{page.pk}/?rich_text_format=bogus")
    assert response.status_code == 400
    assert "rich_text_format" in response.json()["message"]
    raw = client.get(f"/api/v2/articles/{page.pk}/?rich_text_format=db_html").json()
    assert 'linktype="page"' in raw["body"][0]["value"]["body"]
