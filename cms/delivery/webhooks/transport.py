"""POST to a webhook endpoint through the address it was validated at, never resolving again.

requests (and urllib3 under it) would resolve the host a second time when connecting: a DNS
answer that changes between the check and the connection (rebinding) could then send the
delivery to a private address. Here urllib3 connects to the address given, while the Host
header, TLS SNI and the certificate check still use the URL's host name.
"""

from urllib.parse import urlsplit

import urllib3
from requests.certs import where as ca_bundle

# What a failed connection or exchange raises: worth a retry, like requests' errors.
TRANSPORT_ERRORS = (urllib3.exceptions.HTTPError, OSError)


def post_to_address(url, address, body, headers, timeout, excerpt_bytes):
    """POST `body` to `url` through `address`; returns (status_code, first bytes of the answer).

    No redirects (a redirect could lead to an address that was never checked) and no retries
    (the caller schedules them).
    """
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    if https:
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=ca_bundle(),
            timeout=timeout,
            retries=False,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    with pool:
        response = pool.urlopen(
            "POST",
            target,
            body=body,
            headers={**headers, "Host": parts.netloc},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            return response.status, response.read(excerpt_bytes, decode_content=True)
        finally:
            response.release_conn()
