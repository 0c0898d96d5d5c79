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
