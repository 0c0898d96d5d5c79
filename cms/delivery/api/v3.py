"""Wagtail's v3 API (/api/v3/) with the admin's rules for writes.

- the locales router: `wagtail.locales` mounts it on Wagtail's v3 API in its `ready()`, and this
  project installs `wagtail_localize.locales` in its place, which does not; mounted here instead
  through ninja's public `add_router`;
- validation before publish: Wagtail's v3 publish action puts a draft live without
  validating it (a missing required block field goes live); here the draft is validated
  first, the way the admin's page form would, and refused with a 422 problem document;
- the clinical sign-off rule (cms/editorial) raises inside Wagtail's publish action; its
  exception is a PermissionDenied, answered as a 403 problem document with its message;
- strict write bodies and revision preconditions (If-Match / ETag), see v3_writes.py;
- keys no row can have (`/snippets/articles.Person/x/`, `PATCH /pages/null/`,
  `?translation_of=x`) are a 404 or 400, not a 500: see v3_keys.py;
- the OpenAPI document made valid (v3_openapi.py serves it).

Everything goes through public extension points: `NinjaAPI.add_router` and `add_decorator`.
Operations are recognised by their URL names and methods (Wagtail's routers name each path
explicitly), never by the names of Wagtail's view functions.
"""

import functools

from django.apps import apps
from django.core.exceptions import ValidationError
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError
from wagtail.fields import StreamField
from wagtail.locales.api.v3.router import router as locales_router
from wagtail.models import Page

from .v3_keys import keys_checked
from .v3_writes import (
    current_operation,
    json_object_bodies,
    revision_etags,
    revision_preconditions,
    root_not_copied,
    strict_write_bodies,
)

# Operations by (URL name, method), as v3_writes.py names them.
PUBLISH = ("pages_actions_publish", "POST")
UPDATE = ("detail_page", "PATCH")  # `meta.action: "publish"` in the body publishes too


def _block_errors(data, loc):
    """(loc, message) pairs from StreamBlockValidationError.as_json_data()."""
    for message in data.get("messages", []):
        yield loc, message
    children = data.get("blockErrors") or {}
    items = children.items() if isinstance(children, dict) else enumerate(children)
    for key, child in items:
        if child:
            yield from _block_errors(child, [*loc, key])


def page_validation_errors(page, skip_fields=()):
    """[(loc, message)] for a page about to go live: model validation, then every StreamField's blocks."""
    errors = []
    try:
        page.full_clean()
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors += [([field], message) for message in messages]
    for field in page._meta.fields:
        if not isinstance(field, StreamField) or field.name in skip_fields:
            continue
        value = getattr(page, field.attname)
        try:
            field.stream_block.clean(value)
        except ValidationError as exc:
            data = exc.as_json_data() if hasattr(exc, "as_json_data") else {"messages": exc.messages}
            errors += list(_block_errors(data, [field.name]))
    return errors


def page_validate_for_publish(page, skip_fields=()):
    """Raise a 422-mapped validation error if `page` (a draft object) is not valid to publish."""
    errors = page_validation_errors(page, skip_fields)
    if errors:
        raise PydanticValidationError.from_exception_data(
            "Validation error",
            [
                {
                    "type": PydanticCustomError("invalid", message),  # type: ignore[arg-type]
                    "loc": tuple(loc),
                    "input": None,
                }
                for loc, message in errors
            ],
            hide_input=True,
        )


def _draft_to_publish(page_id, user):
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.permissions_for_user(user).can_publish():
        return None  # Wagtail's own view answers 404 or 403.
    return page.specific.get_latest_revision_as_object()


def validate_before_publish(view_func):
    """Ninja operation decorator: validate what a v3 write is about to publish, before it does."""

    def wrapper(request, *args, **kwargs):
        operation = current_operation(request)
        data = kwargs.get("data")
        if operation == PUBLISH:
            draft = _draft_to_publish(kwargs.get("page_id"), request.user)
            if draft is not None:
                page_validate_for_publish(draft)
        elif operation == UPDATE and getattr(getattr(data, "meta", None), "action", None) == "publish":
            draft = _draft_to_publish(kwargs.get("page_id"), request.user)
            if draft is not None:
                # Fields sent in this request are validated by the page form itself.
                page_validate_for_publish(draft, skip_fields=data.model_dump(exclude_unset=True).keys())
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper


@functools.cache
def v3_configure(api):
    """Mount the locales router and the write rules on Wagtail's v3 NinjaAPI (once per API)."""
    if not apps.is_installed("wagtail.locales"):  # which mounts it itself
        api.add_router("/locales/", locales_router)
    api.add_decorator(validate_before_publish)
    api.add_decorator(strict_write_bodies)
    api.add_decorator(revision_preconditions)
    api.add_decorator(root_not_copied)
    api.add_decorator(revision_etags, mode="view")
    api.add_decorator(json_object_bodies, mode="view")
    api.add_decorator(keys_checked, mode="view")
    return api
