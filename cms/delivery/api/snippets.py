"""Snippet endpoints: /api/v2/conditions/, /api/v2/modalities/, /api/v2/centers/ (by locale)."""

from django.http import Http404
from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from cms.articles.blocks import modality_representation
from cms.articles.models import Condition, MedicalCenter, TreatmentModality

from .base import DeliveryEndpointMixin
from .errors import positive_int
from .filters import LocaleFilter, PlainSearchFilter


class LocaleCodeField(Field):
    """ "es": the language of a translatable snippet."""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, locale):
        return locale.language_code


class ModalitiesField(Field):
    """[{"slug": "surgery", "name": "Surgery", "schema_type": "SurgicalProcedure"}, ...]"""

    def __init__(self, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(*args, **kwargs)

    def to_representation(self, manager):
        return [modality_representation(m) for m in manager.all() if m.live]


class CenterModalityFilter(BaseFilterBackend):
    """?modality=<slug>: centres that offer this treatment."""

    def filter_queryset(self, request, queryset, view):
        if "modality" in request.GET:
            offering = MedicalCenter.objects.filter(
                modalities__slug=request.GET["modality"], modalities__live=True
            )
            queryset = queryset.filter(pk__in=offering.values("pk"))
        return queryset


class SnippetAPIViewSet(DeliveryEndpointMixin, BaseAPIViewSet):
    """A read-only endpoint for one translatable snippet model; filter with ?locale=es."""

    filter_backends = [FieldsFilter, OrderingFilter, LocaleFilter, PlainSearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union({"locale", "fallback", "cursor"})
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "slug", "name", "locale"]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "slug", "name"]
    prefetch = ()

    # Writable in v3, not shown in v2 (`synonyms` is the editors' text behind `synonym_list`).
    hidden_fields = frozenset({"synonyms"})

    @classmethod
    def get_meta_fields(cls, model):
        return [*super().get_meta_fields(model), APIField("locale", serializer=LocaleCodeField())]

    @classmethod
    def get_body_fields(cls, model):
        return [field for field in super().get_body_fields(model) if field.name not in cls.hidden_fields]

    def get_queryset(self):
        # Only the live version: drafts of the vocabulary are under review, never served.
        queryset = self.model.objects.filter(live=True).select_related("locale")
        return queryset.prefetch_related(*self.prefetch).order_by("id")

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            try:
                positive_int(self.kwargs["pk"], "id")
                self._cached_object = super().get_object()
            except (BadRequestError, Http404):
                raise Http404(f"no such {self.model._meta.verbose_name}") from None
        return self._cached_object

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)


class ConditionsAPIViewSet(SnippetAPIViewSet):
    model = Condition
    name = "conditions"


class ModalitiesAPIViewSet(SnippetAPIViewSet):
    model = TreatmentModality
    name = "modalities"
    listing_default_fields = [*SnippetAPIViewSet.listing_default_fields, "schema_type"]


class CentersAPIViewSet(SnippetAPIViewSet):
    model = MedicalCenter
    name = "centers"
    filter_backends = [CenterModalityFilter, *SnippetAPIViewSet.filter_backends]
    known_query_parameters = SnippetAPIViewSet.known_query_parameters.union({"modality"})
    listing_default_fields = [*SnippetAPIViewSet.listing_default_fields, "city", "country"]
    prefetch = ("modalities",)

    @classmethod
    def get_body_fields(cls, model):
        return [*super().get_body_fields(model), APIField("modalities", serializer=ModalitiesField())]
