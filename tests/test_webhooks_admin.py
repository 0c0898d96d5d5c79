"""The webhook admin: superusers only, URL validation in the form, a read-only delivery log."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from cms.delivery.models import WebhookDelivery, WebhookEndpoint
from cms.editorial.roles import PUBLISHERS, ensure_roles

pytestmark = pytest.mark.django_db

ENDPOINTS = "/admin/webhook_endpoints/"
DELIVERIES = "/admin/webhook_deliveries/"


@pytest.fixture
def publisher_client(client, home_page):
    user = get_user_model().objects.create_user("publisher", password="pw")
    user.groups.add(ensure_roles()[PUBLISHERS])
    client.force_login(user)
    return client


def form_data(url, **extra):
    return {"name": "Mobile app", "url": url, "secret": "s" * 40, "events": ["publish", "delete"], **extra}


def test_superuser_registers_an_endpoint(superuser_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    es = Locale.objects.get(language_code="es")
    response = superuser_client.post(
        ENDPOINTS + "new/", form_data("https://93.184.215.14/hook", locales=[es.pk], active="on")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["publish", "delete"]
    assert list(endpoint.locales.all()) == [es]
    assert endpoint.active
    listing = superuser_client.get(ENDPOINTS)
    assert "Mobile app" in listing.content.decode()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1:9000/hook", "private, loopback or link-local"),
        ("http://169.254.169.254/latest/", "private, loopback or link-local"),
        ("ftp://93.184.215.14/hook", "http:// or https://"),
    ],
)
def test_form_refuses_bad_urls(superuser_client, settings, url, message):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    response = superuser_client.post(ENDPOINTS + "new/", form_data(url))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_form_needs_an_event(superuser_client):
    response = superuser_client.post(ENDPOINTS + "new/", form_data("https://93.184.215.14/hook", events=[]))
    assert response.status_code == 200
    assert not WebhookEndpoint.objects.exists()


def test_private_addresses_when_allowed(superuser_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    response = superuser_client.post(ENDPOINTS + "new/", form_data("http://127.0.0.1:9000/hook"))
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "http://127.0.0.1:9000/hook"


def test_other_roles_cannot_see_webhooks(publisher_client):
    endpoint = WebhookEndpoint.objects.create(name="x", url="https://93.184.215.14/", events=["publish"])
    for url in (ENDPOINTS, ENDPOINTS + "new/", f"{ENDPOINTS}edit/{endpoint.pk}/", DELIVERIES):
        response = publisher_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/", url
        assert "x" not in WebhookEndpoint.objects.values_list("secret", flat=True)
    dashboard = publisher_client.get("/admin/").content.decode()
    assert "Webhooks" not in dashboard


def test_delivery_log_is_read_only(superuser_client):
    endpoint = WebhookEndpoint.objects.create(
        name="Receiver", url="https://93.184.215.14/", events=["publish"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="publish",
        page_id=4,
        body='{"event": "publish"}',
        status=WebhookDelivery.Status.FAILED,
        status_code=500,
        response_excerpt="upstream exploded",
        error="HTTP 500",
        duration_ms=12,
        attempted_at=timezone.now(),
    )
    listing = superuser_client.get(DELIVERIES)
    assert listing.status_code == 200
    assert "Receiver" in listing.content.decode()
    inspect = superuser_client.get(f"{DELIVERIES}inspect/{delivery.pk}/")
    assert inspect.status_code == 200
    assert "upstream exploded" in inspect.content.decode()
    for url in (
        DELIVERIES + "new/",
        f"{DELIVERIES}edit/{delivery.pk}/",
        f"{DELIVERIES}delete/{delivery.pk}/",
    ):
        response = superuser_client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
    response = superuser_client.post(f"{DELIVERIES}delete/{delivery.pk}/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert WebhookDelivery.objects.filter(pk=delivery.pk).exists()
