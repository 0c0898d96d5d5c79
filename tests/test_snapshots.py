"""Detail snapshots (cms/delivery/cache/snapshots.py): the same bytes as a live render, never stale.

The response cache is cleared before each request here, so every answer comes from the view,
that is from the snapshot when one matches, or from a fresh render.
"""

import datetime

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.articles.models import ArticleIndexPage
from cms.delivery.api.pages import DeliveryPagesAPIViewSet
from cms.delivery.cache.generation import content_generation
from cms.delivery.cache.receivers import code_migrated
from cms.delivery.cache.snapshot_store import snapshots_store
from cms.delivery.cache.snapshots import snapshots_build
from cms.delivery.models import ApiSnapshot
from tests.api_helpers import publish, translate_tree

pytestmark = pytest.mark.django_db

DETAIL = "/api/v2/pages/{pk}/"


def cold_get(client, page):
    cache.clear()
    return client.get(DETAIL.format(pk=page.pk))


def built(*pages):
    """Build the pages' snapshots, as publishing (a background task) does."""
    assert snapshots_build([page.pk for page in pages]) == len(pages)


def test_a_snapshot_has_the_bytes_of_a_live_render(client, make_article, django_assert_num_queries):
    page = make_article()
    first = cold_get(client, page)
    # A read renders a missing snapshot in memory and stores nothing.
    assert not ApiSnapshot.objects.filter(page_id=page.pk).exists()
    built(page)
    cache.clear()
    # Served from the snapshot: the generation, the page row (visibility: the site and its
    # restrictions are read once per generation, api/visibility.py), the snapshot.
    with django_assert_num_queries(3):
        again = client.get(DETAIL.format(pk=page.pk))
    # A caller with a session never gets snapshots: Wagtail's detail code renders it live.
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
    live = client.get(DETAIL.format(pk=page.pk))
    assert first.content == again.content == live.content
    assert client.get(f"/api/v2/articles/{page.pk}/").content == live.content


def test_snapshot_queries_do_not_grow_with_the_pages(client, make_article, django_assert_num_queries):
    pages = [make_article(f"Article {n}") for n in range(3)]
    assert snapshots_build([p.pk for p in pages]) == 3
    client.get("/api/v2/pages/")  # the generation's visibility scope, read once (api/visibility.py)
    for page in pages:
        cache.clear()
        with django_assert_num_queries(3):
            assert client.get(DETAIL.format(pk=page.pk)).status_code == 200


def test_drafts_and_private_pages_get_no_snapshot(client, make_article):
    draft = make_article("Draft", publish=False)
    private = make_article("Private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert snapshots_build([draft.pk, private.pk]) == 0
    assert cold_get(client, draft).status_code == 404
    assert cold_get(client, private).status_code == 404
    assert not ApiSnapshot.objects.exists()


def test_publish_builds_the_snapshot_when_it_commits(make_article, django_capture_on_commit_callbacks):
    page = make_article()
    page.title = "New title"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)
    snapshot = ApiSnapshot.objects.get(page_id=page.pk)
    assert b'"title":"New title"' in bytes(snapshot.content)


def test_one_transaction_renders_its_snapshots_once(
    make_article, monkeypatch, django_capture_on_commit_callbacks
):
    """A publish saves the page, then signals: each change queues pages (its translation, then
    itself), and the commit renders them together, once (as the workflow's final step does)."""
    page = make_article()
    translation = translate_tree(page, "es")
    rendered = []
    render = DeliveryPagesAPIViewSet.render_snapshots
    monkeypatch.setattr(
        DeliveryPagesAPIViewSet,
        "render_snapshots",
        lambda view, ids: rendered.append(sorted(ids)) or render(view, ids),
    )
    page.title = "New title"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(page)
    # One render (the test's transaction also holds its fixtures' pending pages).
    assert len(rendered) == 1
    assert {page.pk, translation.pk} <= set(rendered[0])
    assert b'"title":"New title"' in bytes(ApiSnapshot.objects.get(page_id=page.pk).content)


def test_a_snapshot_never_outlives_a_publish(client, make_article):
    page = make_article("Old title")
    built(page)
    page.title = "New title"
    publish(page)
    assert cold_get(client, page).json()["title"] == "New title"


def test_a_draft_is_never_served(client, make_article):
    page = make_article("Live title")
    built(page)
    page.title = "Draft title"
    page.save_revision()
    assert cold_get(client, page).json()["title"] == "Live title"


def test_a_snapshot_never_outlives_an_unpublish_or_delete(client, make_article):
    page, other = make_article("One"), make_article("Two")
    built(page, other)
    page.unpublish()
    assert cold_get(client, page).status_code == 404
    other.delete()
    assert cold_get(client, other).status_code == 404


def test_a_snapshot_never_outlives_a_move(client, make_article, home_page):
    page = make_article()
    built(page)
    guides = home_page.add_child(instance=ArticleIndexPage(title="Guides", slug="guides"))
    publish(guides)
    page.move(guides, pos="last-child")
    data = cold_get(client, page).json()
    assert data["path"] == f"/en/guides/{page.slug}/"
    assert data["breadcrumbs"][-1]["title"] == "Guides"


def test_a_snapshot_never_outlives_a_parent_title_change(client, make_article, article_index):
    page = make_article()
    built(page)
    article_index.title = "All treatments"
    publish(article_index)
    assert cold_get(client, page).json()["breadcrumbs"][-1]["title"] == "All treatments"


def test_a_snapshot_never_outlives_a_linked_page_moving(client, make_article):
    target = make_article("Target")
    body = [("section", {"heading": "See", "body": f'<p><a linktype="page" id="{target.pk}">x</a></p>'})]
    linking = make_article("Linking")
    linking.body = body
    publish(linking)
    built(linking)
    assert f"/treatments/{target.slug}/" in cold_get(client, linking).json()["body"][0]["value"]["body"]
    target.slug = "renamed"
    publish(target)
    assert "/treatments/renamed/" in cold_get(client, linking).json()["body"][0]["value"]["body"]


def test_a_snapshot_never_outlives_a_snippet_change(client, make_article, condition):
    page = make_article()
    built(page)
    condition.name = "Non-small cell lung cancer"
    condition.save()
    assert not ApiSnapshot.objects.exists()
    assert cold_get(client, page).json()["condition"]["name"] == "Non-small cell lung cancer"


def test_a_snapshot_never_outlives_a_translation_publish(client, make_article):
    page = make_article()
    built(page)
    before = {t["locale"]: t for t in cold_get(client, page).json()["translations"]}
    assert before["es"]["id"] is None
    translation = translate_tree(page, "es")
    after = {t["locale"]: t for t in cold_get(client, page).json()["translations"]}
    assert after["es"]["id"] == translation.pk
    translation.unpublish()
    after = {t["locale"]: t for t in cold_get(client, page).json()["translations"]}
    assert after["es"]["id"] is None


def test_permission_changes_apply_at_once(client, make_article, article_index):
    page = make_article()
    built(page)
    restriction = PageViewRestriction.objects.create(
        page=article_index, restriction_type="password", password="x"
    )
    assert cold_get(client, page).status_code == 404
    restriction.delete()
    assert cold_get(client, page).status_code == 200


def test_a_snapshot_is_not_served_after_its_day(client, make_article):
    page = make_article()
    built(page)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    ApiSnapshot.objects.filter(page_id=page.pk).update(content=b'{"stale": true}', valid_until=yesterday)
    assert "stale" not in cold_get(client, page).json()
    # The read rendered it afresh in memory; the next build replaces the expired row.
    assert ApiSnapshot.objects.get(page_id=page.pk).valid_until < timezone.now()
    built(page)
    assert ApiSnapshot.objects.get(page_id=page.pk).valid_until > timezone.now()


def test_a_write_racing_a_publish_is_refused(make_article):
    page = make_article()
    token = content_generation()[0]
    from cms.delivery.api.pages import DeliveryPagesAPIViewSet
    from cms.delivery.api.v2 import api_router

    rendered = api_router.anonymous_view(DeliveryPagesAPIViewSet).render_snapshots([page.pk])
    page.title = "Published meanwhile"
    publish(page)  # bumps the generation between the read and the write
    assert snapshots_store(token, rendered) == 0
    assert not ApiSnapshot.objects.filter(page_id=page.pk).exists()


def test_migrate_drops_every_snapshot(client, make_article):
    built(make_article())
    code_migrated(sender=apps.get_app_config("delivery"))
    assert not ApiSnapshot.objects.exists()


def test_the_snapshot_follows_the_live_row_even_without_signals(client, make_article):
    """A live row changed behind the receivers' back (another revision) is rendered afresh."""
    page = make_article("Old title")
    built(page)
    revision = page.save_revision()
    Page.objects.filter(pk=page.pk).update(live_revision=revision, title="Changed elsewhere")
    assert cold_get(client, page).json()["title"] == "Changed elsewhere"


def test_a_snippet_change_rebuilds_the_snapshots_when_it_commits(
    client, make_article, condition, django_capture_on_commit_callbacks
):
    page = make_article()
    built(page)
    condition.name = "Non-small cell lung cancer"
    with django_capture_on_commit_callbacks(execute=True):
        condition.save()
    snapshot = ApiSnapshot.objects.get(page_id=page.pk)
    assert b"Non-small cell lung cancer" in bytes(snapshot.content)
