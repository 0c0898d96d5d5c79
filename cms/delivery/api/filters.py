"""Query filters of the read API: locale, condition, modality, review status; bounded pagination."""

from collections import OrderedDict

from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from cms.articles.models import ArticlePage, TreatmentModality
from cms.editorial.services import review_status_filter

from .errors import positive_int

ARTICLE_FILTERS = ("condition", "modality", "review_status")


def content_language_codes():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def locale_code(value):
    """A configured language code, or BadRequestError listing the valid ones."""
    codes = content_language_codes()
    if value not in codes:
        raise BadRequestError(f"unknown locale '{value}': expected one of {', '.join(codes)}")
    return value


class LocaleFilter(BaseFilterBackend):
    """?locale=es: only content in that language (400 for a language the site does not have)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" not in request.GET:
            return queryset
        code = locale_code(request.GET["locale"])
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        # A pk subquery, not a join, so that full-text search can still run on the result.
        model = queryset.model
        queryset = queryset.filter(pk__in=model.objects.filter(locale__language_code=code).values("pk"))
        if child_of is not None:
            queryset._filtered_by_child_of = child_of
        return queryset


def modality_body_pattern(modality_ids):
    """A regex matching a stored body with a treatment block of one of these modalities.

    StreamField JSON is stored as `"modality": 12,` (Django's json.dumps on SQLite and
    PostgreSQL's jsonb text output alike); quotes inside rich text are escaped, so text
    cannot match.
    """
    ids = "|".join(str(int(pk)) for pk in sorted(modality_ids))
    return rf'"modality": ({ids})[,}}]'


class ArticleFilter(BaseFilterBackend):
    """?condition=<slug or id>, ?modality=<slug>, ?review_status=current|due_soon|overdue."""

    def filter_queryset(self, request, queryset, view):
        asked = [name for name in ARTICLE_FILTERS if name in request.GET]
        if not asked:
            return queryset
        if not issubclass(queryset.model, ArticlePage):
            raise BadRequestError(f"{', '.join(asked)} filters need type=articles.ArticlePage")
        for name in asked:
            if not request.GET[name]:
                raise BadRequestError(f"{name} needs a value")
        articles = ArticlePage.objects.all()
        if "condition" in request.GET:
            value = request.GET["condition"]
            if value.isdigit():
                articles = articles.filter(condition_id=positive_int(value, "condition"))
            else:
                articles = articles.filter(condition__slug=value)
        if "modality" in request.GET:
            ids = list(
                TreatmentModality.objects.filter(slug=request.GET["modality"]).values_list("pk", flat=True)
            )
            if not ids:
                raise BadRequestError(f"unknown modality '{request.GET['modality']}'")
            articles = articles.annotate(body_text=Cast("body", TextField())).filter(
                body_text__regex=modality_body_pattern(ids)
            )
        if "review_status" in request.GET:
            try:
                articles = review_status_filter(articles, request.GET["review_status"])
            except ValueError as exc:
                raise BadRequestError(str(exc)) from exc
        return queryset.filter(pk__in=articles.values("pk"))


class DeliveryPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, with offsets past the end answered without a query."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        offset = positive_int(request.GET.get("offset", 0), "offset")
        limit = positive_int(request.GET.get("limit", min(20, limit_max)), "limit")
        if limit_max and limit > limit_max:
            raise BadRequestError(f"limit cannot be higher than {limit_max}")
        self.view = view
        self.total_count = queryset.count()
        if offset >= self.total_count or limit == 0:
            return []
        return list(queryset[offset : offset + limit])

    def get_paginated_response(self, data):
        return Response(
            OrderedDict([("meta", OrderedDict([("total_count", self.total_count)])), ("items", data)])
        )
