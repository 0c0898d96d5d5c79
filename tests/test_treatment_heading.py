"""A treatment's heading defaults to its modality's name, and readers never see that word twice."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.articles.models import ArticlePage
from cms.editorial.signoff import signoff_waived
from tests.editorial_support import article_form_data, client_for

pytestmark = pytest.mark.django_db


def save_treatment(client, page, modality, heading):
    """Post the admin edit form with one treatment whose heading is `heading`."""
    treatment = {
        "modality": modality.pk if modality else "",
        "heading": heading,
        "body": rich_text("<p>Text.</p>"),
        "procedures": streamfield([]),
        "centers": streamfield([]),
    }
    data = {key: value for key, value in article_form_data(page).items() if not key.startswith("body-")}
    data.update(nested_form_data({"body": streamfield([("treatment", treatment)])}))
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_empty_heading_is_saved_as_the_modality_name(one_section_article, users, modalities):
    response = save_treatment(client_for(users["editor"]), one_section_article, modalities["surgery"], "")

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    draft = ArticlePage.objects.get(pk=one_section_article.pk).get_latest_revision_as_object()
    assert [(block.value["modality"].slug, block.value["heading"]) for block in draft.body] == [
        ("surgery", "Surgery")
    ]


def test_no_heading_and_no_modality_is_refused_with_a_message(one_section_article, users):
    before = ArticlePage.objects.get(pk=one_section_article.pk).latest_revision_id

    response = save_treatment(client_for(users["editor"]), one_section_article, None, "")

    assert response.status_code == 200
    assert "Give a heading, or choose a treatment modality to use its name." in response.content.decode()
    assert ArticlePage.objects.get(pk=one_section_article.pk).latest_revision_id == before


def test_reader_shows_the_modality_badge_only_when_it_adds_something(make_article, client, modalities):
    page = make_article("Keyhole operations")
    draft = page.get_latest_revision_as_object()
    body = draft.body.raw_data
    body[1]["value"]["heading"] = "Keyhole surgery"
    draft.body = body
    with signoff_waived("test: a treatment heading that differs from its modality"):
        draft.save_revision().publish()

    html = client.get(f"/en/treatments/{page.slug}/").content.decode()

    assert '<p class="modality-badge">Surgery</p>' in html and "Keyhole surgery" in html
