"""A real HTTP receiver for webhook deliveries (a pytest plugin: the `receiver` fixture)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.delivery.models import WebhookEndpoint

SECRET = "receiver-shared-secret"


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it receives and answers with `statuses`."""

    def __init__(self):
        self.requests = []
        self.statuses = []  # answered in order; 200 once exhausted
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"received" if status < 400 else b"receiver exploded")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def events(self):
        return [json.loads(r["body"])["event"] for r in self.requests]


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # the receiver is on loopback
    receiver = Receiver()
    receiver.thread.start()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


def endpoint_for(receiver, events, locales=(), name="Receiver", **fields):
    endpoint = WebhookEndpoint.objects.create(
        name=name, url=receiver.url, secret=SECRET, events=list(events), **fields
    )
    endpoint.locales.set(locales)
    return endpoint
