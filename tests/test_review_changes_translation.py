"""A translation's re-review shows its source's changes since the translation was last signed off."""

import re

from django.test import Client
from django.urls import reverse

from tests.localization_support import source_with_dose

DENIED = "do not have permission"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def get_ok(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    assert DENIED not in response.content.decode(), (url, response.redirect_chain)
    return response


def test_a_translation_shows_its_source_changes_since_its_signoff(
    live_spanish, article, clinician, language_reviewers
):
    source_with_dose(article, summary="Take 50 mg daily.")
    for user in (clinician, language_reviewers["es"]):
        client = client_for(user)
        html = get_ok(client, reverse("editorial_review_changes", args=[live_spanish.pk])).content.decode()
        source = html[html.index('data-review-changes-section="source"') :]
        added = re.findall(r'class="[^"]*addition[^"]*">(.*?)</(?:span|div)>', source, re.S)
        assert any("50 mg" in text for text in added), added
        # The translation's own draft (synced from the source) against its signed-off text.
        page_part = html[html.index('data-review-changes-section="page"') : html.index("source")]
        assert re.search(
            r'class="deletion">\[es\][^<]*</span><span class="addition">Take 50 mg daily\.', page_part
        )
        # They read the English source's history too, though it is outside their language.
        get_ok(client, reverse("wagtailadmin_pages:history", args=[article.pk]))


ADMIN_LINK = re.compile(r'href="(/admin/[^"#]*)"')
# Links that change something: not walked.
SKIP = re.compile(r"/logout/|/unpublish/|/delete/|/lock/|/unlock/|/copy/|/move/|/workflow/action/")


def walk(client, start_urls, limit=80):
    """GET every admin link on the start pages (one level down); fail on any permission error."""
    seen = set()
    for start in start_urls:
        html = get_ok(client, start).content.decode()
        for url in ADMIN_LINK.findall(html):
            url = url.replace("&amp;", "&")
            if url in seen or SKIP.search(url) or len(seen) >= limit:
                continue
            seen.add(url)
            try:
                get_ok(client, url)
            except AssertionError as error:
                raise AssertionError(f"{url} (linked from {start}) is a dead end") from error
    return seen


def test_every_link_offered_to_the_language_roles_works(
    live_spanish, article, translators, language_reviewers
):
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[live_spanish.pk]),
        reverse("wagtailadmin_pages:history", args=[live_spanish.pk]),
        reverse("editorial_review_changes", args=[live_spanish.pk]),
    ]
    for user in (translators["es"], language_reviewers["es"]):
        assert walk(client_for(user), screens)
