"""The signature receivers check: X-CMS-Signature: sha256=<hex HMAC-SHA256 of the raw body>."""

import hashlib
import hmac

SIGNATURE_HEADER = "X-CMS-Signature"
EVENT_HEADER = "X-CMS-Event"
DELIVERY_HEADER = "X-CMS-Delivery"


def webhook_signature(secret, body):
    """'sha256=<hex>' for the raw body bytes (or str, encoded as UTF-8)."""
    if isinstance(body, str):
        body = body.encode()
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_signature_verify(secret, body, header_value):
    """True when `header_value` is the signature of `body`; constant-time comparison."""
    return hmac.compare_digest(webhook_signature(secret, body), header_value or "")
