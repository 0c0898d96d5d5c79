"""The API cache: validators, CDN headers, and no cached response outliving a content change."""

import pytest
from django.test import override_settings
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch

from cms.articles.models import ArticleIndexPage
from tests.api_helpers import publish

pytestmark = pytest.mark.django_db

DETAIL = "/api/v2/articles/{pk}/"
LISTING = "/api/v2/articles/?fields=*"


def test_public_response_has_strong_etag_last_modified_and_cdn_cache_control(client, make_article):
    page = make_article()
    response = client.get(DETAIL.format(pk=page.pk))
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300, stale-while-revalidate=60"
    # The same bytes give the same ETag on a miss and on a hit.
    assert client.get(DETAIL.format(pk=page.pk))["ETag"] == etag


def test_conditional_get_answers_304(client, make_article):
    page = make_article()
    url = DETAIL.format(pk=page.pk)
    first = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # A 304 also comes from a cold cache: the validator is a hash of the body.
    from django.core.cache import cache

    cache.clear()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@override_settings(API_CACHE_CONTROL="public, max-age=5")
def test_cache_control_is_a_setting(client, make_article):
    page = make_article()
    assert client.get(DETAIL.format(pk=page.pk))["Cache-Control"] == "public, max-age=5"


def test_cached_response_is_served_with_one_query(client, make_article, django_assert_num_queries):
    page = make_article()
    first = client.get(DETAIL.format(pk=page.pk))
    # The one query reads the content generation, which every app server shares.
    with django_assert_num_queries(1):
        again = client.get(DETAIL.format(pk=page.pk))
    assert again.content == first.content


def test_a_bump_by_another_server_invalidates(client, make_article):
    """Another process changes the generation row: this process's cached answer is dropped."""
    from cms.delivery.models import ApiSnapshot, ContentGeneration

    page = make_article("Old title")
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "Old title"
    # Write behind this process's back: no signal runs here, as on another app server.
    type(page).objects.filter(pk=page.pk).update(title="Changed elsewhere")
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "Old title"
    # What the other server's receivers write to the shared database: a new generation, and
    # the page's snapshot dropped (snapshots live in the database, not in this process).
    ApiSnapshot.objects.filter(page_id=page.pk).delete()
    ContentGeneration.objects.update(token="other-server")
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "Changed elsewhere"


def test_public_answers_do_not_vary_on_language(client, make_article):
    page = make_article()
    miss = client.get(DETAIL.format(pk=page.pk), HTTP_ACCEPT_LANGUAGE="de")
    hit = client.get(DETAIL.format(pk=page.pk), HTTP_ACCEPT_LANGUAGE="es")
    # Only the encoding and (for CORS) the origin change the answer, never the language.
    assert miss["Vary"] == hit["Vary"] == "origin, Accept-Encoding"
    assert miss["ETag"] == hit["ETag"]


def test_publish_invalidates(client, make_article):
    page = make_article("Old title")
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "Old title"
    assert client.get(LISTING).json()["items"][0]["title"] == "Old title"
    draft = page.get_latest_revision_as_object()
    draft.title = "New title"
    draft.save_revision()
    # A draft is not content: the cached public answer still stands and still says the live title.
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "Old title"
    publish(draft)
    assert client.get(DETAIL.format(pk=page.pk)).json()["title"] == "New title"
    assert client.get(LISTING).json()["items"][0]["title"] == "New title"


def test_unpublish_invalidates(client, make_article):
    page = make_article()
    assert client.get(DETAIL.format(pk=page.pk)).status_code == 200
    assert client.get(LISTING).json()["meta"]["total_count"] == 1
    page.unpublish()
    assert client.get(DETAIL.format(pk=page.pk)).status_code == 404
    assert client.get(LISTING).json()["meta"]["total_count"] == 0


def test_move_invalidates(client, make_article, home_page):
    page = make_article()
    by_path = "/api/v2/articles/by-path/?path=/en/treatments/treating-lung-cancer/"
    assert client.get(by_path).status_code == 200
    assert client.get(DETAIL.format(pk=page.pk)).json()["path"] == "/en/treatments/treating-lung-cancer/"
    guides = home_page.add_child(instance=ArticleIndexPage(title="Guides", slug="guides"))
    publish(guides)
    page.move(guides, pos="last-child")
    assert client.get(by_path).status_code == 404
    assert client.get(DETAIL.format(pk=page.pk)).json()["path"] == "/en/guides/treating-lung-cancer/"


def test_delete_invalidates(client, make_article):
    page = make_article()
    pk = page.pk
    assert client.get(DETAIL.format(pk=pk)).status_code == 200
    page.delete()
    assert client.get(DETAIL.format(pk=pk)).status_code == 404
    assert client.get(LISTING).json()["meta"]["total_count"] == 0


def test_snippet_change_invalidates(client, make_article, center, condition):
    page = make_article()
    assert client.get(DETAIL.format(pk=page.pk)).json()["condition"]["name"] == "Lung cancer"
    condition.name = "Non-small cell lung cancer"
    condition.save()
    assert client.get(DETAIL.format(pk=page.pk)).json()["condition"]["name"] == "Non-small cell lung cancer"
    center.city = "Marseille"
    center.save()
    body = client.get(DETAIL.format(pk=page.pk)).json()["body"]
    assert body[1]["value"]["centers"][0]["city"] == "Marseille"


def test_view_restriction_invalidates(client, make_article):
    from wagtail.models import PageViewRestriction

    page = make_article()
    assert client.get(DETAIL.format(pk=page.pk)).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert client.get(DETAIL.format(pk=page.pk)).status_code == 404


def test_requests_with_credentials_are_never_cached(client, make_article, superuser):
    page = make_article("Public")
    url = DETAIL.format(pk=page.pk)
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    client.logout()
    # Nothing the logged-in request saw was stored for anonymous callers: this one is a miss.
    anonymous = client.get(url)
    assert anonymous["Cache-Control"].startswith("public")
    bearer = client.get(url, HTTP_AUTHORIZATION="Bearer abc")
    assert bearer["Cache-Control"] == "private, no-store"


PURGED = []


class RecordingBackend(BaseBackend):
    """A frontend cache backend that remembers what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@override_settings(WAGTAILFRONTENDCACHE={"test": {"BACKEND": "tests.test_caching.RecordingBackend"}})
@pytest.mark.parametrize("change", ["publish", "unpublish", "move"])
def test_publish_unpublish_and_move_purge_the_api_urls(make_article, home_page, change):
    page = make_article()
    PURGED.clear()
    if change == "publish":
        publish(page.get_latest_revision_as_object())
    elif change == "unpublish":
        page.unpublish()
    else:
        guides = home_page.add_child(instance=ArticleIndexPage(title="Guides", slug="guides"))
        publish(guides)
        PURGED.clear()
        page.move(guides, pos="last-child")
    base = "http://127.0.0.1:8000"
    assert f"{base}/api/v2/articles/{page.pk}/" in PURGED
    assert f"{base}/api/v2/pages/{page.pk}/" in PURGED
    assert f"{base}/api/v2/articles/" in PURGED
    assert f"{base}/sitemap.xml" in PURGED
    assert f"{base}/api/v2/articles/by-path/?path=/en/treatments/treating-lung-cancer/" in PURGED
    if change == "move":
        assert f"{base}/api/v2/articles/by-path/?path=/en/guides/treating-lung-cancer/" in PURGED


def test_no_purge_without_a_configured_backend(make_article, settings, monkeypatch):
    # Spy on the purge batch itself: with no backend configured no backend could record anything.
    batches = []
    monkeypatch.setattr(PurgeBatch, "purge", lambda self, **kwargs: batches.append(list(self.urls)))
    settings.WAGTAILFRONTENDCACHE = {}
    page = make_article()
    publish(page.get_latest_revision_as_object())
    assert batches == []
    # The spy sees purges once a backend is configured.
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "tests.test_caching.RecordingBackend"}}
    publish(page.get_latest_revision_as_object())
    assert len(batches) == 1
    assert f"http://127.0.0.1:8000/api/v2/articles/{page.pk}/" in batches[0]
