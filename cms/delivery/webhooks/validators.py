"""Endpoint URLs: http(s) only, and no private network unless the setting allows it."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_scheme_validator = URLValidator(schemes=["http", "https"])


def address_is_public(address):
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve_host(host, port):
    """Every address `host` resolves to (raises OSError when it does not resolve)."""
    return {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}


def validate_webhook_url(url):
    """Raise ValidationError unless `url` is http(s) and, by default, reaches only public addresses.

    With WEBHOOKS_ALLOW_PRIVATE_ADDRESSES off, the host is resolved and every address must be
    public, so the CMS cannot be made to call its own network (SSRF). The check runs again
    before each delivery, as DNS may change.
    """
    try:
        _scheme_validator(url)
    except ValidationError as e:
        raise ValidationError(_("Enter a valid http:// or https:// URL."), code="invalid_scheme") from e
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(_("Do not put credentials in the URL; use the secret."), code="credentials")
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False):
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve_host(parts.hostname, port)
    except (OSError, UnicodeError) as e:
        raise ValidationError(
            _("The host %(host)s does not resolve.") % {"host": parts.hostname}, code="unresolvable"
        ) from e
    private = sorted(address for address in addresses if not address_is_public(address))
    if private:
        raise ValidationError(
            _("The host %(host)s resolves to a private, loopback or link-local address (%(addresses)s).")
            % {"host": parts.hostname, "addresses": ", ".join(private)},
            code="private_address",
        )
