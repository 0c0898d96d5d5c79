"""The Content-Security-Policy header of each part of the site (the browser test shows it blocks
nothing they need: tests/test_csp_browser.py)."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_reader_site_allows_no_inline_script_or_style(client, make_article):
    for path in ("/", "/robots.txt", "/en/nowhere/"):
        policy = directives(client.get(path))
        assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]


def test_api_answers_load_nothing_and_are_never_framed(client, make_article):
    for path in ("/api/v2/pages/", "/api/v3/pages/", "/api/v2/nowhere/", "/api/v2/openapi.json"):
        response = client.get(path)
        policy = directives(response)
        assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], path


def test_api_docs_run_swagger_from_this_site_only(client):
    for path in ("/api/v2/docs/", "/api/v3/docs/"):
        response = client.get(path)
        assert response.status_code == 200
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        html = response.content.decode()
        assert "cdn" not in html.lower() and "https://" not in html, path


def test_admin_allows_its_inline_scripts_only_there(admin_client):
    policy = directives(admin_client.get("/admin/"))
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
