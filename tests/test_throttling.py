"""Abuse is throttled: admin sign-in locks after repeated failures (django-axes), the APIs answer
429 problem documents with Retry-After past their rate limits, and the client address comes
from X-Forwarded-For only behind the configured number of trusted proxies."""

import pytest
from django.test import Client, RequestFactory, override_settings
from wagtail.models import APIToken

from cms.client_address import client_address

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor_user(django_user_model):
    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "right-password")
    return user


def sign_in(client, password, username="ed", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def is_signed_in(client):
    return client.get("/admin/").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_lock_the_account_even_for_the_right_one(editor_user):
    client = Client()
    for _ in range(2):
        response = sign_in(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert "Sign-in locked" in locked.content.decode()
    # The right password no longer gets in, from this address or any other.
    assert sign_in(client, "right-password").status_code == 429
    assert not is_signed_in(client)
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    assert sign_in(elsewhere, "right-password").status_code == 429
    assert not is_signed_in(elsewhere)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_address_guessing_many_usernames_is_locked(editor_user):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for name in ("alice", "bob", "carol"):
        sign_in(client, "guess", username=name)
    assert sign_in(client, "right-password").status_code == 429
    # The user can still sign in from elsewhere.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert sign_in(other, "right-password").status_code == 302
    assert is_signed_in(other)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_resets_the_count(editor_user):
    client = Client()
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, "right-password").status_code == 302
    client.logout()
    sign_in(client, "wrong")
    sign_in(client, "wrong")
    assert sign_in(client, "right-password").status_code == 302


@override_settings(API_RATE_LIMITS={"anonymous": "3/min"})
def test_anonymous_api_callers_are_limited_per_address(client):
    for _ in range(3):
        assert client.get("/api/v2/pages/").status_code == 200
    response = client.get("/api/v2/pages/")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429
    # Cached answers count too, and v3 shares the bucket.
    assert client.get("/api/v3/pages/").status_code == 429
    # Another address has its own.
    assert Client(REMOTE_ADDR="203.0.113.5").get("/api/v2/pages/").status_code == 200
    # The reader site and the admin are not API paths.
    assert client.get("/robots.txt").status_code == 200


@override_settings(API_RATE_LIMITS={"anonymous": "2/min", "authenticated": "4/min"})
def test_token_callers_are_limited_per_token(client, superuser):
    _t, first = APIToken.create_token(user=superuser, name="a")
    _t, second = APIToken.create_token(user=superuser, name="b")
    for _ in range(4):
        assert client.get("/api/v3/pages/", HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200
    response = client.get("/api/v3/pages/", HTTP_AUTHORIZATION=f"Bearer {first}")
    assert response.status_code == 429 and "Retry-After" in response
    assert client.get("/api/v3/pages/", HTTP_AUTHORIZATION=f"Bearer {second}").status_code == 200
    # The address's anonymous bucket is untouched by token requests.
    assert client.get("/api/v2/pages/").status_code == 200


@override_settings(API_RATE_LIMITS={"anonymous": "2/min"})
def test_forwarded_for_is_ignored_without_trusted_proxies(client):
    for spoofed in ("1.1.1.1", "2.2.2.2"):
        assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=spoofed).status_code == 200
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 429


@override_settings(API_RATE_LIMITS={"anonymous": "2/min"}, TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_the_forwarded_client_is_limited(client):
    for _ in range(2):
        assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 429
    # A client prepending its own claim does not escape: only the proxy's entry counts.
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="9.9.9.9, 1.1.1.1").status_code == 429
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="4.4.4.4").status_code == 200


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.2"),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.9", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.2"),  # fewer hops than proxies: not trusted
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_client_address(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


@override_settings(API_RATE_LIMITS={"anonymous": "2/min"})
def test_an_unreachable_cache_lifts_the_limit_rather_than_failing(client, monkeypatch):
    from cms.delivery.api.throttling import APIRateThrottle

    class UnreachableCache:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache unreachable")

        set = get

    monkeypatch.setattr(APIRateThrottle, "cache", UnreachableCache())
    for _ in range(3):
        assert client.get("/api/v2/pages/").status_code == 200
