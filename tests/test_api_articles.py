"""The v2 read API as a frontend sees it: article fields, rendered rich text, no drafts."""

import pytest

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=articles.ArticlePage&fields=*"


def test_article_detail_shape(client, make_article, modalities, center, condition, reviewer, article_index):
    page = make_article()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["meta"]["type"] == "articles.ArticlePage"
    assert data["original_published_at"] == "2023-10-29"
    assert data["condition"] == {
        "id": condition.pk,
        "slug": "lung-cancer",
        "name": "Lung cancer",
        "icd10_code": "C34",
    }
    assert data["medical_reviewer"]["credentials"] == "MD"
    assert data["next_review_due"] == "2027-01-01"
    section, treatment, unmatched, references = data["body"]
    # Rich text is display HTML with internal links resolved, never Wagtail's internal format.
    assert 'linktype="page"' not in section["value"]["body"]
    assert f'href="{article_index.url}"' in section["value"]["body"]
    assert treatment["type"] == "treatment"
    value = treatment["value"]
    assert value["modality"] == {"slug": "surgery", "name": "Surgery", "schema_type": "SurgicalProcedure"}
    assert value["heading"] == "Surgery"
    assert value["body"] == "<p>Surgery <b>removes</b> the tumour.</p>"
    assert value["procedures"] == ["Lobectomy"]
    assert [c["slug"] for c in value["centers"]] == [center.slug]
    assert value["centers"][0]["city"] == "Lyon"
    assert unmatched["value"]["modality"] is None
    assert references["value"]["items"][0]["citation"] == "NICE NG122"


def test_listing_with_all_fields(client, make_article):
    make_article("One")
    make_article("Two")
    data = client.get(LIST).json()
    assert data["meta"]["total_count"] == 2
    assert {item["title"] for item in data["items"]} == {"One", "Two"}
    assert all(item["body"][1]["value"]["modality"]["slug"] == "surgery" for item in data["items"])


def test_drafts_are_never_served(client, make_article):
    draft = make_article("Unpublished draft", publish=False)
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(LIST).json()["meta"]["total_count"] == 0


def test_unpublished_changes_are_not_served(client, make_article):
    page = make_article("Live title")
    draft = page.get_latest_revision_as_object()
    draft.title = "Secret draft title"
    draft.summary = "Secret draft summary"
    draft.save_revision()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["title"] == "Live title"
    assert "Secret" not in str(data)


def test_unpublished_page_disappears(client, make_article):
    page = make_article()
    page.unpublish()
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
