"""Queries per request are constant: in the listing limit (1, 20, 100) and in the number of pages.

Every request here is a cache miss (a new URL, or the content changed in between), so these
count what DRF and the bulk loading do, not the response cache.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api_helpers import translate_tree

pytestmark = pytest.mark.django_db

# Every public read endpoint, with bodies where it has them. {article}: an article id.
LISTINGS = [
    "/api/v2/articles/",
    "/api/v2/articles/?fields=*",
    "/api/v2/articles/?fields=body,json_ld,translations",
    "/api/v2/articles/?fields=*&locale=en&condition=lung-cancer&modality=surgery",
    "/api/v2/articles/?fields=*&search=surgery",
    "/api/v2/pages/",
    "/api/v2/pages/?fields=*",
    "/api/v2/pages/?type=articles.ArticlePage&fields=*",
    "/api/v2/conditions/?fields=*",
    "/api/v2/modalities/?fields=*",
    "/api/v2/centers/?fields=*",
    "/api/v2/images/?fields=*",
    "/api/v2/documents/?fields=*",
]
DETAILS = [
    "/api/v2/articles/{article}/",
    "/api/v2/pages/{article}/",
    "/api/v2/articles/by-path/?path=/en/treatments/article-0/",
    "/api/v2/pages/find/?html_path=/en/treatments/article-0/",
    "/sitemap.xml",
]

# Documented ceilings (cold cache); the equalities below are what must hold. A plain detail
# request with no snapshot renders it in memory (cache/snapshots.py; a read never stores it):
# a few more queries; served from its snapshot it costs 6 (tests/test_snapshots.py).
MAX_LISTING_QUERIES = 16
MAX_DETAIL_QUERIES = 26


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    # Every one answers with content (find/ too: it serves the page rather than redirect to it).
    assert response.status_code == 200, (url, response.content[:300])
    return len(context.captured_queries)


def with_limit(url, limit):
    return f"{url}{'&' if '?' in url else '?'}limit={limit}"


@pytest.fixture
def make_articles(make_article):
    def make(count, start=0):
        return [make_article(f"Article {i}") for i in range(start, start + count)]

    return make


def test_listing_queries_do_not_grow_with_the_limit(client, make_articles, django_assert_num_queries):
    pages = make_articles(3)
    translate_tree(pages[0], "es")
    # Warm Wagtail's own caches (site root paths, content types), as any earlier request would.
    client.get("/api/v2/pages/?offset=0&limit=1")
    for url in LISTINGS:
        baseline = count_queries(client, with_limit(url, 1))
        assert baseline <= MAX_LISTING_QUERIES, url
        for limit in (20, 100):
            cache.clear()  # the listing's count is kept per generation: count it again
            with django_assert_num_queries(baseline, info=url):
                client.get(with_limit(url, limit))


def test_queries_do_not_grow_with_the_number_of_pages(client, make_articles, django_assert_num_queries):
    pages = make_articles(2)
    translate_tree(pages[0], "es")
    client.get("/api/v2/pages/?offset=0&limit=1")
    urls = [with_limit(url, 100) for url in LISTINGS] + [url.format(article=pages[0].pk) for url in DETAILS]
    before = {url: count_queries(client, url) for url in urls}
    for url in DETAILS:
        assert before[url.format(article=pages[0].pk)] <= MAX_DETAIL_QUERIES, url
    more = make_articles(12, start=2)
    translate_tree(more[0], "de")
    client.get("/api/v2/pages/?offset=0&limit=2")
    for url in urls:
        # Publishing changed the content generation: every URL is a cache miss again.
        with django_assert_num_queries(before[url], info=url):
            client.get(url)


def test_a_cached_response_runs_one_query(client, make_articles, django_assert_num_queries):
    make_articles(3)
    url = "/api/v2/articles/?fields=*"
    first = client.get(url)
    # Only the shared content generation is read.
    with django_assert_num_queries(1):
        second = client.get(url)
    assert second.content == first.content
