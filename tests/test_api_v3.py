"""The v3 API: OpenAPI that validates, the locales router, bearer tokens, and the admin's rules on writes."""

import json

import pytest
from django.contrib.auth import get_user_model
from openapi_spec_validator import validate
from wagtail.models import APIToken

from cms.editorial import roles
from cms.editorial.signoff import signoff_waived

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, plaintext = APIToken.create_token(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def api_publisher(db):
    groups = roles.ensure_roles()
    user = get_user_model().objects.create_user("paula", "paula@example.org", "pw")
    user.groups.add(groups[roles.PUBLISHERS])
    return user


@pytest.fixture
def api_editor(db):
    groups = roles.ensure_roles()
    user = get_user_model().objects.create_user("erin", "erin@example.org", "pw")
    user.groups.add(groups[roles.EDITORS])
    return user


def test_openapi_document_validates_and_lists_locales(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert "/api/v3/locales/" in spec["paths"]
    assert "/api/v3/pages/{page_id}/actions/publish/" in spec["paths"]


def test_locales_router_needs_a_token(client, superuser):
    assert client.get("/api/v3/locales/").status_code == 401
    response = client.get("/api/v3/locales/", **bearer(superuser))
    assert response.status_code == 200
    codes = {item["language_code"] for item in response.json()["items"]}
    assert {"en", "es", "ar"} <= codes
    arabic = next(item for item in response.json()["items"] if item["language_code"] == "ar")
    assert arabic["is_bidi"] is True


def test_anonymous_v3_reads_never_see_drafts(client, make_article):
    draft = make_article("Draft", publish=False)
    assert client.get(f"/api/v3/pages/{draft.pk}/").status_code == 404


def invalid_draft(page):
    """A draft whose treatment lost its heading and its modality (the admin form would refuse it)."""
    draft = page.get_latest_revision_as_object()
    raw = draft.body.raw_data
    raw[1]["value"]["heading"] = ""
    raw[1]["value"]["modality"] = None
    draft.body = raw
    draft.save_revision()
    return draft


def test_publishing_an_invalid_draft_is_refused_with_422(client, make_article, api_publisher):
    page = make_article("Live title")
    invalid_draft(page)
    with signoff_waived("v3 validation test"):
        response = client.post(f"/api/v3/pages/{page.pk}/actions/publish/", **bearer(api_publisher))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    message = "Give a heading, or choose a treatment modality to use its name."
    assert {"type": "invalid", "loc": ["body", 1, "heading"], "msg": message} in errors
    page.refresh_from_db()
    assert page.body[1].value["heading"] == "Surgery"  # the live page is untouched


def test_patch_with_publish_validates_the_draft_too(client, make_article, api_publisher):
    page = make_article()
    invalid_draft(page)
    with signoff_waived("v3 validation test"):
        response = client.patch(
            f"/api/v3/pages/{page.pk}/",
            data=json.dumps({"meta": {"action": "publish"}, "title": "Renamed"}),
            content_type="application/json",
            **bearer(api_publisher),
        )
    assert response.status_code == 422, response.content
    page.refresh_from_db()
    assert page.title == "Treating lung cancer"


def test_valid_draft_publishes(client, make_article, api_publisher):
    page = make_article("Old")
    draft = page.get_latest_revision_as_object()
    draft.title = "New"
    draft.save_revision()
    with signoff_waived("v3 publish test"):
        response = client.post(f"/api/v3/pages/{page.pk}/actions/publish/", **bearer(api_publisher))
    assert response.status_code == 200, response.content
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["title"] == "New"


def test_publish_without_sign_off_is_a_json_4xx(client, make_article, api_publisher):
    page = make_article("Old")
    draft = page.get_latest_revision_as_object()
    draft.title = "Not signed off"
    draft.save_revision()
    response = client.post(f"/api/v3/pages/{page.pk}/actions/publish/", **bearer(api_publisher))
    assert 400 <= response.status_code < 500
    assert response["Content-Type"] == "application/problem+json"
    assert "sign-off" in response.json()["detail"]
    assert client.get(f"/api/v2/articles/{page.pk}/").json()["title"] == "Old"


def test_publish_needs_publish_permission(client, make_article, api_editor):
    page = make_article()
    invalid_draft(page)
    response = client.post(f"/api/v3/pages/{page.pk}/actions/publish/", **bearer(api_editor))
    # Without the permission the answer is 403, not a validation report.
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_writes_need_a_token(client, make_article):
    page = make_article()
    assert client.post(f"/api/v3/pages/{page.pk}/actions/publish/").status_code == 401
