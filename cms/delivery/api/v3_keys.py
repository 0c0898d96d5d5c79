"""v3 keys in paths and queries: a value no row can have is a client error, never a 500.

Wagtail's v3 hands raw strings to the database in a few places before validating them: the
snippet `{pk}` of every snippet route, the `{page_id}` that typed bodies are looked up by
(`PATCH /pages/null/`), and `?translation_of=` of listings. The database then raises
ValueError (a 500). Checked here first, as v2 answers the same mistakes: a path key that cannot
exist is 404, a query value of the wrong kind is 400.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

from .errors import MAX_INT, NO_SUCH_PAGE, problem_response

PAGES_PREFIX = "/api/v3/pages/"


def _is_key(model, value):
    """True if `value` (a string from the URL) can be a primary key of `model`."""
    try:
        key = model._meta.pk.to_python(unquote(value))
    except (ValidationError, ValueError, TypeError):
        return False
    return not isinstance(key, int) or 0 <= key <= MAX_INT


def _snippet_model(label):
    try:
        return resolve_model_string(label) if isinstance(label, str) else None
    except (LookupError, ValueError):
        return None  # not a snippet type: v3 answers that itself (422)


def keys_checked(view_func):
    """Ninja view decorator: 404 for a path key no row can have, 400 for a `translation_of` of none."""

    def wrapper(request, *args, **kwargs):
        snippet_model = _snippet_model(kwargs.get("type"))
        if isinstance(kwargs.get("page_id"), str) and not _is_key(Page, kwargs["page_id"]):
            return problem_response(404, NO_SUCH_PAGE)
        pk = kwargs.get("pk")
        if snippet_model is not None and isinstance(pk, str) and not _is_key(snippet_model, pk):
            return problem_response(404, "no such snippet")
        listed = snippet_model or (Page if request.path_info.startswith(PAGES_PREFIX) else None)
        translation_of = request.GET.get("translation_of")
        if listed is not None and translation_of is not None and not _is_key(listed, translation_of):
            return problem_response(400, "translation_of must be the id of an object of this type")
        return view_func(request, *args, **kwargs)

    wrapper.__name__ = getattr(view_func, "__name__", "view")
    wrapper.__doc__ = view_func.__doc__
    return wrapper
