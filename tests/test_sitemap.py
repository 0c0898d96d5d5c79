"""/sitemap.xml lists every live page with hreflang alternates; /robots.txt points at it."""

import xml.etree.ElementTree as ET

import pytest

from tests.api_helpers import translate_tree

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://127.0.0.1:8000"


def entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own sitemap, in a test)
    result = {}
    for url in root.findall("s:url", NS):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
            if link.get("rel") == "alternate"
        }
        result[url.findtext("s:loc", namespaces=NS)] = alternates
    return result


def test_sitemap_has_hreflang_alternates_for_every_translation(client, make_article):
    page = make_article()
    translate_tree(page, "es")
    translate_tree(page, "ar")
    draft_only = make_article("Draft only", publish=False)
    urls = entries(client)
    article = f"{BASE}/en/treatments/treating-lung-cancer/"
    expected = {
        "en": article,
        "es": f"{BASE}/es/treatments/treating-lung-cancer/",
        "ar": f"{BASE}/ar/treatments/treating-lung-cancer/",
        "x-default": article,
    }
    for language in ("en", "es", "ar"):
        assert urls[expected[language]] == expected
    assert f"{BASE}/en/treatments/" in urls
    assert not any(draft_only.slug in loc for loc in urls)


def test_sitemap_follows_unpublish(client, make_article):
    page = make_article()
    assert f"{BASE}/en/treatments/treating-lung-cancer/" in entries(client)
    page.unpublish()
    assert f"{BASE}/en/treatments/treating-lung-cancer/" not in entries(client)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
