"""Headless preview: the admin's Preview hands the unsaved draft to the reader site, behind a token."""

import re
import time
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_headless_preview.models import PagePreview

from cms.delivery.preview.services import preview_create, preview_signer

pytestmark = pytest.mark.django_db

PREVIEW_API = "/api/v2/page_preview/"


def preview_url_in(response):
    """The reader-site URL the admin's preview frames."""
    match = re.search(r'<iframe src="([^"]+)"', response.content.decode())
    assert match, response.content.decode()[:500]
    return unescape(match.group(1))


def edit_form_data(page, **changes):
    """What the article edit form posts; preview validation defers required fields."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "condition": page.condition_id or "",
        "medical_reviewer": page.medical_reviewer_id or "",
        "authors": inline_formset([]),
        "comments": inline_formset([]),
        "body": streamfield(
            [("section", {"heading": "Draft heading", "body": rich_text("<p>Unsaved draft text.</p>")})]
        ),
    }
    data.update(changes)
    return nested_form_data(data)


def test_preview_button_frames_the_reader_site_with_the_unsaved_draft(superuser_client, client, make_article):
    page = make_article("Live title")
    preview_endpoint = f"/admin/pages/{page.pk}/edit/preview/"
    posted = superuser_client.post(preview_endpoint, edit_form_data(page, title="Unsaved draft title"))
    assert posted.json() == {"is_valid": True, "is_available": True}

    framed = superuser_client.get(preview_endpoint)
    assert framed.status_code == 200
    url = preview_url_in(framed)
    parts = urlsplit(url)
    assert parts.path == "/preview.html"
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query["content_type"] == "articles.articlepage"

    # Anyone holding the link (the reader site, with no session) sees the draft, in the detail shape.
    client.logout()
    response = client.get(PREVIEW_API, query)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["id"] == page.pk
    assert data["title"] == "Unsaved draft title"
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert "Unsaved draft text." in data["body"][0]["value"]["body"]
    # Nothing was saved: the public API still serves the live title.
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Live title"


def test_preview_has_the_same_shape_as_the_article_detail(client, make_article):
    page = make_article()
    token = preview_create(page.get_latest_revision_as_object()).token
    preview = client.get(PREVIEW_API, {"content_type": "articles.articlepage", "token": token}).json()
    # The detail view of the endpoint that serves this page type, wherever the router puts it.
    detail = client.get(urlsplit(preview["meta"]["detail_url"]).path).json()
    assert detail["id"] == page.pk
    assert preview.keys() == detail.keys()
    assert preview["meta"].keys() == detail["meta"].keys()
    # Revisions store times to the millisecond, so only timestamps may differ from the live row.
    for name in detail.keys() - {"meta", "json_ld", "last_published_at"}:
        assert preview[name] == detail[name], name
    # Both carry the article's structured data, alike but for the revision's timestamps.
    assert detail["json_ld"]["@type"] == "MedicalWebPage"
    assert preview["json_ld"].keys() == detail["json_ld"].keys()
    for name in detail["json_ld"].keys() - {"dateModified", "datePublished"}:
        assert preview["json_ld"][name] == detail["json_ld"][name], name
    assert preview["meta"].keys() == detail["meta"].keys()
    assert preview["body"] == detail["body"]


def test_view_draft_of_an_unpublished_article(superuser_client, client, make_article):
    draft = make_article("Never published", publish=False)
    url = preview_url_in(superuser_client.get(f"/admin/pages/{draft.pk}/view_draft/"))
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    client.logout()
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(PREVIEW_API, query).json()["title"] == "Never published"


def test_new_page_preview(superuser_client, client, article_index):
    url = f"/admin/pages/add/articles/articlepage/{article_index.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Brand new article",
            "slug": "",
            "authors": inline_formset([]),
            "comments": inline_formset([]),
            "body": streamfield([]),
        }
    )
    assert superuser_client.post(url, data).json()["is_valid"] is True
    query = parse_qs(urlsplit(preview_url_in(superuser_client.get(url))).query)
    data = client.get(PREVIEW_API, {k: v[0] for k, v in query.items()}).json()
    assert data["title"] == "Brand new article"
    assert data["id"] == 0


def test_preview_is_for_editors_only(client, make_article):
    page = make_article()
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert PagePreview.objects.count() == 0


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 403),
        ({"content_type": "articles.articlepage"}, 403),
        ({"content_type": "articles.articlepage", "token": "forged"}, 403),
        ({"content_type": "nonsense", "token": "x"}, 400),
        ({"content_type": "articles.condition", "token": "x"}, 400),
    ],
)
def test_no_valid_token_no_draft(client, make_article, params, status):
    page = make_article("Secret draft", publish=False)
    preview_create(page)
    response = client.get(PREVIEW_API, params)
    assert response.status_code == status
    assert "message" in response.json()
    assert "Secret draft" not in response.content.decode()


def test_token_for_another_type_or_tampered(client, make_article):
    page = make_article("Secret draft", publish=False)
    token = preview_create(page).token
    assert client.get(PREVIEW_API, {"content_type": "home.homepage", "token": token}).status_code == 404
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(PREVIEW_API, {"content_type": "articles.articlepage", "token": tampered})
    assert response.status_code == 403


def test_signed_token_without_stored_draft(client, make_article):
    token = preview_signer().sign("id=1;nonce=0")
    response = client.get(PREVIEW_API, {"content_type": "articles.articlepage", "token": token})
    assert response.status_code == 404


def test_expired_token(client, make_article, settings, monkeypatch):
    page = make_article("Secret draft", publish=False)
    settings.PREVIEW_TOKEN_MAX_AGE = 60
    token = preview_create(page).token
    query = {"content_type": "articles.articlepage", "token": token}
    assert client.get(PREVIEW_API, query).status_code == 200
    # TimestampSigner reads the clock through time.time(): move it past the token's lifetime.
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() + 61)
    response = client.get(PREVIEW_API, query)
    assert response.status_code == 403
    assert "expired" in response.json()["message"]
    assert "Secret draft" not in response.content.decode()


def test_each_preview_gets_its_own_token(make_article):
    page = make_article()
    first, second = preview_create(page), preview_create(page)
    assert first.token != second.token


def test_live_wagtail_url_sends_readers_to_the_reader_site(client, make_article):
    page = make_article()
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'url=/en/treatments/treating-lung-cancer/"' in response.content.decode()
    assert PagePreview.objects.count() == 0


def test_other_page_types_preview_and_redirect(superuser_client, client, article_index, home_page):
    url = preview_url_in(superuser_client.get(f"/admin/pages/{article_index.pk}/view_draft/"))
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["content_type"] == "articles.articleindexpage"
    client.logout()
    data = client.get(PREVIEW_API, query).json()
    assert (data["title"], data["meta"]["type"]) == ("Treatments", "articles.ArticleIndexPage")
    assert 'url=/en/treatments/"' in client.get(article_index.url).content.decode()
    assert 'url=/en/"' in client.get(home_page.url).content.decode()
