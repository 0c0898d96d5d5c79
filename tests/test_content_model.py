"""The content model: page tree rules, translatable snippets, the shipped vocabulary, admin forms."""

import pytest
from wagtail.models import Page, TranslatableMixin
from wagtail.test.utils import WagtailTestUtils  # noqa: F401  (imported for its side effects on forms)

from cms.articles.models import (
    ArticleIndexPage,
    ArticlePage,
    Condition,
    MedicalCenter,
    Person,
    TreatmentModality,
)
from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_is_the_root_of_the_default_site(home_page):
    site_root = Page.objects.get(sites_rooted_here__is_default_site=True).specific
    assert isinstance(site_root, HomePage)
    assert site_root.pk == home_page.pk


@pytest.mark.parametrize("model", [Condition, TreatmentModality, MedicalCenter, Person])
def test_snippets_are_translatable(model):
    assert issubclass(model, TranslatableMixin)


@pytest.mark.parametrize(
    "slug, synonym",
    [
        ("surgery", "resection"),
        ("radiation-therapy", "radiotherapy"),
        ("chemotherapy", "chemo"),
        ("targeted-therapy", "targeted drug therapy"),
        ("immunotherapy", "immune therapy"),
        ("hormone-therapy", "hormonal therapy"),
    ],
)
def test_vocabulary_ships_with_synonyms(modalities, slug, synonym):
    assert synonym in modalities[slug].names()


def test_editors_can_extend_synonyms(modalities):
    surgery = modalities["surgery"]
    surgery.synonyms += "\nkeyhole surgery"
    surgery.save()
    assert "keyhole surgery" in TreatmentModality.objects.get(pk=surgery.pk).names()


def test_page_type_rules(home_page):
    assert ArticleIndexPage in HomePage.allowed_subpage_models()
    assert ArticlePage in ArticleIndexPage.allowed_subpage_models()
    assert ArticlePage not in HomePage.allowed_subpage_models()
    assert ArticlePage.allowed_subpage_models() == []


def test_body_offers_the_four_block_types():
    block_names = set(ArticlePage._meta.get_field("body").stream_block.child_blocks)
    assert block_names == {"section", "treatment", "callout", "references"}


def test_treatment_block_value_keeps_modality_and_centres(make_article, modalities, center):
    page = make_article()
    treatments = page.treatment_blocks()
    assert [t.value["modality"] for t in treatments] == [modalities["surgery"], None]
    assert list(treatments[0].value["centers"]) == [center]


def test_admin_edit_screen_has_labels_and_help_text(client, superuser, make_article):
    page = make_article()
    client.force_login(superuser)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Originally published",
        "When this article was first published",
        "Medical review",
        "Treatment option",
        "next review due",
    ]:
        assert text.lower() in html.lower(), text


def test_admin_snippet_screens_render(client, superuser, modalities):
    client.force_login(superuser)
    response = client.get(f"/admin/snippets/articles/treatmentmodality/edit/{modalities['surgery'].pk}/")
    assert response.status_code == 200
    assert "one per line" in response.content.decode()
