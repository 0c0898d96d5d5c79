"""Query filters of the read API: locale, condition, modality, review status (pagination.py pages)."""

from django.conf import settings
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import SearchFilter
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


def visible_objects(view, model):
    """What the caller may see of `model`: live, public pages for page endpoints; every snippet."""
    get_base_queryset = getattr(view, "get_base_queryset", None)
    return get_base_queryset() if get_base_queryset is not None else model.objects.all()


class LocaleFilter(BaseFilterBackend):
    """?locale=es: only content in that language (400 for a language the site does not have).

    ?locale=es&fallback=en: for each translation group, the visible Spanish item, or else the
    English one; each item then says its own `locale`, `requested_locale` and `fallback`.
    """

    def filter_queryset(self, request, queryset, view):
        if "fallback" in request.GET and "locale" not in request.GET:
            raise BadRequestError("fallback needs locale, e.g. ?locale=es&fallback=en")
        if "locale" not in request.GET:
            return queryset
        code = locale_code(request.GET["locale"])
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        # A pk subquery, not a join, so that full-text search can still run on the result.
        model = queryset.model
        wanted = Q(pk__in=model.objects.filter(locale__language_code=code).values("pk"))
        if "fallback" in request.GET:
            fallback = locale_code(request.GET["fallback"])
            present = visible_objects(view, model).filter(locale__language_code=code)
            stand_ins = model.objects.filter(locale__language_code=fallback).exclude(
                translation_key__in=present.values("translation_key")
            )
            wanted |= Q(pk__in=stand_ins.values("pk"))
        queryset = queryset.filter(wanted)
        if child_of is not None:
            queryset._filtered_by_child_of = child_of
        return queryset


def parse_moment(value, name):
    """An aware datetime from an ISO 8601 date or date-time, or BadRequestError naming `name`."""
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None and parse_date(value) is not None:
            moment = parse_datetime(f"{value}T00:00:00")
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequestError(f"{name} must be an ISO 8601 date or date-time, e.g. 2026-01-31T12:00:00Z")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


class UpdatedSinceFilter(BaseFilterBackend):
    """?updated_since=2026-01-31T12:00:00Z: pages published (or republished) at or after that moment."""

    def filter_queryset(self, request, queryset, view):
        if "updated_since" not in request.GET:
            return queryset
        return queryset.filter(
            last_published_at__gte=parse_moment(request.GET["updated_since"], "updated_since")
        )


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


class PlainSearchFilter(SearchFilter):
    """?search=words&search_operator=and|or: Wagtail's search, 400 for any other operator.

    The text itself is read as plain words by the search backend (cms/delivery/search.py).
    """

    OPERATORS = ("and", "or")

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "listing_view") != "listing_view":
            return queryset  # a detail is one object: there is nothing to search (and no queryset after)
        operator = request.GET.get("search_operator")
        if operator is not None and operator.lower() not in self.OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().filter_queryset(request, queryset, view)
