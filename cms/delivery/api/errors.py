"""Malformed queries answer 4xx with a JSON body, never a 500 page."""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from rest_framework import status
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError

# Database integers are signed 64-bit at most; anything bigger is a malformed id.
MAX_INT = 2**63 - 1
MAX_PARAM_LENGTH = 1000


def positive_int(value, name):
    """`value` as an int in [0, MAX_INT], or BadRequestError naming the parameter."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadRequestError(f"{name} must be a positive integer") from None
    if number < 0 or number > MAX_INT:
        raise BadRequestError(f"{name} must be a positive integer no bigger than {MAX_INT}")
    return number


def check_query_values(query_dict):
    """Refuse NUL characters and absurdly long values before they reach the database."""
    for name, values in query_dict.lists():
        for value in values:
            if "\x00" in value:
                raise BadRequestError(f"null characters are not allowed in {name}")
            if len(value) > MAX_PARAM_LENGTH:
                raise BadRequestError(f"{name} is longer than {MAX_PARAM_LENGTH} characters")


class JSONErrorsMixin:
    """DRF viewset mixin: every client error is `{"message": ...}` with a 4xx status."""

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response({"message": str(exc) or "not found"}, status=status.HTTP_404_NOT_FOUND)
        if isinstance(exc, BadRequestError):
            return Response({"message": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, ValidationError):
            return Response({"message": "; ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, (DataError, OverflowError)):
            # The database refused a value from the query string (e.g. out of range).
            return Response(
                {"message": "a query parameter has a value out of range"}, status=status.HTTP_400_BAD_REQUEST
            )
        return super().handle_exception(exc)


def api_not_found(request, *args, **kwargs):
    """Catch-all for unknown paths under /api/: a JSON 404 instead of an HTML page."""
    return JsonResponse({"message": "no such API endpoint", "path": request.path}, status=404)
