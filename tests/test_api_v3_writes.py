"""v3 writes: every field an editor can change is writable with the admin's validation; unknown and
read-only fields are refused by name; stale writes are refused with 412 (If-Match)."""

import json

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.articles.models import ArticlePage, Person
from tests.editorial_support import latest_article

pytestmark = pytest.mark.django_db


def patch(client, page, body, headers, **extra):
    return client.patch(
        f"/api/v3/pages/{page.pk}/",
        data=json.dumps({"meta": {"type": "articles.ArticlePage"}, **body}),
        content_type="application/json",
        headers={**headers, **extra},
    )


def test_every_editor_field_is_writable(
    client, one_section_article, bearer, condition, reviewer, locale_en, modalities
):
    image = Image.objects.create(title="Hero", file=get_test_image_file())
    author = Person.objects.create(name="Ann Author", slug="ann-author", locale=locale_en)
    body = {
        "summary": "A new summary.",
        "stage": "Stage 4",
        "original_published_at": "2024-02-03",
        # Relations by id, named as v3's OpenAPI document names them.
        "condition_id": condition.pk,
        "hero_image_id": image.pk,
        "authors": [{"person_id": author.pk}],
        "body": [
            {"type": "section", "value": {"heading": "Overview", "body": "<p>Take 50 mg daily.</p>"}},
            {
                "type": "treatment",
                "value": {
                    "modality": modalities["surgery"].pk,
                    "heading": "Surgery",
                    "body": "<p>Surgery removes the tumour.</p>",
                    "procedures": ["Lobectomy"],
                    "centers": [],
                },
            },
            {
                "type": "references",
                "value": {"heading": "References", "items": [{"citation": "NICE NG122", "url": ""}]},
            },
        ],
    }
    response = patch(client, one_section_article, body, bearer("editor"))
    assert response.status_code == 200, response.content
    draft = latest_article(one_section_article).get_latest_revision_as_object()
    assert draft.summary == "A new summary."
    assert draft.stage == "Stage 4"
    assert draft.original_published_at.isoformat() == "2024-02-03"
    assert draft.condition_id == condition.pk
    assert draft.hero_image_id == image.pk
    assert [a.person_id for a in draft.authors.all()] == [author.pk]
    assert [block.block_type for block in draft.body] == ["section", "treatment", "references"]
    assert "50 mg" in draft.body[0].value["body"].source
    assert draft.body[1].value["modality"] == modalities["surgery"]
    # A draft: what patients read is unchanged until the workflow publishes a signed revision.
    assert latest_article(one_section_article).summary == "What to expect."


@pytest.mark.parametrize(
    "block",
    [
        {"type": "quiz", "value": {}},
        {
            "type": "references",
            "value": {"heading": "Refs", "items": [{"citation": "A", "url": "not a url"}]},
        },
    ],
)
def test_writes_get_the_admin_validation(client, one_section_article, bearer, block):
    before = latest_article(one_section_article).latest_revision_id
    response = patch(client, one_section_article, {"body": [block]}, bearer("editor"))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert latest_article(one_section_article).latest_revision_id == before


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("last_reviewed", "2030-01-01", "read_only"),
        ("next_review_due", "2031-01-01", "read_only"),
        ("medical_reviewer", 1, "read_only"),
        ("medical_reviewer_name", "Dr Fake", "read_only"),
        ("sumary", "typo", "unknown_field"),
        # The model's name for a relation is not what v3 reads (condition_id): refused, not dropped.
        ("condition", 1, "unknown_field"),
    ],
)
def test_unknown_and_read_only_fields_are_refused_by_name(
    client, one_section_article, bearer, field, value, kind
):
    before = latest_article(one_section_article).latest_revision_id
    response = patch(client, one_section_article, {"summary": "Changed", field: value}, bearer("publisher"))
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert any(e["loc"] == ["body", field] and e["type"] == kind for e in errors), errors
    assert field in json.dumps(errors)
    # Nothing was written, not even the valid part of the body.
    assert latest_article(one_section_article).latest_revision_id == before


def test_unknown_meta_keys_are_refused(client, one_section_article, bearer):
    response = client.patch(
        f"/api/v3/pages/{one_section_article.pk}/",
        data=json.dumps({"meta": {"type": "articles.ArticlePage", "go_live": "now"}, "summary": "x"}),
        content_type="application/json",
        headers=bearer("publisher"),
    )
    assert response.status_code == 422
    assert any(e["loc"] == ["body", "meta", "go_live"] for e in response.json()["errors"])


def test_create_refuses_review_fields(client, one_section_article, article_index, bearer):
    response = client.post(
        "/api/v3/pages/",
        data=json.dumps(
            {
                "meta": {"type": "articles.ArticlePage", "parent_id": article_index.pk},
                "title": "Looks reviewed",
                "next_review_due": "2030-01-01",
            }
        ),
        content_type="application/json",
        headers=bearer("editor"),
    )
    assert response.status_code == 422, response.content
    assert not ArticlePage.objects.filter(title="Looks reviewed").exists()


def test_detail_carries_the_revision_etag_and_stale_writes_get_412(
    client, one_section_article, bearer, users
):
    editor = bearer("editor")
    response = client.get(f"/api/v3/pages/{one_section_article.pk}/?version=draft", headers=editor)
    etag = response["ETag"]
    assert etag == f'"revision-{latest_article(one_section_article).latest_revision_id}"'
    # Someone else saves in between.
    first = patch(
        client, one_section_article, {"summary": "First writer"}, bearer("publisher"), **{"If-Match": etag}
    )
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag
    # The second writer still holds the old ETag: refused, nothing lost.
    second = patch(client, one_section_article, {"summary": "Second writer"}, editor, **{"If-Match": etag})
    assert second.status_code == 412
    assert second["Content-Type"] == "application/problem+json"
    assert "Publisher Tester" in second.json()["detail"]
    assert second["ETag"] == first["ETag"]
    assert latest_article(one_section_article).get_latest_revision_as_object().summary == "First writer"
    # With the current ETag the write goes through.
    third = patch(
        client, one_section_article, {"summary": "Second writer"}, editor, **{"If-Match": first["ETag"]}
    )
    assert third.status_code == 200
    assert latest_article(one_section_article).get_latest_revision_as_object().summary == "Second writer"


def test_if_match_on_actions(client, one_section_article, bearer):
    stale = f'"revision-{latest_article(one_section_article).latest_revision_id}"'
    patch(client, one_section_article, {"summary": "Changed"}, bearer("editor"))
    response = client.post(
        f"/api/v3/pages/{one_section_article.pk}/actions/publish/",
        headers={**bearer("publisher"), "If-Match": stale},
    )
    assert response.status_code == 412
