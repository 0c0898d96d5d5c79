"""Listing pages: cursors in the default order, capped offsets, counts kept per generation, and
items spliced from their detail snapshots exactly as they would be rendered."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from cms.delivery.api.pagination import page_cursor
from cms.delivery.cache.snapshots import snapshots_build
from cms.delivery.models import ApiSnapshot

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=articles.ArticlePage&fields=*"


@pytest.fixture
def five_articles(make_article):
    pages = [make_article(f"Article {n}") for n in range(5)]
    snapshots_build([page.pk for page in pages])  # as publishing does, once it commits (a task)
    return pages


def walk(client, url):
    """Every page of `url` by following meta.next_cursor: (ids in order, queries per page)."""
    ids, queries, cursor = [], [], None
    while True:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [item["id"] for item in body["items"]]
        queries.append(len(captured))
        cursor = body["meta"]["next_cursor"]
        if cursor is None:
            return ids, queries


def test_cursors_walk_every_item_once_in_the_default_order(client, five_articles):
    everything = client.get(LISTING + "&limit=100").json()
    assert everything["meta"]["next_cursor"] is None  # the whole listing fits in one page
    ids, queries = walk(client, LISTING + "&limit=2")
    assert ids == [item["id"] for item in everything["items"]]
    assert sorted(ids) == sorted(page.pk for page in five_articles)
    assert len(queries) == 3 and queries[1] == queries[2]  # a deeper page costs the same


def test_offset_pages_name_the_next_cursor_too(client, five_articles):
    first = client.get(LISTING + "&limit=2&offset=2").json()
    after = client.get(LISTING + f"&limit=2&cursor={first['meta']['next_cursor']}").json()
    rest = client.get(LISTING + "&limit=2&offset=4").json()
    assert [item["id"] for item in after["items"]] == [item["id"] for item in rest["items"]]


def test_other_orders_have_no_cursor(client, five_articles):
    body = client.get(LISTING + "&limit=2&order=-title").json()
    assert body["meta"]["next_cursor"] is None and len(body["items"]) == 2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("&cursor=bm9wZQ", "cursor is not one this listing gave out"),
        ("&cursor=" + page_cursor("pk", 3), "cursor is not one this listing gave out"),
        ("&cursor=%%%", "cursor is not one this listing gave out"),
        ("&order=title&cursor=" + page_cursor("path", "0001"), "cursor follows the default order"),
        ("&offset=2&cursor=" + page_cursor("path", "0001"), "use cursor or offset, not both"),
        ("&offset=10001", "offset cannot be higher than 10000: page further with cursor"),
    ],
)
def test_bad_paging_is_a_400_that_says_why(client, five_articles, query, message):
    response = client.get(LISTING + query)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_the_offset_cap_is_a_setting(client, five_articles):
    with override_settings(WAGTAILAPI_OFFSET_MAX=3):
        assert client.get(LISTING + "&offset=3").status_code == 200
        assert client.get(LISTING + "&offset=4").status_code == 400


def test_snippet_listings_page_by_cursor_when_unordered_and_never_otherwise(client, five_articles):
    body = client.get("/api/v2/conditions/?limit=1").json()
    # Conditions are ordered by name (their Meta): offset only.
    assert body["meta"]["next_cursor"] is None


def test_the_count_is_kept_until_content_changes(client, five_articles, make_article):
    assert client.get(LISTING + "&limit=1").json()["meta"]["total_count"] == 5
    with CaptureQueriesContext(connection) as captured:
        client.get(LISTING + "&limit=1&offset=1")
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"]]
    make_article("Article 5")
    assert client.get(LISTING + "&limit=1&offset=2").json()["meta"]["total_count"] == 6


def test_items_spliced_from_snapshots_are_what_rendering_gives(client, five_articles):
    assert ApiSnapshot.objects.filter(page__in=five_articles).count() == 5
    spliced = client.get(LISTING + "&limit=3&offset=1")
    ApiSnapshot.objects.all().delete()
    rendered = client.get(LISTING + "&limit=3&offset=1&_=no-cached-answer")
    assert spliced.content == rendered.content
    assert json.loads(spliced.content)["items"][0]["body"]


def marked(page, marker):
    """The page's stored snapshot with its title replaced by `marker`: still a valid article."""
    snapshot = ApiSnapshot.objects.get(page=page)
    data = {**json.loads(bytes(snapshot.content)), "title": marker}
    return json.dumps(data, separators=(",", ":")).encode()


def titles(client, url):
    return [item["title"] for item in client.get(url).json()["items"]]


def test_a_snapshot_of_another_revision_is_never_spliced(client, five_articles):
    page = five_articles[0]
    ApiSnapshot.objects.filter(page=page).update(content=marked(page, "current snapshot"))
    assert "current snapshot" in titles(client, LISTING + "&limit=100")
    ApiSnapshot.objects.filter(page=page).update(
        content=marked(page, "stale snapshot"), live_revision_id=page.live_revision_id + 1000
    )
    assert titles(client, LISTING + "&limit=100&_=2")[0] == page.title


@pytest.mark.parametrize(
    "query",
    ["&fields=title", "&rich_text_format=markdown", "", "&fields=*&type=wagtailcore.Page"],
)
def test_listings_that_differ_from_the_detail_are_rendered(client, five_articles, query):
    for page in five_articles:
        ApiSnapshot.objects.filter(page=page).update(content=marked(page, "from a snapshot"))
    url = "/api/v2/pages/?limit=100" + (query if "type=" in query else "&type=articles.ArticlePage" + query)
    assert b"from a snapshot" not in client.get(url).content
    assert b"from a snapshot" in client.get(LISTING + "&limit=100").content  # the test can fail


def test_signed_in_callers_never_get_snapshots(client, five_articles, superuser):
    for page in five_articles:
        ApiSnapshot.objects.filter(page=page).update(content=marked(page, "from a snapshot"))
    client.force_login(superuser)
    assert b"from a snapshot" not in client.get(LISTING + "&limit=100").content
