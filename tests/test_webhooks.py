"""Webhooks: signed deliveries to a real local HTTP receiver, events, languages, retries, validation."""

import datetime
import hashlib
import hmac
import json
import socket

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from wagtail.models import Locale

from cms.delivery.models import WebhookDelivery, WebhookEndpoint
from cms.delivery.webhooks.validators import validate_webhook_url
from cms.editorial.signoff import signoff_waived

from .webhook_support import SECRET, endpoint_for


def expected_signature(body):
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def publish_in_spanish(make_article):
    """Build a Spanish tree; return a function that publishes a Spanish copy of an article."""
    es = Locale.objects.get_or_create(language_code="es")[0]

    def translate(page):
        translation = page.copy_for_translation(es, copy_parents=True)
        with signoff_waived("test: publish a translation"):
            translation.save_revision().publish()
        translation.refresh_from_db()
        return translation

    return translate


@pytest.mark.django_db
def test_publish_sends_a_signed_webhook(receiver, make_article, django_capture_on_commit_callbacks):
    endpoint_for(receiver, ["publish"])
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article("Treating lung cancer")

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["path"] == "/hooks/cms"
    headers, body = request["headers"], request["body"]
    assert headers["X-CMS-Signature"] == expected_signature(body)
    assert headers["X-CMS-Event"] == "publish"
    assert headers["Content-Type"].startswith("application/json")
    payload = json.loads(body)
    assert headers["X-CMS-Delivery"] == payload["delivery_id"]
    assert payload["event"] == "publish"
    assert datetime.datetime.fromisoformat(payload["timestamp"]).tzinfo is not None
    assert payload["page"] == {
        "id": page.pk,
        "type": "articles.ArticlePage",
        "locale": "en",
        "title": "Treating lung cancer",
        "url": "http://127.0.0.1:8000/en/treatments/treating-lung-cancer/",
        "api_url": f"http://127.0.0.1:8000/api/v2/articles/{page.pk}/",
    }

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert (delivery.status_code, delivery.attempt, delivery.response_excerpt) == (200, 1, "received")
    assert str(delivery.delivery_id) == payload["delivery_id"]
    assert delivery.body.encode() == body
    assert delivery.duration_ms is not None


@pytest.mark.django_db
def test_a_tampered_body_fails_verification(receiver, make_article, django_capture_on_commit_callbacks):
    endpoint_for(receiver, ["publish"])
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    request = receiver.requests[0]
    tampered = request["body"].replace(b"Treating", b"Curing")
    assert request["headers"]["X-CMS-Signature"] != expected_signature(tampered)


@pytest.mark.django_db
def test_sent_only_after_commit(receiver, make_article, django_capture_on_commit_callbacks):
    endpoint_for(receiver, ["publish"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article()
    assert receiver.requests == []  # the transaction has not committed yet
    for callback in callbacks:
        callback()
    assert receiver.events() == ["publish"]


@pytest.mark.django_db
def test_inactive_or_unsubscribed_endpoints_hear_nothing(
    receiver, make_article, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, ["publish"], active=False)
    endpoint_for(receiver, ["delete"])
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_unpublish_and_delete(receiver, make_article, django_capture_on_commit_callbacks):
    endpoint_for(receiver, ["unpublish", "delete"])
    with django_capture_on_commit_callbacks(execute=True):
        page = make_article("Going away")
        draft_only = make_article("Never published", publish=False)
    assert receiver.requests == []  # not subscribed to publish

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert receiver.events() == ["unpublish"]

    with django_capture_on_commit_callbacks(execute=True), signoff_waived("test: republish"):
        page.save_revision().publish()
        page.delete()
        draft_only.delete()  # never public: nobody is told
    assert receiver.events() == ["unpublish", "unpublish", "delete"]
    deleted = json.loads(receiver.requests[-1]["body"])["page"]
    assert (deleted["id"], deleted["title"], deleted["type"]) == (
        page.pk,
        "Going away",
        "articles.ArticlePage",
    )
    assert all(r["headers"]["X-CMS-Signature"] == expected_signature(r["body"]) for r in receiver.requests)


@pytest.mark.django_db
def test_languages_and_translation_publish(
    receiver, make_article, publish_in_spanish, django_capture_on_commit_callbacks
):
    es = Locale.objects.get(language_code="es")
    spanish_only = endpoint_for(receiver, ["publish"], locales=[es], name="Spanish app")
    every_language = endpoint_for(receiver, ["publish", "translation-publish"], name="Everything")

    with django_capture_on_commit_callbacks(execute=True):
        page = make_article()
    assert [r.endpoint for r in WebhookDelivery.objects.all()] == [every_language]

    with django_capture_on_commit_callbacks(execute=True):
        translation = publish_in_spanish(page)
    spanish_article = WebhookDelivery.objects.filter(page_id=translation.pk)
    assert sorted((d.endpoint.name, d.event) for d in spanish_article) == [
        ("Everything", "publish"),
        ("Everything", "translation-publish"),
        ("Spanish app", "publish"),
    ]
    body = json.loads(spanish_article.filter(event="translation-publish").get().body)
    assert body["page"]["locale"] == "es"
    assert body["page"]["id"] == translation.pk
    assert spanish_only.deliveries.filter(page_id=page.pk).count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_retries_with_exponential_backoff_then_gives_up(receiver, make_article, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    settings.WEBHOOKS_BACKOFF_SECONDS = 10
    receiver.statuses = [500, 503, 500, 500]
    endpoint_for(receiver, ["publish"])

    make_article()  # autocommit: the delivery task is queued in the database at once
    assert receiver.requests == []

    for attempt, wait, status_code in ((1, 10, 500), (2, 20, 503)):
        call_command("db_worker", batch=True, startup_delay=False, reload=False)
        delivery = WebhookDelivery.objects.get(attempt=attempt)
        assert delivery.status == WebhookDelivery.Status.RETRYING
        assert delivery.status_code == status_code
        assert delivery.response_excerpt == "receiver exploded"
        assert delivery.next_attempt_at - delivery.attempted_at == datetime.timedelta(seconds=wait)
        queued = DBTaskResult.objects.ready()
        assert not queued.exists()  # not due yet: the worker left it alone
        pending = DBTaskResult.objects.get(status="READY")
        assert pending.run_after == delivery.next_attempt_at
        assert pending.args_kwargs["kwargs"]["attempt"] == attempt + 1
        # Time passes: make the retry due.
        DBTaskResult.objects.filter(pk=pending.pk).update(run_after=delivery.attempted_at)

    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    last = WebhookDelivery.objects.get(attempt=3)
    assert last.status == WebhookDelivery.Status.FAILED
    assert last.next_attempt_at is None
    assert not DBTaskResult.objects.filter(status="READY").exists()

    assert len(receiver.requests) == 3
    assert [r["headers"]["X-CMS-Attempt"] for r in receiver.requests] == ["1", "2", "3"]
    assert len({r["headers"]["X-CMS-Delivery"] for r in receiver.requests}) == 1
    assert len({r["body"] for r in receiver.requests}) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_retry_succeeds(receiver, make_article, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    receiver.statuses = [502]
    endpoint_for(receiver, ["publish"])
    make_article()
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    DBTaskResult.objects.filter(status="READY").update(
        run_after=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    assert list(WebhookDelivery.objects.order_by("attempt").values_list("attempt", "status")) == [
        (1, "retrying"),
        (2, "succeeded"),
    ]


@pytest.mark.django_db
def test_client_errors_are_not_retried(receiver, settings):
    # A backend that could retry: the 4xx answer is what stops it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    receiver.statuses = [410]
    endpoint = endpoint_for(receiver, ["publish"])
    from cms.delivery.webhooks.tasks import deliver_webhook

    status = deliver_webhook.call(endpoint.pk, "6f0c0a4e-0000-4000-8000-000000000000", "publish", 1, "{}")
    assert status == "failed"
    assert WebhookDelivery.objects.get().error == "HTTP 410"


@pytest.mark.django_db
def test_immediate_backend_does_not_retry(receiver, make_article, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    endpoint_for(receiver, ["publish"])
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "TASKS_BACKEND=database" in delivery.error
    assert len(receiver.requests) == 1


@pytest.mark.django_db
def test_private_address_is_refused_again_at_delivery(
    receiver, make_article, settings, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, ["publish"])
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "private" in delivery.error


@pytest.mark.parametrize(
    "url",
    [
        "ftp://93.184.215.14/hook",
        "javascript:alert(1)",
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[fe80::1]/hook",
        # IPv6 forms that embed a loopback, private or link-local IPv4 address.
        "http://[::ffff:127.0.0.1]/hook",
        "http://[64:ff9b::7f00:1]/hook",
        "http://[64:ff9b::a9fe:a9fe]/hook",
        "http://[64:ff9b:1::a00:1]/hook",
        "http://[2002:7f00:1::]/hook",
        "http://[2002:c0a8:1::]/hook",
        "http://[::127.0.0.1]/hook",
        "http://[::10.0.0.1]/hook",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook",
        "http://0.0.0.0/hook",
        "http://user:pass@93.184.215.14/hook",
        "http://does-not-exist.invalid/hook",
    ],
)
def test_url_validation_refuses(url, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError):
        validate_webhook_url(url)


def test_url_validation_accepts(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    validate_webhook_url("https://93.184.215.14/hook")
    # The same public IPv4 address through the IPv6 forms that carry it.
    for host in ("::ffff:93.184.215.14", "64:ff9b::5db8:d70e", "2002:5db8:d70e::"):
        validate_webhook_url(f"https://[{host}]/hook")
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    validate_webhook_url("http://127.0.0.1:9000/hook")
    with pytest.raises(ValidationError):
        validate_webhook_url("file:///etc/passwd")  # the scheme rule holds whatever the setting


REBINDING_HOST = "hooks.rebinding.test"


def fake_dns(monkeypatch, answers):
    """REBINDING_HOST resolves to answers[0], then answers[1], ... (the last one repeats)."""
    real = socket.getaddrinfo
    calls = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != REBINDING_HOST:
            return real(host, port, *args, **kwargs)
        address = answers[min(len(calls), len(answers) - 1)]
        calls.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return calls


@pytest.mark.django_db
def test_delivery_connects_to_the_address_it_resolved_once(
    receiver, make_article, monkeypatch, django_capture_on_commit_callbacks
):
    """The host is resolved once per delivery, and the connection goes to that address."""
    port = receiver.server.server_address[1]
    endpoint = endpoint_for(receiver, ["publish"])
    endpoint.url = f"http://{REBINDING_HOST}:{port}/hooks/cms"
    endpoint.save()
    calls = fake_dns(monkeypatch, ["127.0.0.1"])
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED
    assert calls == ["127.0.0.1"]  # no second resolution by the HTTP client
    assert receiver.requests[0]["headers"]["Host"] == f"{REBINDING_HOST}:{port}"
    assert receiver.requests[0]["path"] == "/hooks/cms"


@pytest.mark.django_db
def test_dns_rebinding_cannot_move_a_delivery_to_loopback(
    receiver, make_article, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Public when checked, loopback a moment later: the delivery still goes to the public address."""
    port = receiver.server.server_address[1]
    endpoint = endpoint_for(receiver, ["publish"])
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    settings.WEBHOOKS_TIMEOUT = 0.5
    calls = fake_dns(monkeypatch, ["93.184.215.14", "127.0.0.1"])
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(url=f"http://{REBINDING_HOST}:{port}/hooks/cms")
    with django_capture_on_commit_callbacks(execute=True):
        make_article()
    assert receiver.requests == []  # loopback was never reached
    assert calls == ["93.184.215.14"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert "private" not in delivery.error  # it failed connecting to the public address


def https_receiver(tmp_path, common_name):
    """A Receiver behind TLS with a self-signed certificate for `common_name`; (receiver, cert path)."""
    import ssl
    import subprocess

    from .webhook_support import Receiver

    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    names = [f"/CN={common_name}", "-addext", f"subjectAltName=DNS:{common_name}"]
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", *names,
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    receiver = Receiver()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    receiver.server.socket = context.wrap_socket(receiver.server.socket, server_side=True)
    receiver.thread.start()
    return receiver, cert


@pytest.mark.django_db
@pytest.mark.parametrize(("common_name", "delivered"), [(REBINDING_HOST, True), ("someone-else.test", False)])
def test_https_delivery_checks_the_certificate_against_the_host_name(
    tmp_path, settings, make_article, monkeypatch, django_capture_on_commit_callbacks, common_name, delivered
):
    """Connected by address, TLS still names the host: SNI and the certificate check use it."""
    from cms.delivery.webhooks import transport

    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # the receiver is on loopback
    receiver, cert = https_receiver(tmp_path, common_name)
    try:
        monkeypatch.setattr(transport, "ca_bundle", lambda: str(cert))
        fake_dns(monkeypatch, ["127.0.0.1"])
        port = receiver.server.server_address[1]
        WebhookEndpoint.objects.create(
            name="TLS", url=f"https://{REBINDING_HOST}:{port}/hooks/cms", secret=SECRET, events=["publish"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            make_article()
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status == WebhookDelivery.Status.SUCCEEDED) is delivered, delivery.error
        assert len(receiver.requests) == (1 if delivered else 0)
        if not delivered:
            assert delivery.error.startswith(
                f"SSLError: hostname '{REBINDING_HOST}' doesn't match '{common_name}'"
            )
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
