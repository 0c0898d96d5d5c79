"""The address of the client behind a request: the one rule that login lockouts and API rate
limits both use (cms/settings/base.py: AXES_CLIENT_IP_CALLABLE, cms/delivery/api/throttling.py).

With TRUSTED_PROXY_COUNT = 0 (the default) it is the socket's peer, REMOTE_ADDR: an
`X-Forwarded-For` header is anyone's to write and is ignored. Behind N trusted proxies (a load
balancer, a CDN) each appends the address it received the request from, so the client is the
N-th entry from the right; entries left of it are the client's own claims and are never read.
"""

import ipaddress

from django.conf import settings


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address as a string ('' when the request has none at all)."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return peer
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return peer  # fewer hops than trusted proxies: the header is not theirs
    return _address(forwarded[-proxies]) or peer
