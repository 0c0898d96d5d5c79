"""Endpoint URLs: http(s) only, and no private network unless the setting allows it."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_scheme_validator = URLValidator(schemes=["http", "https"])

# IPv6 prefixes that carry an IPv4 address in their last 32 bits (RFC 6052 NAT64) or are for
# local use only (RFC 8215), and the deprecated IPv4-compatible form (::a.b.c.d, RFC 4291).
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(ip):
    """The IPv4 addresses an IPv6 address carries: mapped, NAT64, 6to4, Teredo (its client)."""
    found = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in found if address is not None]


def _is_public(ip):
    return ip.is_global and not ip.is_multicast


def address_is_public(address):
    """False for private, loopback, link-local, multicast, reserved and unspecified addresses.

    For IPv6 also False when it embeds an IPv4 address that is not public ([::ffff:127.0.0.1],
    [64:ff9b::7f00:1], [2002:7f00:1::], Teredo), and for the IPv4-compatible and local NAT64
    forms, which no public host uses.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in IPV4_COMPATIBLE or ip in NAT64_LOCAL:
            return False
        if not all(_is_public(v4) for v4 in embedded_ipv4(ip)):
            return False
        if ip.ipv4_mapped:
            return True  # a mapped public IPv4 is that address, whatever the IPv6 flags say
    return _is_public(ip)


def resolve_host(host, port):
    """Every address `host` resolves to, in the resolver's order (raises OSError when it does not)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def webhook_url_address(url):
    """The one address a delivery to `url` connects to, resolved once, or ValidationError.

    http(s) only, no credentials, and (unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES) every address
    the host resolves to must be public, so the CMS cannot be made to call its own network
    (SSRF). Deliveries connect to the address returned here and never resolve the host again,
    so DNS rebinding cannot move a delivery after the check.
    """
    try:
        _scheme_validator(url)
    except ValidationError as e:
        raise ValidationError(_("Enter a valid http:// or https:// URL."), code="invalid_scheme") from e
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise ValidationError(_("Do not put credentials in the URL; use the secret."), code="credentials")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve_host(parts.hostname, port)
    except (OSError, UnicodeError) as e:
        raise ValidationError(
            _("The host %(host)s does not resolve.") % {"host": parts.hostname}, code="unresolvable"
        ) from e
    if not getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False):
        private = sorted(address for address in addresses if not address_is_public(address))
        if private:
            raise ValidationError(
                _("The host %(host)s resolves to a private, loopback or link-local address (%(addresses)s).")
                % {"host": parts.hostname, "addresses": ", ".join(private)},
                code="private_address",
            )
    return addresses[0]


def validate_webhook_url(url):
    """The model field's validator: the rules of `webhook_url_address`.

    With WEBHOOKS_ALLOW_PRIVATE_ADDRESSES on (development), a host that does not resolve yet
    is accepted when saved; its deliveries fail until it does.
    """
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", False):
        try:
            webhook_url_address(url)
        except ValidationError as e:
            if e.code != "unresolvable":
                raise
        return
    webhook_url_address(url)
