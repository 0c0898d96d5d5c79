"""Every v2 API response the suite receives is checked against /api/v2/openapi.json.

A pytest plugin (registered in conftest.py): Django's test client is wrapped once, and each
response under /api/v2/ must match the operation's documented schema for its status (JSON
bodies decompressed first), or the test that received it fails. The document and the API
therefore cannot drift: a new field without a schema, a renamed one or a wrong type fails.
"""

import gzip
import json
import re
from functools import cache
from urllib.parse import parse_qs, urlsplit

import brotli
from openapi_schema_validator import OAS31Validator

PREFIX = "/api/v2/"
PROBLEM = {"$ref": "#/components/schemas/Problem"}
NOT_JSON = {"/api/v2/docs/"}  # the HTML page that renders the document
CHECKED = []  # (method, path, status) of every response checked, for the suite's own tests


class ContractError(AssertionError):
    pass


@cache
def document():
    from cms.delivery.api.openapi import openapi_document

    return openapi_document()


@cache
def _templates():
    """[(regex, template)] with literal paths before templated ones (by-path/ before {id}/)."""
    templates = sorted(document()["paths"], key=lambda t: ("{" in t, t))
    return [
        (
            re.compile(
                "^"
                + re.sub(r"\{[^/]+\}", "[^/]+", re.escape(t).replace(r"\{", "{").replace(r"\}", "}"))
                + "$"
            ),
            t,
        )
        for t in templates
    ]


def operation_for(path, method):
    for regex, template in _templates():
        if regex.match(path):
            operation = document()["paths"][template].get(method.lower())
            if operation is None:
                raise ContractError(f"{method} {template} is not documented")
            return template, operation
    raise ContractError(f"{path} is not in /api/v2/openapi.json")


def _response_spec(operation, status):
    responses = operation["responses"]
    for key in (str(status), f"{str(status)[0]}XX", "default"):
        if key in responses:
            return responses[key]
    raise ContractError(f"status {status} is not documented ({sorted(responses)})")


def _fields_variant(schema):
    """Swap full page/snippet schemas for their *Fields variants (a ?fields= subset)."""
    names = document()["components"]["schemas"]
    text = json.dumps(schema)
    for name in list(names):
        if f"{name}Fields" in names:
            text = text.replace(f'"#/components/schemas/{name}"', f'"#/components/schemas/{name}Fields"')
    return json.loads(text)


def _body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        content = brotli.decompress(content)
    elif encoding == "gzip":
        content = gzip.decompress(content)
    return json.loads(content)


def check_response(method, url, response):
    """Raise ContractError unless `response` matches the documented schema of `method url`."""
    path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
    if response.status_code == 404 and not any(regex.match(path) for regex, _t in _templates()):
        # Unknown paths under /api/ answer a problem document too.
        operation = {"responses": {"404": {"content": {"application/problem+json": {"schema": PROBLEM}}}}}
        template = "<unknown path>"
    else:
        template, operation = operation_for(path, method)
    if response.status_code == 304 or method == "HEAD":
        _response_spec(operation, response.status_code)
        return
    spec = _response_spec(operation, response.status_code)
    content_type = response.get("Content-Type", "").split(";")[0]
    media = spec.get("content", {}).get(content_type)
    if media is None:
        raise ContractError(f"{method} {template} {response.status_code}: {content_type} is not documented")
    schema = media["schema"]
    if "fields" in query and "{id}" in template:
        schema = _fields_variant(schema)
    root = {**schema, "components": document()["components"]}
    errors = sorted(OAS31Validator(root).iter_errors(_body(response)), key=lambda e: list(e.absolute_path))
    if errors:
        details = "; ".join(
            f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:300]}" for e in errors[:5]
        )
        raise ContractError(f"{method} {url} {response.status_code} does not match {template}: {details}")
    CHECKED.append((method, template, response.status_code))


def pytest_configure(config):
    from django.test.client import Client

    original = Client.request

    def request(self, **request):
        response = original(self, **request)
        path = request.get("PATH_INFO", "")
        if (
            path.startswith(PREFIX)
            and path not in NOT_JSON
            and request.get("REQUEST_METHOD") in ("GET", "HEAD")
        ):
            query = request.get("QUERY_STRING", "")
            check_response(request["REQUEST_METHOD"], f"{path}?{query}" if query else path, response)
        return response

    Client.request = request
