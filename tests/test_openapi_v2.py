"""/api/v2/openapi.json: a valid OpenAPI 3.1 document that types every field and block exactly."""

import json

import pytest
from django.http import HttpResponse
from openapi_spec_validator import validate

from cms.articles.blocks import ArticleBodyBlock
from cms.delivery.api import contract
from cms.delivery.api.pages import ArticlesAPIViewSet
from cms.delivery.api.snippets import CentersAPIViewSet, ConditionsAPIViewSet, ModalitiesAPIViewSet
from tests import openapi_contract

pytestmark = pytest.mark.django_db


def test_document_is_valid_openapi_31_and_served(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    for path in (
        "/api/v2/articles/",
        "/api/v2/articles/{id}/",
        "/api/v2/articles/by-path/",
        "/api/v2/pages/",
        "/api/v2/pages/by-path/",
        "/api/v2/conditions/",
        "/api/v2/changes/",
    ):
        assert path in spec["paths"], path
    body = spec["components"]["schemas"]["ArticlePage"]["properties"]["body"]["items"]
    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == {"section", "treatment", "callout", "references"}
    for name in ("MedicalReview", "Translation", "JsonLd", "Problem", "ChangeFeed", "ResponsiveImage"):
        assert spec["components"]["schemas"][name]["additionalProperties"] is False, name


def test_every_block_of_the_body_has_a_schema():
    assert set(contract.BLOCK_SCHEMAS) == set(ArticleBodyBlock().child_blocks)


@pytest.mark.parametrize(
    ("endpoint_class", "model_name"),
    [
        (ArticlesAPIViewSet, "ArticlePage"),
        (ConditionsAPIViewSet, "Condition"),
        (ModalitiesAPIViewSet, "TreatmentModality"),
        (CentersAPIViewSet, "MedicalCenter"),
    ],
)
def test_every_field_an_endpoint_serves_is_in_its_schema(endpoint_class, model_name):
    schema = openapi_contract.document()["components"]["schemas"][model_name]
    fields = set(endpoint_class.get_available_fields(endpoint_class.model))
    meta = set(endpoint_class.get_meta_fields_names(endpoint_class.model))
    meta_name = schema["properties"]["meta"]["$ref"].rsplit("/", 1)[1]
    meta_schema = openapi_contract.document()["components"]["schemas"][meta_name]
    assert fields - meta <= set(schema["properties"]), fields - meta - set(schema["properties"])
    assert meta <= set(meta_schema["properties"]) | {"detail_url"}


def _response(payload, status=200, content_type="application/json"):
    return HttpResponse(json.dumps(payload), status=status, content_type=content_type)


def test_the_contract_check_catches_drift(client, make_article):
    page = make_article()
    data = client.get(f"/api/v2/articles/{page.pk}/").json()
    openapi_contract.check_response("GET", f"/api/v2/articles/{page.pk}/", _response(data))
    drifted = [
        {**data, "surprise": 1},  # an undocumented field
        {**data, "reading_time_minutes": "5"},  # a wrong type
        {**data, "body": [{"type": "video", "value": {}, "id": "x"}]},  # an unknown block
        {**data, "medical_review": {**data["medical_review"], "status": "whenever"}},
        {key: value for key, value in data.items() if key != "seo"},  # a missing field
    ]
    for payload in drifted:
        with pytest.raises(openapi_contract.ContractError):
            openapi_contract.check_response("GET", f"/api/v2/articles/{page.pk}/", _response(payload))
    with pytest.raises(openapi_contract.ContractError):
        openapi_contract.check_response("GET", "/api/v2/undocumented/", _response({}))
    with pytest.raises(openapi_contract.ContractError):
        openapi_contract.check_response("GET", "/api/v2/articles/", _response({"message": "x"}, 400))


def test_responses_are_checked_as_the_suite_runs(client, make_article):
    before = len(openapi_contract.CHECKED)
    page = make_article()
    client.get("/api/v2/articles/?fields=*")
    client.get(f"/api/v2/pages/{page.pk}/?fields=title")
    client.get("/api/v2/articles/?locale=xx")
    assert openapi_contract.CHECKED[before:] == [
        ("GET", "/api/v2/articles/", 200),
        ("GET", "/api/v2/pages/{id}/", 200),
        ("GET", "/api/v2/articles/", 400),
    ]


def test_docs_page_uses_local_assets(client):
    response = client.get("/api/v2/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v2/openapi.json" in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
    v3 = client.get("/api/v3/docs/").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in v3 and "cdn" not in v3.lower()
