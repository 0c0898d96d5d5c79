"""GET /api/v3/openapi.json: Wagtail's v3 OpenAPI document, made valid.

Why a view of ours, mounted in cms/urls.py just before `api/v3/` on the same path: ninja builds
the document in `NinjaAPI.get_openapi_schema()`, and Wagtail builds its API object itself
(`wagtail.api.v3.api.api`, with routers every Wagtail app adds in its `ready()`), so the
project can neither supply a NinjaAPI subclass nor should it replace the method on Wagtail's
object. This view asks that public method for the document, corrects it, and serves it the way
ninja's own view does (behind the API's `docs_decorator`: WAGTAILAPI_DOCS_ENABLED). Swagger UI
at /api/v3/docs/ reads this path too.
"""

from ninja.responses import Response
from wagtail.api.v3.urls import api

from .v3 import v3_configure


def openapi_anonymous_as_optional_auth(schema):
    """Express Wagtail's AllowAnonymous the OpenAPI way: an empty security requirement.

    Ninja documents it as an `http` security scheme without a `scheme`, which makes the
    document invalid; `{}` in an operation's `security` is how OpenAPI says "or no auth".
    """
    schemes = schema.get("components", {}).get("securitySchemes", {})
    invalid = {
        name for name, scheme in schemes.items() if scheme.get("type") == "http" and "scheme" not in scheme
    }
    for name in invalid:
        del schemes[name]
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "security" in operation:
                operation["security"] = [
                    {} if set(requirement) & invalid else requirement for requirement in operation["security"]
                ]
    return schema


def _openapi_json(request):
    return Response(openapi_anonymous_as_optional_auth(v3_configure(api).get_openapi_schema()))


openapi_view = api.docs_decorator(_openapi_json) if api.docs_decorator else _openapi_json
