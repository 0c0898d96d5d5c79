"""The demo: the seed article in Spanish, German and Arabic, live only through the review flow."""

import pytest
from django.test import Client
from wagtail.models import PageLogEntry

from cms.articles.models import ArticlePage
from cms.demo.services import demo_load
from cms.editorial.models import ClinicalSignOff
from cms.localization.services import translations_summary


@pytest.mark.django_db
def test_demo_translates_the_seed_article_through_review_and_is_idempotent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = demo_load(password="demo-pass")
    assert not [line for line in result.created if "missing" in line], result.created
    article = result.article
    entries = {e["locale"]: e for e in translations_summary(article)}
    assert {code: e["status"] for code, e in entries.items()} == {
        "en": "source",
        "es": "up_to_date",
        "de": "up_to_date",
        "ar": "up_to_date",
    }
    titles = {}
    for code in ("es", "de", "ar"):
        page = ArticlePage.objects.get(pk=entries[code]["id"])
        assert page.live
        # Live through the language's review workflow and a medical sign-off of that revision.
        assert ClinicalSignOff.objects.filter(page=page, revision=page.live_revision).exists()
        assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 2
        titles[code] = Client().get(f"/api/v2/pages/{page.pk}/").json()["title"]
    assert titles == {
        "es": "Tratamiento del cáncer de pulmón en estadio 4",
        "de": "Behandlung von Lungenkrebs im Stadium 4",
        "ar": "علاج سرطان الرئة في المرحلة الرابعة (4)",
    }
    assert {"translator-es", "language-reviewer-ar"} <= {username for username, _role in result.users}

    again = demo_load(password="demo-pass")
    assert again.created == []
