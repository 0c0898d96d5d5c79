"""The demo loader repairs a seed imported when the importer still repeated the summary as an Overview."""

import pytest
from django.test import Client

from cms.articles.models import ArticlePage
from cms.demo.services import demo_load
from cms.editorial.signoff import signoff_waived


@pytest.mark.django_db
def test_demo_load_drops_the_overview_that_repeats_the_summary(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    article = demo_load(password="demo-pass").article
    assert article.body[0].value["heading"] != "Overview"
    # The seed as the importer used to write it: the summary again, as the first section.
    old = article.get_latest_revision_as_object()
    old.body = [
        {"type": "section", "value": {"heading": "Overview", "body": f"<p>{article.summary}</p>"}},
        *old.body.raw_data,
    ]
    with signoff_waived("test: the seed as an older importer left it"):
        old.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).body[0].value["heading"] == "Overview"

    repaired = demo_load(password="demo-pass").article

    assert repaired.live and not repaired.has_unpublished_changes
    body = Client().get(f"/api/v2/pages/{repaired.pk}/").json()["body"]
    assert [block["value"]["heading"] for block in body][:1] == ["Understanding Stage 4 Lung Cancer"]
    assert article.summary not in str(body)
