"""Fields frontends expect: seo, breadcrumbs, reading time, dates, filters, locale fallback, URLs."""

import datetime
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from tests.api_helpers import publish, translate_tree

pytestmark = pytest.mark.django_db


def test_seo_falls_back_to_title_and_summary(client, make_article):
    page = make_article()
    seo = client.get(f"/api/v2/articles/{page.pk}/").json()["seo"]
    assert seo == {
        "title": "Treating lung cancer",
        "description": "How lung cancer is treated.",
        "canonical_url": "http://127.0.0.1:8000/en/treatments/treating-lung-cancer/",
        "image": None,
    }
    draft = page.get_latest_revision_as_object()
    draft.seo_title, draft.search_description = (
        "Lung cancer treatment options",
        "Surgery, radiotherapy and more.",
    )
    publish(draft)
    seo = client.get(f"/api/v2/articles/{page.pk}/").json()["seo"]
    assert (seo["title"], seo["description"]) == (
        "Lung cancer treatment options",
        "Surgery, radiotherapy and more.",
    )


def test_breadcrumbs_are_the_localised_live_ancestors(client, make_article):
    page = make_article()
    spanish = translate_tree(page, "es")
    index = spanish.get_parent().specific
    index.title = "Tratamientos"
    publish(index)
    crumbs = client.get(f"/api/v2/articles/{spanish.pk}/").json()["breadcrumbs"]
    assert [(c["title"], c["path"]) for c in crumbs][1:] == [("Tratamientos", "/es/treatments/")]
    assert crumbs[0]["path"] == "/es/"
    listing = client.get("/api/v2/articles/?locale=es&fields=breadcrumbs").json()["items"]
    assert listing[0]["breadcrumbs"] == crumbs


def test_reading_time_depends_on_the_language(client, make_article, settings):
    page = make_article()
    draft = page.get_latest_revision_as_object()
    draft.summary = " ".join(["word"] * 900)
    page = publish(draft)
    spanish = translate_tree(page, "es")
    settings.READING_WORDS_PER_MINUTE = {"en": 300, "es": 150}
    english = client.get(f"/api/v2/articles/{page.pk}/?fields=reading_time_minutes").json()
    other = client.get(f"/api/v2/articles/{spanish.pk}/?fields=reading_time_minutes").json()
    assert english["reading_time_minutes"] == 4  # ~920 words at 300/min
    assert other["reading_time_minutes"] == 7  # the same words at 150/min


def test_updated_since_and_order_by_last_published(client, make_article):
    older = make_article("Older")
    newer = make_article("Newer")
    type(older).objects.filter(pk=older.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    data = client.get("/api/v2/articles/", {"updated_since": since}).json()
    assert [item["id"] for item in data["items"]] == [newer.pk]
    ordered = client.get("/api/v2/articles/?order=-last_published_at").json()["items"]
    assert [item["id"] for item in ordered] == [newer.pk, older.pk]
    assert ordered[0]["last_published_at"] >= ordered[1]["last_published_at"]
    assert client.get("/api/v2/articles/?updated_since=2026-01-01").status_code == 200
    bad = client.get("/api/v2/articles/?updated_since=yesterday")
    assert bad.status_code == 400 and "updated_since" in bad.json()["detail"]


def test_locale_fallback_gives_one_language_per_item(client, make_article):
    translated = make_article("Translated")
    english_only = make_article("English only")
    spanish = translate_tree(translated, "es")
    items = client.get("/api/v2/articles/?locale=es&fallback=en&fields=*").json()["items"]
    by_id = {item["id"]: item for item in items}
    assert set(by_id) == {spanish.pk, english_only.pk}
    assert (by_id[spanish.pk]["locale"], by_id[spanish.pk]["fallback"]) == ("es", False)
    stand_in = by_id[english_only.pk]
    assert (stand_in["locale"], stand_in["requested_locale"], stand_in["fallback"]) == ("en", "es", True)
    # Never a mix of languages inside one item.
    assert stand_in["json_ld"]["inLanguage"] == "en" and stand_in["path"].startswith("/en/")
    assert {c["path"][:4] for c in stand_in["breadcrumbs"]} == {"/en/"}
    # Without fallback, only Spanish; fallback without locale is a mistake.
    assert [i["id"] for i in client.get("/api/v2/articles/?locale=es").json()["items"]] == [spanish.pk]
    assert client.get("/api/v2/articles/?fallback=en").status_code == 400
    assert client.get("/api/v2/articles/?locale=es&fallback=xx").status_code == 400


def test_snippet_listings_fall_back_too(client, condition):
    items = client.get("/api/v2/conditions/?locale=es&fallback=en").json()["items"]
    assert [(i["id"], i["meta"]["locale"]) for i in items] == [(condition.pk, "en")]


def test_rich_text_has_no_editor_attributes(client, make_article):
    page = make_article()
    draft = page.get_latest_revision_as_object()
    raw = draft.body.raw_data
    raw[0]["value"]["body"] = '<p data-block-key="abc12">Plain text.</p>'
    draft.body = raw
    publish(draft)
    body = client.get(f"/api/v2/articles/{page.pk}/").json()["body"][0]["value"]["body"]
    assert body == "<p>Plain text.</p>"


def test_a_bad_id_is_a_404_that_says_no_such_page(client):
    for url in ("/api/v2/pages/abc/", "/api/v2/pages/99999/", f"/api/v2/articles/{'9' * 30}/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["detail"] == "no such page", url
        assert response["Content-Type"] == "application/problem+json"


def test_every_url_in_an_article_opens(client, make_article):
    """Absolute URLs name this server: API detail URLs, reader URLs (the reader site), canonical."""
    page = make_article()
    translate_tree(page, "es")
    data = client.get(f"/api/v2/articles/{page.pk}/").json()
    urls = {data["url"], data["meta"]["html_url"], data["meta"]["detail_url"], data["seo"]["canonical_url"]}
    urls |= {data["json_ld"]["url"]} | {t["url"] for t in data["translations"] if t["url"]}
    for url in urls:
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == "http://127.0.0.1:8000", url
        assert client.get(parts.path).status_code == 200, url
    for path in [data["path"], *(c["path"] for c in data["breadcrumbs"])]:
        assert client.get(path).status_code == 200, path


def test_demo_urls_follow_port():
    code = (
        "from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL, settings.READER_SITE_URL)"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_BASE_URL", "READER_SITE_URL"))}
    env.update(PORT="8001", DJANGO_SETTINGS_MODULE="cms.settings.dev")
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["http://127.0.0.1:8001"] * 3
