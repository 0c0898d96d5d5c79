"""What a browser app on another origin and a CDN see: CORS headers, gzip/brotli, ETags per encoding."""

import gzip
import json

import brotli
import pytest
from django.test import override_settings

from cms.delivery.compression import negotiate

pytestmark = pytest.mark.django_db

APP = "https://app.example.org"


def detail_url(page):
    return f"/api/v2/articles/{page.pk}/"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("identity", None),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("", None),
        (None, None),
    ],
)
def test_encoding_negotiation_honours_q_values(header, expected):
    assert negotiate(header) == expected


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_api_answers_are_compressed_once_and_keep_an_etag_per_encoding(client, make_article, encoding):
    page = make_article()
    plain = client.get(detail_url(page))
    miss = client.get(detail_url(page), HTTP_ACCEPT_ENCODING=encoding)  # already cached: a hit
    assert plain["Vary"].count("Accept-Encoding") == 1 and "Accept-Encoding" in miss["Vary"]
    assert "Content-Encoding" not in plain
    assert miss["Content-Encoding"] == encoding
    body = brotli.decompress(miss.content) if encoding == "br" else gzip.decompress(miss.content)
    assert body == plain.content
    assert int(miss["Content-Length"]) == len(miss.content) < len(plain.content) / 2
    assert miss["ETag"] == plain["ETag"][:-1] + f'-{encoding}"'

    # Each representation revalidates with its own tag; another encoding's tag does not match.
    def conditional(tag, accept=encoding):
        return client.get(detail_url(page), HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=tag)

    not_modified = conditional(miss["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == miss["ETag"]
    assert conditional(plain["ETag"], accept="identity").status_code == 304
    assert conditional(plain["ETag"]).status_code == 200


def test_cached_answers_are_not_compressed_again_on_each_hit(client, make_article, monkeypatch):
    page = make_article()
    from cms.delivery import compression

    calls = []
    real_compress = compression.compress
    monkeypatch.setattr(
        compression, "compress", lambda *args, **kw: calls.append(args[1]) or real_compress(*args, **kw)
    )
    client.get(detail_url(page))  # stored; a client taking no compression costs none
    assert calls == []
    first = client.get(detail_url(page), HTTP_ACCEPT_ENCODING="br")  # made once, kept with the answer
    assert first["Content-Encoding"] == "br" and calls == ["br"]
    hit = client.get(detail_url(page), HTTP_ACCEPT_ENCODING="br")
    assert hit["Content-Encoding"] == "br" and calls == ["br"]
    assert hit.content == first.content and json.loads(brotli.decompress(hit.content))["id"] == page.pk
    gzip_hit = client.get(detail_url(page), HTTP_ACCEPT_ENCODING="gzip")
    assert gzip_hit["Content-Encoding"] == "gzip" and calls == ["br", "gzip"]


def test_api_json_is_compact(client, make_article):
    page = make_article()
    content = client.get(detail_url(page)).content
    assert b"\n" not in content and b'": ' not in content and b", " not in content.replace(b'", "', b"")


def test_listing_of_bodies_shrinks_with_brotli(client, make_article):
    for number in range(5):
        make_article(f"Article {number}")
    url = "/api/v2/articles/?fields=*&limit=100"
    plain = client.get(url).content
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="br").content
    assert len(compressed) * 5 < len(plain)


def test_reader_site_text_is_compressed(client, make_article):
    page = make_article()
    for url in (
        "/",
        "/static/reader/reader.js",
        "/static/reader/site.css",
        "/en/treatments/treating-lung-cancer/",
    ):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"], url
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        assert gzip.decompress(raw).strip(), url
    del page


def test_private_and_error_answers_are_compressed_too(client, make_article, superuser):
    make_article()
    client.force_login(superuser)
    response = client.get("/api/v2/articles/?fields=*", HTTP_ACCEPT_ENCODING="br")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(response.content))["meta"]["total_count"] == 1


@override_settings(CORS_ALLOWED_ORIGINS=[APP])
def test_cors_for_an_allowed_origin_without_credentials(client, make_article):
    page = make_article()
    for _ in range(2):  # a miss, then a cache hit
        response = client.get(detail_url(page), HTTP_ORIGIN=APP)
        assert response["Access-Control-Allow-Origin"] == APP
        assert "Access-Control-Allow-Credentials" not in response
        assert "ETag" in response["Access-Control-Expose-Headers"]
        assert "origin" in response["Vary"]
    preflight = client.options(
        detail_url(page),
        HTTP_ORIGIN=APP,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == APP
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    preview = client.get("/api/v2/page_preview/?content_type=articles.articlepage&token=x", HTTP_ORIGIN=APP)
    assert preview["Access-Control-Allow-Origin"] == APP
    v3 = client.get("/api/v3/pages/", HTTP_ORIGIN=APP)
    assert v3["Access-Control-Allow-Origin"] == APP


@override_settings(CORS_ALLOWED_ORIGINS=[APP])
def test_cors_refuses_other_origins_and_stays_off_the_reader_site(client, make_article):
    page = make_article()
    assert "Access-Control-Allow-Origin" not in client.get(
        detail_url(page), HTTP_ORIGIN="https://evil.example"
    )
    assert "Access-Control-Allow-Origin" not in client.get("/site-config.json", HTTP_ORIGIN=APP)


def test_no_origin_is_allowed_by_default(client, make_article):
    page = make_article()
    assert "Access-Control-Allow-Origin" not in client.get(detail_url(page), HTTP_ORIGIN=APP)
