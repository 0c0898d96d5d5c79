"""A database outage (cms/delivery/outage.py): 503s with Retry-After, never a 500 page; anonymous
API answers already cached keep being served, marked stale; the next request after it works.

The outage is every query failing as an unreachable server fails them (OperationalError).
"""

import json
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client
from wagtail.models import APIToken

from cms.delivery.cache import stale
from cms.editorial.signoff import signoff_record

pytestmark = pytest.mark.django_db


@contextmanager
def database_down():
    attempts = []

    def unreachable(execute, sql, params, many, context):
        attempts.append(sql)
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with connection.execute_wrapper(unreachable):
        yield attempts


@pytest.fixture
def committed_article(make_article, django_capture_on_commit_callbacks):
    """`make_article`, with the publish's on-commit work done (the test's transaction never commits):
    among it, recording the new content generation that kept answers are checked against."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(**fields)

    return make


@pytest.fixture
def caller():
    # A real client's view: the error response, not the exception re-raised into the test.
    return Client(raise_request_exception=False)


def assert_problem_503(response):
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == 503 and body["title"] == "Service Unavailable"


def test_api_paths_answer_503_problem_json(caller, committed_article, admin_user):
    page = committed_article()
    _token, plaintext = APIToken.create_token(user=admin_user, name="outage")
    with database_down() as attempts:
        assert_problem_503(caller.get("/api/v2/articles/?fields=*"))
        assert_problem_503(caller.get(f"/api/v3/pages/{page.pk}/"))
        assert_problem_503(
            caller.patch(
                f"/api/v3/pages/{page.pk}/",
                data=json.dumps({"meta": {"type": "articles.ArticlePage"}, "summary": "x"}),
                content_type="application/json",
                headers={"Authorization": f"Bearer {plaintext}"},
            )
        )
    assert attempts  # the database really was asked, and failed


def test_cached_api_answers_are_served_stale_during_an_outage(caller, committed_article):
    page = committed_article()
    url = f"/api/v2/articles/{page.pk}/"
    fresh = caller.get(url)
    assert fresh.status_code == 200 and "Cache-Status" not in fresh
    with database_down():
        during = caller.get(url)
        conditional = caller.get(url, headers={"If-None-Match": fresh["ETag"]})
        uncached = caller.get(f"{url}?fields=title")
    assert during.status_code == 200
    assert during.content == fresh.content
    assert during["ETag"] == fresh["ETag"]
    assert during["Cache-Status"] == "cms; fwd=stale; fwd-status=503; detail=stale-if-error"
    assert during["Cache-Control"] == "no-cache"
    assert int(during["Age"]) >= 0
    assert conditional.status_code == 304
    assert_problem_503(uncached)


def test_an_answer_corrected_since_is_never_served_stale(
    caller, committed_article, article_signer, django_capture_on_commit_callbacks
):
    # A clinician corrected the dose after the answer was kept: the outage must not bring it back.
    page = committed_article()
    url = f"/api/v2/articles/{page.pk}/"
    assert b"How lung cancer is treated." in caller.get(url).content
    page.summary = "Take 50 mg daily."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
        signoff_record(page, article_signer).revision.publish()
    with database_down():
        assert_problem_503(caller.get(url))


def test_stale_answers_stop_after_api_stale_if_error(caller, committed_article, settings, monkeypatch):
    page = committed_article()
    url = f"/api/v2/articles/{page.pk}/"
    assert caller.get(url).status_code == 200
    settings.API_STALE_IF_ERROR = 60
    later = stale.time.time() + 61
    monkeypatch.setattr(stale.time, "time", lambda: later)
    with database_down():
        assert_problem_503(caller.get(url))


def test_callers_with_credentials_never_get_a_kept_answer(caller, committed_article):
    page = committed_article()
    url = f"/api/v2/articles/{page.pk}/"
    assert caller.get(url).status_code == 200
    with database_down():
        assert_problem_503(caller.get(url, headers={"Authorization": "Bearer x"}))


def test_reader_and_admin_get_a_static_503_page(caller, committed_article, admin_user):
    committed_article()
    admin = Client(raise_request_exception=False)
    admin.force_login(admin_user)
    with database_down():
        reader = caller.get("/en/treatments/treating-lung-cancer/")
        home = caller.get("/")
        editor = admin.get("/admin/")
    for response in (reader, home, editor):
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Content-Type"].startswith("text/html")
    assert b"Temporarily unavailable" in reader.content
    assert b"Temporarily unavailable" in home.content
    assert b"The CMS is temporarily unavailable" in editor.content


def test_the_service_recovers_when_the_database_returns(caller, committed_article):
    page = committed_article()
    with database_down():
        assert caller.get(f"/api/v2/pages/{page.pk}/").status_code == 503
        assert caller.get("/en/").status_code == 503
    assert caller.get(f"/api/v2/pages/{page.pk}/").status_code == 200
    assert caller.get("/en/").status_code == 200


def test_other_server_errors_are_not_called_outages(caller, monkeypatch):
    from cms.delivery.reader import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(views, "reader_response", broken)
    response = caller.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_an_unreachable_redis_is_a_cache_miss_not_an_error(caller, committed_article, settings):
    page = committed_article()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    assert caller.get(f"/api/v2/articles/{page.pk}/").status_code == 200
    assert caller.get("/en/treatments/treating-lung-cancer/").status_code == 200
    ready = caller.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"].startswith("RuntimeError")
