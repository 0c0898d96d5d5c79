"""Malformed queries get a 4xx with a JSON body, never a 500 page."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
BAD_QUERIES = [
    "/api/v2/pages/abc/",
    f"/api/v2/pages/{HUGE}/",
    f"/api/v2/articles/{HUGE}/",
    "/api/v2/articles/0/",
    "/api/v2/pages/?id=abc",
    f"/api/v2/pages/?id={HUGE}",
    f"/api/v2/pages/?child_of={HUGE}",
    "/api/v2/pages/?child_of=-1",
    f"/api/v2/pages/?descendant_of={HUGE}",
    f"/api/v2/pages/?translation_of={HUGE}",
    "/api/v2/pages/?ancestor_of=x",
    "/api/v2/pages/?fields=nope",
    "/api/v2/pages/?fields=body(",
    "/api/v2/pages/?fields=title(foo)",
    "/api/v2/articles/?fields=*,nope",
    "/api/v2/articles/?fields=condition(nope)",
    "/api/v2/pages/?locale=xx",
    "/api/v2/articles/?locale=klingon",
    "/api/v2/conditions/?locale=xx",
    "/api/v2/pages/?limit=100000",
    "/api/v2/pages/?limit=-1",
    "/api/v2/pages/?limit=abc",
    f"/api/v2/pages/?limit={HUGE}",
    "/api/v2/pages/?offset=-5",
    "/api/v2/pages/?offset=x",
    f"/api/v2/pages/?offset={HUGE}",
    "/api/v2/pages/?unknown_filter=1",
    "/api/v2/articles/?colour=blue",
    "/api/v2/articles/{article}/?colour=blue",
    "/api/v2/pages/?type=nope.Nope",
    "/api/v2/pages/?type=articles.Condition",
    "/api/v2/pages/?order=nope",
    "/api/v2/pages/?order=random&offset=1",
    "/api/v2/pages/?search=%00",
    "/api/v2/pages/?title=%00",
    "/api/v2/articles/?last_reviewed=not-a-date",
    "/api/v2/articles/?first_published_at=2020-13-45",
    "/api/v2/articles/?condition=",
    f"/api/v2/articles/?condition={HUGE}",
    "/api/v2/articles/?modality=no-such-treatment",
    "/api/v2/articles/?review_status=whenever",
    "/api/v2/pages/?modality=surgery",
    "/api/v2/articles/?rich_text_format=bogus",
    f"/api/v2/articles/?search={'x' * 5000}",
    "/api/v2/articles/by-path/",
    "/api/v2/articles/by-path/?path=/xx/treatments/a/&locale=xx",
    "/api/v2/articles/by-path/?path=/nowhere/",
    "/api/v2/pages/find/?html_path=/es/nowhere/",
    "/api/v2/pages/find/?id=abc",
    f"/api/v2/conditions/{HUGE}/",
    "/api/v2/conditions/?fields=nope",
    "/api/v2/centers/?limit=1000",
    "/api/v2/images/?limit=abc",
    "/api/v2/nonexistent/",
    "/api/v3/nonexistent/",
    "/api/v3/pages/abc/",
    f"/api/v3/pages/{HUGE}/",
    "/api/v3/pages/?limit=abc",
    "/api/v3/pages/?locale=xx",
    # Only and/or combine search words, on every listing that searches.
    *(
        f"/api/v2/{endpoint}/?search=lung&search_operator=xor"
        for endpoint in ("pages", "articles", "conditions", "modalities", "centers", "images", "documents")
    ),
    "/api/v3/pages/?search=lung&search_operator=xor",
]


@pytest.mark.parametrize("url", BAD_QUERIES)
def test_malformed_query_is_a_json_4xx(client, make_article, url):
    article = make_article()
    response = client.get(url.format(article=article.pk))
    assert 400 <= response.status_code < 500, (url, response.status_code, response.content[:200])
    # One error format everywhere: an RFC 9457 problem document that says what went wrong.
    assert response["Content-Type"] == "application/problem+json", url
    body = response.json()
    assert body["status"] == response.status_code, (url, body)
    assert isinstance(body["detail"], str) and body["detail"].strip(), (url, body)
    # Errors are never cached by CDNs as if they were content.
    assert "public" not in response.get("Cache-Control", "")


# Search texts that are syntax in SQLite FTS5 or PostgreSQL tsquery: plain words to us.
HOSTILE_SEARCHES = ['"', 'lung "cancer', "'", "\\", "*", "a:*", "NEAR(a b)", "lung AND", "OR", "-", "!&|"]
HOSTILE_SEARCHES += ["%", "(", ")", "\u0301", "\x01\x1f", "😀"]
SEARCHED = ("pages", "articles", "conditions", "modalities", "centers", "images", "documents")


@pytest.mark.parametrize("text", HOSTILE_SEARCHES)
def test_search_text_is_plain_words_on_every_listing(client, make_article, text):
    make_article()
    for url in [f"/api/v2/{endpoint}/" for endpoint in SEARCHED] + ["/api/v3/pages/"]:
        response = client.get(url, {"search": text})
        assert response.status_code == 200, (url, text, response.content[:300])
        assert "items" in response.json()


def test_punctuation_around_words_still_finds_them(client, make_article):
    article = make_article()
    word = article.title.split()[0]
    for text in (f'"{word}', f"{word})", f"({word}*"):
        response = client.get("/api/v2/articles/", {"search": text})
        assert response.status_code == 200, response.content[:300]
        assert [item["id"] for item in response.json()["items"]] == [article.pk], text
