"""The change feed: a static build stays current from GET /api/v2/changes/?since=<cursor> alone."""

import pytest
from wagtail.models import Page

from cms.delivery.models import WebhookEndpoint
from cms.editorial.signoff import signoff_waived
from tests.api_helpers import publish, translate_tree

pytestmark = pytest.mark.django_db

FEED = "/api/v2/changes/"


def feed(client, since=None, **params):
    if since is not None:
        params["since"] = since
    response = client.get(FEED, params)
    assert response.status_code == 200, response.content
    return response.json()


def tail(client, cursor):
    """Every entry after `cursor`, page by page, and the cursor to keep."""
    items = []
    while True:
        data = feed(client, cursor, limit=2)
        items += data["items"]
        cursor = data["meta"]["next_cursor"]
        if not data["meta"]["has_more"]:
            return items, cursor


def actions(items, page=None):
    return [(item["action"], item["id"]) for item in items if page is None or item["id"] == page.pk]


def test_publish_update_unpublish_delete_are_in_the_feed_in_order(client, make_article):
    start = feed(client)["meta"]["next_cursor"]
    page = make_article()
    items, cursor = tail(client, start)
    published = [item for item in items if item["id"] == page.pk and item["kind"] == "page"]
    assert published[-1]["action"] == "publish"
    assert published[-1]["type"] == "articles.ArticlePage"
    assert published[-1]["path"] == "/en/treatments/treating-lung-cancer/"
    assert published[-1]["url"] == "http://127.0.0.1:8000/en/treatments/treating-lung-cancer/"
    assert published[-1]["detail_url"] == f"http://127.0.0.1:8000/api/v2/articles/{page.pk}/"
    # Nothing new: the same cursor comes back, with no items.
    again = feed(client, cursor)
    assert again["items"] == [] and again["meta"]["next_cursor"] == cursor

    publish(page)
    page.refresh_from_db()
    page.unpublish()
    page_id = page.pk
    Page.objects.get(pk=page_id).delete()
    items, _cursor = tail(client, cursor)
    assert [a for a, pk in actions(items) if pk == page_id] == ["update", "unpublish", "delete"]
    tombstone = items[-1]
    assert tombstone == {
        **tombstone,
        "action": "delete",
        "kind": "page",
        "type": "articles.ArticlePage",
        "id": page_id,
        "locale": "en",
        "path": "/en/treatments/treating-lung-cancer/",
    }


def test_cursor_pages_are_keyset_and_bad_cursors_are_400(client, make_article):
    for n in range(3):
        make_article(f"Article {n}")
    everything = feed(client, limit=500)["items"]
    items, _cursor = tail(client, None)
    assert [item["cursor"] for item in items] == [item["cursor"] for item in everything]
    assert len(everything) >= 3
    for bad in ("nope", "YzE6eA", "%00"):
        response = client.get(FEED, {"since": bad})
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
    assert client.get(FEED, {"limit": 0}).status_code == 400
    assert client.get(FEED, {"colour": "blue"}).status_code == 400


def test_translations_of_a_changed_page_are_updated(client, make_article):
    page = make_article()
    spanish = translate_tree(page, "es")
    cursor = feed(client, limit=500)["meta"]["next_cursor"]
    spanish.unpublish()
    items, _ = tail(client, cursor)
    assert ("unpublish", spanish.pk) in actions(items)
    # The English page's `translations` changed: a static build must rebuild it.
    assert ("update", page.pk) in actions(items)


def test_moves_list_the_page_and_its_descendants_with_their_old_paths(client, make_article, home_page):
    page = make_article()
    index = page.get_parent().specific
    cursor = feed(client, limit=500)["meta"]["next_cursor"]
    index.slug = "care"
    index.save_revision().publish()
    items, _ = tail(client, cursor)
    moves = {item["id"]: item for item in items if item["action"] == "move"}
    assert moves[page.pk]["path"] == "/en/care/treating-lung-cancer/"
    assert moves[page.pk]["previous_path"] == "/en/treatments/treating-lung-cancer/"
    assert moves[index.pk]["previous_path"] == "/en/treatments/"
    # A tree move too.
    from cms.articles.models import ArticleIndexPage

    other = home_page.add_child(instance=ArticleIndexPage(title="Other", slug="other"))
    other.save_revision().publish()
    cursor = feed(client, limit=500)["meta"]["next_cursor"]
    Page.objects.get(pk=page.pk).move(other, pos="last-child")
    items, _ = tail(client, cursor)
    move = next(item for item in items if item["action"] == "move" and item["id"] == page.pk)
    assert (move["previous_path"], move["path"]) == (
        "/en/care/treating-lung-cancer/",
        "/en/other/treating-lung-cancer/",
    )


def test_snippet_changes_list_the_snippet_and_the_pages_showing_it(client, make_article, center, condition):
    page = make_article()
    cursor = feed(client, limit=500)["meta"]["next_cursor"]
    center.name = "Renamed Centre"
    center.save_revision().publish()  # a draft alone changes nothing readers see
    items, cursor = tail(client, cursor)
    assert ("update", center.pk) in [(i["action"], i["id"]) for i in items if i["kind"] == "snippet"]
    snippet = next(i for i in items if i["kind"] == "snippet")
    assert snippet["type"] == "articles.MedicalCenter" and snippet["path"] is None
    assert snippet["detail_url"] == f"http://127.0.0.1:8000/api/v2/centers/{center.pk}/"
    assert ("update", page.pk) in [(i["action"], i["id"]) for i in items if i["kind"] == "page"]
    condition_id = condition.pk
    condition.delete()
    items, _ = tail(client, cursor)
    assert ("delete", condition_id) in [(i["action"], i["id"]) for i in items if i["kind"] == "snippet"]


def test_every_webhook_event_has_its_feed_entry(client, make_article, monkeypatch):
    """publish, translation-publish, unpublish and delete, each with an entry for the same page."""
    from cms.delivery.webhooks import services

    WebhookEndpoint.objects.create(
        name="all",
        url="https://hooks.example.org/x",
        events=["publish", "unpublish", "delete", "translation-publish"],
    )
    sent = []
    monkeypatch.setattr(
        services,
        "webhook_endpoints_for",
        lambda event, locale_id: sent.append(event) or [],
    )
    original = services.webhook_page_event

    def record(page, event):
        sent.append((event, page.pk))
        return original(page, event)

    monkeypatch.setattr("cms.delivery.webhooks.receivers.webhook_page_event", record)
    monkeypatch.setattr(services, "webhook_page_event", record)
    start = feed(client)["meta"]["next_cursor"]
    page = make_article()
    spanish = translate_tree(page, "es")
    spanish.unpublish()
    with signoff_waived("test"):
        Page.objects.get(pk=page.pk).delete()
    items, _ = tail(client, start)
    by_page = {(item["action"], item["id"]) for item in items if item["kind"] == "page"}
    expected = {"publish": {"publish", "update"}, "translation-publish": {"publish", "update"}}
    events = [event for event in sent if isinstance(event, tuple)]
    assert {event for event, _pk in events} == {"publish", "translation-publish", "unpublish", "delete"}
    for event, pk in events:
        wanted = expected.get(event, {event})
        assert any((action, pk) in by_page for action in wanted), (event, pk)


def test_the_feed_is_cached_and_invalidated_like_the_api(client, make_article, django_assert_num_queries):
    make_article()
    first = client.get(FEED)
    with django_assert_num_queries(1):
        assert client.get(FEED).content == first.content
    make_article("Another")
    assert client.get(FEED).content != first.content
