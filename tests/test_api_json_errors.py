"""Under /api/ every error is a problem document, whatever layer answers it; bearer tokens that
authenticate no one are a 401; conditional dates in the future are ignored."""

import datetime

import pytest
from django.test import Client, override_settings
from django.utils.http import http_date
from wagtail.models import APIToken

from cms.delivery.api.pages import DeliveryPagesAPIViewSet

pytestmark = pytest.mark.django_db


def assert_problem(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    body = response.json()
    assert body["status"] == status and body["detail"], body
    assert b"<html" not in response.content.lower() and b"Traceback" not in response.content
    return body


def test_csrf_failure_under_api_is_a_problem_document(make_article, superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    body = assert_problem(client.post("/api/v2/page_preview/", {"token": "x"}), 403)
    assert "CSRF" in body["detail"]
    # The admin keeps Django's page.
    response = client.post("/admin/pages/add/", {})
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/pages/", "/api/v2/openapi.json", "/api/nowhere/"])
def test_disallowed_host_under_api_is_a_problem_document(client, url):
    body = assert_problem(client.get(url, HTTP_HOST="evil.example"), 400)
    assert "Host" in body["detail"]


@override_settings(DEBUG=True)
def test_disallowed_host_with_debug_is_still_json(client):
    assert_problem(client.get("/api/v2/pages/", HTTP_HOST="evil.example"), 400)


def test_not_found_and_method_not_allowed_are_problem_documents(client):
    assert_problem(client.get("/api/v2/pages/nope/nope/"), 404)
    assert_problem(client.get("/api/v9/"), 404)
    response = client.post("/api/v2/changes/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith(("application/json", "application/problem+json"))
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("debug", [False, True])
def test_server_error_under_api_is_a_problem_never_the_technical_page(monkeypatch, make_article, debug):
    make_article()

    def broken(self, request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(DeliveryPagesAPIViewSet, "listing_view", broken)
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug):
        response = client.get("/api/v2/pages/")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert body["detail"].startswith("internal server error")


@pytest.mark.parametrize(
    "authorization",
    ["Bearer garbage", "Bearer wagtail_" + "A" * 40, "Basic dXNlcjpwYXNz", "Bearer", "Bearer  "],
)
def test_bad_bearer_token_on_v3_is_401_with_a_challenge(client, make_article, authorization):
    make_article()
    response = client.get("/api/v3/pages/", HTTP_AUTHORIZATION=authorization)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "invalid_token" in response["WWW-Authenticate"]


def test_revoked_or_inactive_tokens_are_401_and_a_valid_one_reads(client, make_article, superuser):
    make_article()
    token, plaintext = APIToken.create_token(user=superuser, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    assert client.get("/api/v3/pages/", **headers).status_code == 200
    token.revoke()
    assert_problem(client.get("/api/v3/pages/", **headers), 401)
    _other, second = APIToken.create_token(user=superuser, name="u")
    superuser.is_active = False
    superuser.save()
    assert_problem(client.get("/api/v3/pages/", HTTP_AUTHORIZATION=f"Bearer {second}"), 401)


def test_v3_401_without_a_token_carries_the_challenge(client):
    response = client.get("/api/v3/snippets/articles.Person/1/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_snippet_key_that_no_row_can_have_is_404(client, superuser):
    _token, plaintext = APIToken.create_token(user=superuser, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    for key in ("x", "9" * 30, "-1", "%F0%9F%98%80"):
        response = client.get(f"/api/v3/snippets/articles.Person/{key}/", **headers)
        assert response.status_code == 404, (key, response.content[:200])
        response = client.post(f"/api/v3/snippets/articles.Condition/{key}/actions/publish/", **headers)
        assert response.status_code == 404, (key, response.content[:200])


def test_if_modified_since_in_the_future_is_ignored(client, make_article):
    page = make_article()
    url = f"/api/v2/articles/{page.pk}/"
    first = client.get(url)
    assert first.status_code == 200
    future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=365)
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(future.timestamp()))
    assert response.status_code == 200 and response.json()["id"] == page.pk
    # A date at or after Last-Modified and not in the future still gets its 304.
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("url", ["/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/"])
def test_api_never_answers_html_whatever_the_accept_header(client, url):
    """No browsable HTML page: a caller that takes only HTML gets a problem 406."""
    assert_problem(client.get(url, HTTP_ACCEPT="text/html"), 406)
    assert client.get(url, HTTP_ACCEPT="text/html, application/json;q=0.5").status_code == 200


def test_drf_errors_are_problem_documents(client):
    response = client.post("/api/v2/pages/")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("body", ["-14284", "[]", '"text"', "null"])
def test_v3_write_body_that_is_no_json_object_is_422(client, make_article, superuser, body):
    article = make_article()
    _token, plaintext = APIToken.create_token(user=superuser, name="t")
    response = client.patch(
        f"/api/v3/pages/{article.pk}/",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")


def test_v3_keys_no_row_can_have_are_client_errors(client, make_article, superuser):
    article = make_article()
    _token, plaintext = APIToken.create_token(user=superuser, name="t")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}
    response = client.patch("/api/v3/pages/null/", {"title": "x"}, content_type="application/json", **headers)
    assert_problem(response, 404)
    for url in (
        "/api/v3/snippets/articles.Condition/?translation_of=italic",
        "/api/v3/pages/?translation_of=x",
    ):
        assert_problem(client.get(url, **headers), 400)
    # A real id still works.
    assert client.get(f"/api/v3/pages/?translation_of={article.pk}", **headers).status_code == 200


@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_v3_copy_or_alias_of_the_tree_root_is_422(client, superuser, action):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    _token, plaintext = APIToken.create_token(user=superuser, name="t")
    response = client.post(
        f"/api/v3/pages/{root.pk}/actions/{action}/", {}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plaintext}",
    )  # fmt: skip
    assert response.status_code == 422, response.content[:200]
    assert Page.objects.filter(depth=1).count() == 1


@pytest.mark.parametrize("endpoint", ["pages", "articles"])
def test_search_on_a_detail_is_ignored(client, make_article, endpoint):
    article = make_article()
    response = client.get(f"/api/v2/{endpoint}/{article.pk}/", {"search": "lung", "search_operator": "or"})
    assert response.status_code == 200 and response.json()["id"] == article.pk
