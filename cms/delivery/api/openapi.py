"""GET /api/v2/openapi.json: the OpenAPI 3.1 document of the read API; /api/v2/docs/ renders it.

Component schemas come from the contract models (contract.py). Details and lookups answer the
full `*Page` schemas; listings and `?fields=` answer `*PageFields` (the same properties, only
`id` and `meta` required), so a typed client gets required fields where the API guarantees
them. The docs page uses Swagger UI from django-ninja's bundled static files (no CDN).
"""

import copy
from functools import cache

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from pydantic.json_schema import models_json_schema

from . import contract

REF = "#/components/schemas/{model}"
PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _schemas():
    models = [
        *contract.PAGE_MODELS.values(),
        *contract.SNIPPET_MODELS.values(),
        contract.ChangeFeed,
        contract.Problem,
    ]
    _keys, document = models_json_schema([(model, "serialization") for model in models], ref_template=REF)
    schemas = _without_null_defaults(document["$defs"])
    for name in [*(m.__name__ for m in contract.PAGE_MODELS.values()), "PageMeta", "SnippetMeta"]:
        schemas[f"{name}Fields"] = _partial(schemas[name], name)
    for name in ("HomePage", "ArticleIndexPage", "ArticlePage"):
        schemas[f"{name}Fields"]["properties"]["meta"] = {"$ref": REF.format(model="PageMetaFields")}
    for model in contract.SNIPPET_MODELS.values():
        schemas[f"{model.__name__}Fields"] = _partial(schemas[model.__name__], model.__name__)
        schemas[f"{model.__name__}Fields"]["properties"]["meta"] = {
            "$ref": REF.format(model="SnippetMetaFields")
        }
    return schemas


def _without_null_defaults(value):
    """Optional members the API leaves out (JSON-LD's) are `= None` in the models: not a default."""
    if isinstance(value, dict):
        return {k: _without_null_defaults(v) for k, v in value.items() if not (k == "default" and v is None)}
    if isinstance(value, list):
        return [_without_null_defaults(v) for v in value]
    return value


def _partial(schema, name):
    """The schema with only id/meta required: what listings and ?fields= send."""
    partial = copy.deepcopy(schema)
    partial["title"] = f"{name} (selected fields)"
    partial["required"] = [field for field in schema.get("required", []) if field in ("id", "meta")]
    return partial


def _ref(name):
    return {"$ref": REF.format(model=name)}


def _json(schema, description="OK"):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _listing(item):
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "additionalProperties": False,
                "required": ["total_count", "next_cursor"],
                "properties": {
                    "total_count": {"type": "integer"},
                    "next_cursor": {
                        "type": ["string", "null"],
                        "description": "Pass as `cursor` for the next page in the default order; "
                        "null on the last page, or when `order` or `search` is given.",
                    },
                },
            },
            "items": {"type": "array", "items": item},
        },
    }


ERRORS = {
    "304": {"description": "Not modified (If-None-Match / If-Modified-Since)."},
    "4XX": {"description": "A client mistake", "content": {"application/problem+json": {"schema": PROBLEM}}},
    "503": {
        "description": "The database is unreachable: retry after `Retry-After` seconds. Answers already "
        "cached are served instead, marked `Cache-Status: ...; detail=stale-if-error`.",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        "content": {"application/problem+json": {"schema": PROBLEM}},
    },
    "5XX": {
        "description": "A server error or an outage: a problem document, never an HTML page",
        "content": {"application/problem+json": {"schema": PROBLEM}},
    },
}


def _param(name, description, schema=None, where="query", required=False):
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


LISTING_PARAMETERS = [
    _param("locale", "Only content in this language, e.g. es (400 for an unknown one)."),
    _param("fallback", "With locale: each item in `locale`, else in this language (e.g. en)."),
    _param("fields", "Fields to include: `*` for all, `body,json_ld`, `-summary`; subsets answer *Fields."),
    _param("limit", "At most 100.", {"type": "integer", "minimum": 0, "maximum": 100}),
    _param(
        "offset",
        "Skip this many (at most 10,000: page deeper with `cursor`).",
        {"type": "integer", "minimum": 0, "maximum": 10000},
    ),
    _param("cursor", "`meta.next_cursor` of the previous page: the next page, however deep (default order)."),
    _param("order", "A field, `-` for descending, e.g. -last_published_at; or random."),
    _param("search", "Full-text search."),
]
PAGE_PARAMETERS = [
    *LISTING_PARAMETERS,
    _param(
        "updated_since", "Pages published at or after this ISO 8601 date or date-time.", {"type": "string"}
    ),
    _param("condition", "Articles about this condition (slug or id)."),
    _param("modality", "Articles with a treatment section of this modality (slug)."),
    _param("review_status", "current, due_soon or overdue.", {"enum": ["current", "due_soon", "overdue"]}),
    _param("child_of", "Children of this page id (or root)."),
    _param("descendant_of", "Descendants of this page id.", {"type": "integer"}),
    _param("ancestor_of", "Ancestors of this page id.", {"type": "integer"}),
    _param("translation_of", "Translations of this page id.", {"type": "integer"}),
    _param("rich_text_format", "html (default), db_html, markdown or db_markdown."),
]
ID = _param("id", "The page or snippet id (anything else is a 404).", {"type": "integer"}, "path", True)


def _page_any(suffix=""):
    return {"anyOf": [_ref(f"{name}{suffix}") for name in ("ArticlePage", "ArticleIndexPage", "HomePage")]}


def _operation(summary, response, parameters=(), description=""):
    operation = {"summary": summary, "parameters": list(parameters), "responses": {"200": response, **ERRORS}}
    if description:
        operation["description"] = description
    return {"get": operation}


def _paths():
    path_param = _param("path", "A reader path, e.g. /es/treatments/x/ (or with locale=es: /treatments/x/).")
    path_param["required"] = True
    detail_fields = _param("fields", "A subset of fields: the answer then follows the *Fields schema.")
    paths = {
        "/api/v2/articles/": _operation(
            "Articles", _json(_listing(_ref("ArticlePageFields"))), PAGE_PARAMETERS
        ),
        "/api/v2/articles/{id}/": _operation(
            "One article, everything", _json(_ref("ArticlePage")), [ID, detail_fields]
        ),
        "/api/v2/articles/by-path/": _operation(
            "The article at a reader path", _json(_ref("ArticlePage")), [path_param, _param("locale", "")]
        ),
        "/api/v2/pages/": _operation(
            "Pages of every type",
            _json(_listing(_page_any("Fields"))),
            [*PAGE_PARAMETERS, _param("type", "")],
        ),
        "/api/v2/pages/{id}/": _operation("One page", _json(_page_any()), [ID, detail_fields]),
        "/api/v2/pages/by-path/": _operation(
            "The page of any type at a reader path", _json(_page_any()), [path_param, _param("locale", "")]
        ),
        "/api/v2/pages/find/": _operation(
            "The page at html_path or id, answered directly (no redirect); Content-Location names its detail",
            _json(_page_any()),
            [_param("html_path", "A reader path."), _param("id", "A page id.", {"type": "integer"})],
        ),
        "/api/v2/page_preview/": _operation(
            "A draft behind a preview token (never cached)",
            _json(_page_any()),
            [
                _param("content_type", "e.g. articles.articlepage", required=True),
                _param("token", "", required=True),
            ],
        ),
        "/api/v2/changes/": _operation(
            "What was published, updated, unpublished, moved or deleted since a cursor",
            _json(_ref("ChangeFeed")),
            [
                _param("since", "A cursor from meta.next_cursor; none for the whole history."),
                _param("limit", "1 to 500, default 100.", {"type": "integer", "minimum": 1, "maximum": 500}),
            ],
            description="Keep `meta.next_cursor`; ask again while `meta.has_more`. Tombstones (unpublish, "
            "delete) carry id, type, locale and the last path.",
        ),
    }
    for name, model in contract.SNIPPET_MODELS.items():
        parameters = [*LISTING_PARAMETERS]
        if name == "centers":
            parameters.append(_param("modality", "Centres offering this modality (slug)."))
        paths[f"/api/v2/{name}/"] = _operation(
            f"{model.__name__} snippets", _json(_listing(_ref(f"{model.__name__}Fields"))), parameters
        )
        paths[f"/api/v2/{name}/{{id}}/"] = _operation(
            f"One {model.__name__}", _json(_ref(model.__name__)), [ID, detail_fields]
        )
    loose = {"type": "object", "required": ["id", "meta"], "additionalProperties": True}
    for name in ("images", "documents"):
        paths[f"/api/v2/{name}/"] = _operation(
            f"Wagtail's {name}", _json(_listing(loose)), LISTING_PARAMETERS
        )
        paths[f"/api/v2/{name}/{{id}}/"] = _operation(f"One of Wagtail's {name}", _json(loose), [ID])
    paths["/api/v2/openapi.json"] = _operation("This document", _json({"type": "object"}))
    return paths


@cache
def openapi_document():
    """The OpenAPI 3.1 document (a dict; built once per process)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{settings.WAGTAIL_SITE_NAME}: delivery API",
            "version": "2.1.0",
            "description": (
                "Read-only, cached, anonymous. Errors are RFC 9457 problem documents "
                "(application/problem+json). Responses are compressed (br, gzip) on request."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": _paths(),
        "components": {"schemas": _schemas()},
    }


@require_safe
def openapi_view(request):
    return JsonResponse(openapi_document(), json_dumps_params={"separators": (",", ":")})


@require_safe
def docs_view(request):
    """Swagger UI from django-ninja's bundled assets, reading /api/v2/openapi.json."""
    return render(request, "delivery/api_docs.html", {"openapi_url": "/api/v2/openapi.json"})
