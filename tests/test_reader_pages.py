"""The reader site as a crawler without JavaScript gets it: complete HTML on the first response."""

import datetime
import json
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.articles.models import ArticlePage
from cms.delivery.cache import content_generation_bump
from cms.delivery.cache.snapshots import snapshots_build_missing, snapshots_clear
from cms.editorial.signoff import signoff_record, signoff_waived
from tests.api_helpers import translate_tree
from tests.conftest import SIGNED_ON

pytestmark = pytest.mark.django_db

ARTICLE = "/en/treatments/treating-lung-cancer/"
BANNER = "Preview: this is an unpublished draft. Readers cannot see it."
BASE = "http://127.0.0.1:8000"


def soup_of(response):
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld_blocks(soup):
    return [json.loads(script.string) for script in soup.head.find_all("script", type="application/ld+json")]


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.head.find_all("link", rel="alternate")}


def meta(soup, **attrs):
    tag = soup.head.find("meta", attrs=attrs)
    return tag["content"] if tag else None


@pytest.fixture
def stage_4_article(make_article):
    return make_article("Treating lung cancer", stage="Stage 4")


def test_article_is_complete_html_from_the_api_payload(client, stage_4_article):
    api = client.get(f"/api/v2/articles/{stage_4_article.pk}/").json()
    response = client.get(ARTICLE)
    assert response.status_code == 200
    soup = soup_of(response)

    assert (soup.html["lang"], soup.html["dir"]) == ("en", "ltr")
    assert soup.title.string == "Treating lung cancer · Medical articles"
    assert meta(soup, name="description") == api["seo"]["description"] == "How lung cancer is treated."
    assert soup.head.find("link", rel="canonical")["href"] == api["url"] == BASE + ARTICLE
    assert meta(soup, property="og:type") == "article"
    assert meta(soup, property="og:title") == "Treating lung cancer"
    assert meta(soup, property="og:url") == api["url"]
    assert meta(soup, property="article:published_time") == "2023-10-29"
    assert meta(soup, name="twitter:card") == "summary"
    # Structured data: the API's json_ld exactly, and the breadcrumb trail.
    main, crumbs = json_ld_blocks(soup)
    assert main == api["json_ld"]
    assert crumbs["@type"] == "BreadcrumbList"
    assert [item["item"] for item in crumbs["itemListElement"]] == [
        f"{BASE}/en/",
        f"{BASE}/en/treatments/",
        f"{BASE}{ARTICLE}",
    ]
    trail = soup.find("nav", class_="breadcrumbs")
    assert [a["href"] for a in trail.find_all("a")] == ["/en/", "/en/treatments/"]

    # The content itself: one h1, sections, treatment cards, references, review, disclaimer.
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Treating lung cancer"]
    assert soup.find(class_="lead").get_text() == "How lung cancer is treated."
    facts = {dt.get_text(): dt.find_next("dd").get_text() for dt in soup.find(class_="facts").find_all("dt")}
    assert facts["Condition"] == "Lung cancer"
    assert facts["Stage"] == "Stage 4"
    assert facts["Reading time"] == "1 min"
    cards = soup.find_all(class_="treatment-card")
    assert [card.h3.get_text() for card in cards] == ["Surgery", "Clinical trials"]
    # Its heading is the modality's name: readers do not see "Surgery" twice.
    assert cards[0].find(class_="modality-badge") is None and cards[0]["data-modality"] == "surgery"
    assert "removes" in cards[0].find(class_="rich-text").get_text()
    assert [li.get_text() for li in cards[0].find(class_="procedures").find_all("li")] == ["Lobectomy"]
    assert cards[0].find(class_="centre__place").get_text() == "Lyon, France"
    assert (
        cards[1].find(class_="centres--none").get_text()
        == "No partner centre is listed for this treatment yet."
    )
    assert soup.find(class_="treatment-options").h2.get_text() == "Treatment options"
    # Rich text links go to reader paths, which robots.txt lets crawlers follow.
    assert soup.find(class_="section").find("a")["href"] == "/en/treatments/"
    references = soup.find(class_="references")
    assert references.ol is not None  # numbered
    assert [li.get_text() for li in references.find_all("li")] == ["NICE NG122"]
    review = soup.find(class_="review")
    facts = {dt.get_text(): dt.find_next("dd").get_text() for dt in review.find_all("dt")}
    assert facts == {
        "Reviewed by": "Dr Rae Viewer, MD",
        "Page last reviewed": "1 January 2026",
        "Next review due": "1 January 2027",
    }
    assert review.find("time")["datetime"] == "2026-01-01"
    assert "Dr Rae Viewer, MD" in soup.find(class_="review-summary").get_text()
    assert "not medical advice" in soup.find(class_="disclaimer").get_text()


def test_arabic_translation_in_its_language_and_direction(client, stage_4_article):
    arabic = translate_tree(stage_4_article, "ar")
    translate_tree(stage_4_article, "es")
    path = f"/ar/{arabic.get_parent().slug}/{arabic.slug}/"
    api = client.get(f"/api/v2/articles/{arabic.pk}/").json()
    assert api["path"] == path
    soup = soup_of(client.get(path))

    assert (soup.html["lang"], soup.html["dir"]) == ("ar", "rtl")
    assert json_ld_blocks(soup)[0] == api["json_ld"]
    assert json_ld_blocks(soup)[0]["inLanguage"] == "ar"
    assert soup.find(class_="disclaimer").h2.get_text() == "إخلاء مسؤولية طبية"
    assert meta(soup, property="og:locale") == "ar"
    assert alternates(soup) == {
        "en": BASE + ARTICLE,
        "es": f"{BASE}/es/{arabic.get_parent().slug}/{arabic.slug}/".replace("/ar/", "/es/"),
        "ar": BASE + path,
        "x-default": BASE + ARTICLE,
    }
    # The language menu: each live translation, named in its own language, this one marked.
    menu = soup.find("nav", class_="language-nav")
    links = [(a["hreflang"], a.get_text(), a.get("aria-current")) for a in menu.find_all("a")]
    assert links == [("en", "English", None), ("es", "Español", None), ("ar", "العربيّة", "page")]
    # Nobody signed the translation off: the page says so instead of borrowing the English review.
    assert api["medical_review"]["reviewed_by"] is None
    assert soup.find(class_="review-summary--none").get_text() == "لم تتم المراجعة الطبية بعد"
    assert soup.find(class_="review").find("dl") is None


def test_overdue_review_is_shown(client, make_article):
    page = make_article("Old advice")
    # Its review falls due (the date moves on): the page warns, as the API's status says.
    ArticlePage.objects.filter(pk=page.pk).update(next_review_due=datetime.date(2020, 1, 1))
    snapshots_clear()
    content_generation_bump()
    soup = soup_of(client.get("/en/treatments/old-advice/"))
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["medical_review"]["status"] == "overdue"
    assert "overdue" in soup.find(class_="review__overdue").get_text()


def test_home_and_section_list_articles_with_summary_and_review_date(client, stage_4_article, make_article):
    make_article("Another English article")
    section = soup_of(client.get("/en/treatments/"))
    assert section.html["lang"] == "en"
    assert [h.get_text() for h in section.find_all("h1")] == ["Treatments"]
    teasers = section.find_all(class_="teaser")
    assert [t.h2.get_text() for t in teasers] == ["Another English article", "Treating lung cancer"]
    assert teasers[1].h2.a["href"] == ARTICLE
    assert teasers[1].find(class_="teaser__summary").get_text() == "How lung cancer is treated."
    assert "1 January 2026" in teasers[1].find(class_="teaser__facts").get_text()
    kinds = [block["@type"] for block in json_ld_blocks(section)]
    assert kinds == ["CollectionPage", "BreadcrumbList"]

    home = soup_of(client.get("/en/"))
    assert home.find("h1").get_text() == "Medical articles"
    assert home.find("section", class_="home-section").h2.a["href"] == "/en/treatments/"
    assert len(home.find_all(class_="teaser")) == 2
    assert json_ld_blocks(home)[0]["@type"] == "WebSite"
    # "/" is the source language's home, whose canonical address is /en/.
    root = soup_of(client.get("/"))
    assert root.head.find("link", rel="canonical")["href"] == f"{BASE}/en/"
    assert root.find("h1").get_text() == "Medical articles"


def test_spanish_home_is_in_spanish(client, stage_4_article):
    translate_tree(stage_4_article, "es")
    soup = soup_of(client.get("/es/"))
    assert (soup.html["lang"], soup.html["dir"]) == ("es", "ltr")
    assert soup.find("h1").get_text() == "Artículos médicos"
    assert set(alternates(soup)) == {"en", "es", "x-default"}


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/en/treatments/no-such-article/", "en"),
        ("/es/nothing/", "es"),
        ("/xx/treatments/", "en"),
        ("/nothing.txt", "en"),  # matches no URL at all: Django's 404 page is the reader's 404.html
    ],
)
def test_missing_pages_are_html_404s_in_their_language(client, stage_4_article, path, language):
    response = client.get(path)
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.html["lang"] == language
    assert meta(soup, name="robots") == "noindex"
    assert len(soup.find_all("h1")) == 1


def test_drafts_are_not_readable(client, make_article):
    make_article("Unpublished", publish=False)
    response = client.get("/en/treatments/unpublished/")
    assert response.status_code == 404
    assert b"Unpublished" not in response.content
    assert client.post("/en/treatments/").status_code == 405


def test_old_addresses_redirect(client, stage_4_article):
    response = client.get(f"/article.html?id={stage_4_article.pk}")
    assert (response.status_code, response["Location"]) == (301, ARTICLE)
    assert client.get("/article.html?path=/en/treatments/treating-lung-cancer/")["Location"] == ARTICLE
    assert client.get("/article.html?id=999999").status_code == 404
    response = client.get("/?locale=es")
    assert (response.status_code, response["Location"]) == (301, "/es/")


def test_no_inline_scripts_styles_or_handlers(client, stage_4_article):
    translate_tree(stage_4_article, "ar")
    for path in ("/", "/en/", "/en/treatments/", ARTICLE, "/en/missing/"):
        soup = soup_of(client.get(path))
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (path, script)
        assert not soup.find_all("style"), path
        for tag in soup.find_all(True):
            assert not [name for name in tag.attrs if name.startswith("on") or name == "style"], (path, tag)


def test_robots_txt_blocks_nothing_pages_need(client, stage_4_article):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    soup = soup_of(client.get(ARTICLE))
    needed = [tag.get("href") or tag.get("src") for tag in soup.find_all(["link", "script", "img", "a"])]
    needed = [url for url in needed if url and not url.startswith("#")]
    assert any("/static/" in url for url in needed)
    for url in needed:
        assert robots.can_fetch("Googlebot", url if url.startswith("http") else BASE + url), url
    assert not robots.can_fetch("Googlebot", f"{BASE}/admin/")


def test_rich_text_is_sanitized(client, make_article, article_signer):
    page = make_article("Hostile text", publish=False)
    page.body = [
        (
            "section",
            {
                "heading": "Injected",
                "body": '<p onclick="steal()">Hi<script>steal()</script>'
                '<a href="javascript:steal()">x</a><img src=x onerror=steal()></p>',
            },
        )
    ]
    page.save_revision()
    signoff_record(page, article_signer, today=SIGNED_ON).revision.publish()
    body = soup_of(client.get("/en/treatments/hostile-text/")).find(class_="section")
    assert body.get_text().split() == ["Injected", "Hix"]
    assert "steal" not in str(body)
    assert body.find("script") is None and body.find("img") is None


def test_cached_with_etag_and_304_and_few_queries(client, stage_4_article):
    first = client.get(ARTICLE)
    etag = first["ETag"]
    assert etag and "public" in first["Cache-Control"]
    assert first["Content-Language"] == "en"
    with CaptureQueriesContext(connection) as queries:
        again = client.get(ARTICLE)
        not_modified = client.get(ARTICLE, HTTP_IF_NONE_MATCH=etag)
        brotli = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br")
        brotli_304 = client.get(ARTICLE, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=brotli["ETag"])
    # A cache hit reads the content generation, nothing else.
    assert len(queries) == 4
    assert again.content == first.content
    assert not_modified.status_code == 304
    assert (brotli["Content-Encoding"], brotli["ETag"]) == ("br", etag[:-1] + '-br"')
    assert brotli_304.status_code == 304
    # Logged-in editors are never served from, or stored in, the public cache.
    client.cookies["sessionid"] = "x"
    private = client.get(ARTICLE)
    assert private["Cache-Control"] == "private, no-store"


def test_cold_pages_take_a_bounded_number_of_queries(client, stage_4_article, make_article, settings):
    def cold(path):
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    snapshots_build_missing()  # as publishing does (a task): later cold renders read the snapshots
    client.get(ARTICLE)
    client.get("/en/treatments/")
    client.get("/en/")
    article_queries, section_queries, home_queries = cold(ARTICLE), cold("/en/treatments/"), cold("/en/")
    for n in range(4):
        make_article(f"More {n}")
    snapshots_build_missing()
    assert cold("/en/treatments/") == section_queries
    assert cold("/en/") == home_queries
    # With an empty cache (Wagtail's site root paths included); the snapshot already stored.
    assert (article_queries, section_queries, home_queries) == (7, 12, 13)


def test_publishing_changes_the_page_at_once(client, stage_4_article):
    assert b"Treating lung cancer" in client.get(ARTICLE).content
    draft = stage_4_article.get_latest_revision_as_object()
    draft.summary = "A new summary, live at once."
    with signoff_waived("test: republish"):
        draft.save_revision().publish()
    assert b"A new summary, live at once." in client.get(ARTICLE).content
    assert b"A new summary, live at once." in client.get("/en/treatments/").content


def test_section_pages_by_cursor(client, article_index, make_article, settings):
    settings.READER_LISTING_PAGE_SIZE = 2
    titles = [f"Article {letter}" for letter in "ABCDE"]
    for title in reversed(titles):
        make_article(title)
    seen, path, pages = [], "/en/treatments/", 0
    while path:
        soup = soup_of(client.get(path))
        pages += 1
        seen += [t.h2.get_text() for t in soup.find_all(class_="teaser")]
        head_next = soup.head.find("link", rel="next")
        body_next = soup.find("a", rel="next")
        assert (head_next and head_next["href"]) == (body_next and body_next["href"])
        prev = soup.head.find("link", rel="prev")
        assert (prev is None) == (pages == 1)
        canonical = soup.head.find("link", rel="canonical")["href"]
        if pages == 1:
            assert canonical == f"{BASE}/en/treatments/"
        else:
            # A later page is its own page: canonical to itself, no hreflang (its translations differ).
            assert canonical == BASE + path
            assert not alternates(soup)
        path = body_next["href"] if body_next else None
    assert seen == titles
    assert pages == 3
    # Back from the last page: the articles before it, in order, and a link further back.
    back = soup_of(client.get(soup.find("a", rel="prev")["href"]))
    assert [t.h2.get_text() for t in back.find_all(class_="teaser")] == ["Article C", "Article D"]
    first = soup_of(client.get(back.find("a", rel="prev")["href"]))
    assert [t.h2.get_text() for t in first.find_all(class_="teaser")] == ["Article A", "Article B"]
    assert first.find("a", rel="prev") is None
    assert first.head.find("link", rel="canonical")["href"] == f"{BASE}/en/treatments/"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("after=not-a-cursor", 400),
        ("before=WzEsMl0", 400),
        ("after=x&before=y", 400),
        ("after=WyJaWloiLDk5OV0", 404),
    ],
)
def test_bad_cursors_are_clear_errors(client, stage_4_article, query, status):
    response = client.get(f"/en/treatments/?{query}")
    assert response.status_code == status
    assert soup_of(response).html["lang"] == "en"


def test_unknown_languages_and_locales_in_the_tree(client, stage_4_article):
    # A configured language whose tree does not exist yet: a 404 page, not an error.
    assert Locale.objects.filter(language_code="de").exists()
    assert client.get("/de/").status_code == 404


def test_site_config_for_other_frontends(client):
    response = client.get("/site-config.json")
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert [language["code"] for language in data["languages"]] == ["en", "es", "de", "ar"]
    arabic = data["languages"][3]
    assert (arabic["direction"], arabic["name_en"], arabic["name"]) == ("rtl", "Arabic", "العربيّة")
    assert data["languages"][1]["name"] == "Español"
    assert data["api"]["preview"] == "/api/v2/page_preview/"


def test_preview_errors_show_nothing_of_the_draft(client, make_article):
    from cms.delivery.preview.services import preview_create

    secret = make_article("Secret unpublished draft", publish=False)
    token = preview_create(secret).token
    for query, status in (
        ({"content_type": "articles.articlepage", "token": "forged"}, 403),
        ({"content_type": "articles.articlepage"}, 403),
        ({"content_type": "nonsense", "token": token}, 400),
        ({"content_type": "home.homepage", "token": token}, 404),
    ):
        response = client.get("/preview.html", query)
        assert response.status_code == status, query
        assert b"Secret unpublished draft" not in response.content
        assert response["Cache-Control"] == "no-store"
        assert soup_of(response).find(class_="preview-banner") is None
    response = client.get("/preview.html", {"content_type": "articles.articlepage", "token": token})
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text() == "Secret unpublished draft"
    assert soup.find(class_="preview-banner").get_text() == BANNER
    assert (response["X-Robots-Tag"], response["Referrer-Policy"]) == ("noindex, nofollow", "no-referrer")
    assert soup.head.find("link", rel="canonical") is None
    # Never stored: the same URL a second time renders the draft again, not a cached copy.
    assert "private" not in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_section_and_home_previews(client, article_index, home_page, make_article):
    from cms.delivery.preview.services import preview_create

    make_article("Listed article")
    draft = article_index.specific
    draft.title = "Renamed section (draft)"
    token = preview_create(draft).token
    soup = soup_of(client.get("/preview.html", {"content_type": "articles.articleindexpage", "token": token}))
    assert soup.find("h1").get_text() == "Renamed section (draft)"
    assert [t.h2.get_text() for t in soup.find_all(class_="teaser")] == ["Listed article"]
    token = preview_create(home_page.specific).token
    soup = soup_of(client.get("/preview.html", {"content_type": "home.homepage", "token": token}))
    assert soup.find(class_="preview-banner").get_text() == BANNER
    assert soup.find(class_="teaser").h3.get_text() == "Listed article"
