"""Bearer tokens on /api/v3/: a token that authenticates no one is a 401, never "anonymous".

Wagtail's v3 reads allow anonymous callers, and its BearerTokenAuth quietly falls back to
them when a token is malformed, unknown, revoked or its user inactive: a client with a broken
or revoked token then reads the public answer (200) and never learns its token is bad. Here
such a request is answered 401 with `WWW-Authenticate: Bearer error="invalid_token"`
(RFC 6750) before v3 runs; every other 401 of v3 gets the `WWW-Authenticate` challenge too.
Which tokens are valid stays Wagtail's rule: this asks its BearerTokenAuth.
"""

from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from .errors import problem_response

PREFIX = "/api/v3/"
CHALLENGE = 'Bearer realm="api"'


def invalid_token(detail):
    return problem_response(
        401,
        detail,
        headers={
            "WWW-Authenticate": f'{CHALLENGE}, error="invalid_token"',
            "Cache-Control": "no-store",
        },
    )


def bearer_token(request):
    """The token of `Authorization: Bearer <token>`, '' for another scheme, None without the header."""
    header = request.META.get("HTTP_AUTHORIZATION")
    if header is None:
        return None
    scheme, _space, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class V3BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        token = bearer_token(request)
        if token is not None:
            if not token:
                return invalid_token("the Authorization header must be 'Bearer <API token>'")
            # The offline format check first: a garbage token costs no query.
            valid = APIToken.validate_token_format(token) and BearerTokenAuth().authenticate(request, token)
            if not valid:
                return invalid_token("the API token is not valid (unknown, revoked or its user inactive)")
        response = self.get_response(request)
        if response.status_code == 401 and "WWW-Authenticate" not in response:
            response["WWW-Authenticate"] = CHALLENGE
        return response
