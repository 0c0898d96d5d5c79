"""v3 writes: strict bodies and revision preconditions.

- Strict: a create or update body may hold only what the type's write schema accepts. Wagtail's
  schemas ignore anything else, so a typo or a read-only field (say `last_reviewed`, which only
  a clinical sign-off sets) would be dropped with a 200. Here it is a 422 naming each field.
- Preconditions: every object response to an authenticated caller carries the revision it
  shows as its ETag (`"revision-<id>"`); a write that sends `If-Match` with an ETag that is no
  longer the object's latest revision is refused with a 412, naming who saved in between, so
  two clients cannot silently overwrite each other.

- The tree's root cannot be copied or aliased (v3 looks for a free slug among the root's
  siblings, which it has none of: a 500); it is a 422, as in the admin, which offers neither.
- Object bodies: a JSON body that is not an object (`-1`, `[]`, `"x"`) is a 422 before v3
  parses it (its type discriminator reads `value._meta` of whatever it gets: a 500).

Operations are recognised by their URL names and methods (`current_operation`), which Wagtail's
routers set explicitly; never by the names of Wagtail's view functions.
"""

import json

from django.http import HttpRequest
from django.utils.translation import gettext as _
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError
from wagtail.api.v3.errors import problem_response
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page, Revision

# Operations by (URL name, method): Wagtail's routers name each path explicitly, and one path
# may serve several methods (GET, PATCH and DELETE of /pages/{id}/ share "detail_page").
PAGE_DETAIL = {("detail_page", "GET")}
SNIPPET_DETAIL = {("detail_snippet", "GET")}
PAGE_WRITES = {
    ("detail_page", "PATCH"),
    ("detail_page", "DELETE"),
    ("pages_actions_publish", "POST"),
    ("pages_actions_unpublish", "POST"),
    ("pages_actions_revert", "POST"),
    ("pages_actions_move", "POST"),
    ("pages_actions_delete", "DELETE"),
    ("pages_actions_convert_alias", "POST"),
}
SNIPPET_WRITES = {
    ("detail_snippet", "PATCH"),
    ("detail_snippet", "DELETE"),
    ("snippets_actions_publish", "POST"),
    ("snippets_actions_unpublish", "POST"),
    ("snippets_actions_revert", "POST"),
    ("snippets_actions_delete", "DELETE"),
}
CREATES = {("list_pages", "POST"): "page", ("list_snippets", "POST"): "snippet"}
STRICT_BODIES = {
    ("list_pages", "POST"),
    ("detail_page", "PATCH"),
    ("list_snippets", "POST"),
    ("detail_snippet", "PATCH"),
}


COPIES = {("pages_actions_copy", "POST"), ("pages_actions_create_alias", "POST")}


def current_operation(request):
    """(URL name, method) of the v3 operation `request` calls: ("pages_actions_publish", "POST")."""
    match = getattr(request, "resolver_match", None)
    return (match.url_name if match else None, request.method)


def _object(operation, kwargs):
    """The page or snippet a v3 operation is about, or None."""
    if operation in PAGE_WRITES or operation in PAGE_DETAIL:
        return Page.objects.filter(pk=kwargs.get("page_id")).first()
    if operation in SNIPPET_WRITES or operation in SNIPPET_DETAIL:
        try:
            model = resolve_model_string(kwargs.get("type", ""))
        except (LookupError, ValueError):
            return None
        return model.objects.filter(pk=kwargs.get("pk")).first()
    return None


def revision_etag(revision_id):
    return f'"revision-{revision_id}"' if revision_id else None


def _shown_revision_id(request, obj):
    """The revision a detail response shows: the draft's when asked for, else the live one."""
    if request.GET.get("version") == "draft" or not getattr(obj, "live", True):
        return obj.latest_revision_id
    return getattr(obj, "live_revision_id", None) or obj.latest_revision_id


def _precondition_failed(obj, header):
    latest = Revision.objects.select_related("user").filter(pk=obj.latest_revision_id).first()
    who = _("someone")
    if latest is not None and latest.user is not None:
        who = latest.user.get_full_name() or latest.user.get_username()
    detail = _(
        "The object changed since you read it: %(who)s saved revision %(revision)s at %(when)s. "
        "Read it again (its ETag is %(etag)s) and reapply your change."
    ) % {
        "who": who,
        "revision": obj.latest_revision_id,
        "when": latest.created_at.isoformat() if latest else "?",
        "etag": revision_etag(obj.latest_revision_id),
    }
    response = problem_response(status=412, detail=detail)
    response["ETag"] = revision_etag(obj.latest_revision_id)
    return response


def _matches(header, etag):
    candidates = [part.strip() for part in header.split(",")]
    return "*" in candidates or (etag is not None and etag in candidates)


def _may_change(user, obj):
    if isinstance(obj, Page):
        perms = obj.permissions_for_user(user)
        return perms.can_edit() or perms.can_publish()
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(type(obj))
    return policy is not None and policy.user_has_permission_for_instance(user, "change", obj)


def revision_preconditions(view_func):
    """Ninja operation decorator (after authentication): If-Match on writes, 412 when stale."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        operation = current_operation(request)
        header = request.headers.get("If-Match")
        if header and (operation in PAGE_WRITES or operation in SNIPPET_WRITES):
            obj = _object(operation, kwargs)
            # Only for callers who may change it: a 412 names who saved last.
            stale = obj is not None and not _matches(header, revision_etag(obj.latest_revision_id))
            if stale and _may_change(request.user, obj):
                return _precondition_failed(obj, header)
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


def json_object_bodies(view_func):
    """Ninja view decorator: a JSON request body must be an object (422 problem otherwise)."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.body and request.content_type == "application/json":
            try:
                body = json.loads(request.body)
            except ValueError:
                body = {}  # not JSON at all: v3's own parser answers that
            if not isinstance(body, dict):
                return problem_response(status=422, detail=_("The request body must be a JSON object."))
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


def root_not_copied(view_func):
    """Ninja operation decorator: copying or aliasing the root of the page tree is a 422."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if (
            current_operation(request) in COPIES
            and Page.objects.filter(pk=kwargs.get("page_id"), depth=1).exists()
        ):
            return problem_response(
                status=422, detail=_("The root of the page tree cannot be copied or aliased.")
            )
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


def revision_etags(view_func):
    """Ninja view decorator: the ETag of the revision an object response shows (authenticated callers)."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        response = view_func(request, *args, **kwargs)
        if request.user.is_authenticated and 200 <= response.status_code < 300:
            _add_etag(request, current_operation(request), kwargs, response)
        return response

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


def _add_etag(request, operation, kwargs, response):
    if operation in CREATES:
        try:
            created = json.loads(response.content)
        except ValueError:
            return
        if CREATES[operation] == "page":
            obj = Page.objects.filter(pk=created.get("id")).first()
        else:
            meta = created.get("meta") or {}
            obj = _object(("detail_snippet", "GET"), {"type": meta.get("type", ""), "pk": created.get("id")})
        revision_id = obj.latest_revision_id if obj is not None else None
    elif operation in PAGE_DETAIL or operation in SNIPPET_DETAIL:
        obj = _object(operation, kwargs)
        revision_id = _shown_revision_id(request, obj) if obj is not None else None
    elif operation in PAGE_WRITES or operation in SNIPPET_WRITES:
        obj = _object(operation, kwargs)
        revision_id = obj.latest_revision_id if obj is not None else None
    else:
        return
    etag = revision_etag(revision_id)
    if etag:
        response["ETag"] = etag


def _read_only_names(model):
    from wagtail.api import APIField

    return {field.name for field in APIField.get_fields_for_model(model) if not field.writable} | {
        "id",
        "pk",
        "live",
        "locale",
        "first_published_at",
        "last_published_at",
    }


def _accepted_keys(schema):
    """{JSON key: field} a pydantic schema reads (its aliases: "condition_id", not "condition")."""
    return {(field.alias or name): field for name, field in schema.model_fields.items()}


def _unknown_keys(body, schema, prefix=""):
    """(path, key) of every key of `body` the pydantic `schema` class does not read."""
    if not isinstance(body, dict):
        return []
    accepted = _accepted_keys(schema)
    found = []
    for key, value in body.items():
        if key not in accepted:
            found.append((prefix, key))
            continue
        nested = _schema_of(accepted[key].annotation)
        if nested is None:
            continue
        if isinstance(value, dict):
            found += _unknown_keys(value, nested, f"{prefix}{key}.")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found += _unknown_keys(item, nested, f"{prefix}{key}.{index}.")
    return found


def _schema_of(annotation):
    """The pydantic model inside an annotation (Model, Model | None, list[Model]), or None."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        nested = _schema_of(arg)
        if nested is not None:
            return nested
    return None


def strict_write_bodies(view_func):
    """Ninja operation decorator: refuse (422) unknown or read-only fields in create/update bodies."""

    def wrapper(request, *args, **kwargs):
        data = kwargs.get("data")
        if current_operation(request) in STRICT_BODIES and data is not None:
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                body = {}
            unknown = _unknown_keys(body, type(data))
            if unknown:
                raise _unknown_fields_error(type(data), data, unknown)
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


def _unknown_fields_error(schema, data, unknown):
    accepted = _accepted_keys(schema)
    model = None
    meta = getattr(data, "meta", None)
    if meta is not None and getattr(meta, "type", None):
        try:
            model = resolve_model_string(meta.type)
        except (LookupError, ValueError):
            model = None
    read_only = _read_only_names(model) if model is not None else set()
    errors = []
    for prefix, key in unknown:
        model_field = key[:-3] if key.endswith("_id") else key
        if not prefix and (key in read_only or model_field in read_only):
            message = _("“%(field)s” is read-only: it cannot be written through the API.") % {"field": key}
            if model is not None and key in getattr(model, "REVIEW_FIELDS", ()):
                message = _("“%(field)s” is set by the clinical sign-off only; it cannot be written.") % {
                    "field": key
                }
            kind = "read_only"
        elif not prefix and f"{key}_id" in accepted:
            message = _("Unknown field “%(field)s”: send the related object's id as “%(field)s_id”.") % {
                "field": key
            }
            kind = "unknown_field"
        else:
            message = _("Unknown field “%(field)s”: this type does not have it.") % {"field": prefix + key}
            kind = "unknown_field"
        errors.append(
            {
                "type": PydanticCustomError(kind, message),  # type: ignore[arg-type]
                "loc": ("body", *[int(p) if p.isdigit() else p for p in prefix.split(".")[:-1]], key),
                "input": None,
            }
        )
    return PydanticValidationError.from_exception_data("Validation error", errors, hide_input=True)
