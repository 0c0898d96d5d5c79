"""Page endpoints: /api/v2/pages/ (Wagtail's, made complete and fast) and /api/v2/articles/."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, re_path
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, Site

from cms.articles.models import ArticlePage

from ..cache.http import is_public_request
from ..cache.snapshot_store import snapshot_content, snapshot_contents
from .base import DeliveryEndpointMixin
from .errors import NO_SUCH_PAGE, check_query_values, page_id, positive_int
from .fields import ReaderUrlField, attach_breadcrumbs, attach_translations, page_api_fields
from .filters import (
    ARTICLE_FILTERS,
    ArticleFilter,
    LocaleFilter,
    PlainSearchFilter,
    UpdatedSinceFilter,
    locale_code,
)
from .prefetch import linked_page_ids, optimize_queryset, prepare_instances
from .visibility import public_pages


def locale_roots(request):
    """{language_code: root url_path} of the request's site, from Wagtail's cached site root paths."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {
        root.language_code: root.root_path for root in Site.get_site_root_paths() if root.site_id == site.pk
    }


def locale_url_path(request, reader_path, locale=None):
    """The Wagtail url_path of a reader path: '/es/treatments/x/' -> '/home-es/treatments/x/'.

    The first segment may name the language ('/es/...'); otherwise `locale`, or the default
    language, decides which language tree the path is in.
    """
    roots = locale_roots(request)
    components = [part for part in reader_path.split("/") if part]
    if locale is not None:
        language = locale_code(locale)
        if components and components[0] == language:
            components = components[1:]
    elif components and components[0] in roots:
        language, components = components[0], components[1:]
    else:
        language = settings.LANGUAGE_CODE
    root = roots.get(language)
    if root is None:
        raise Http404(f"no {language} site")
    return root + "".join(f"{part}/" for part in components)


class DeliveryPageSerializer(PageSerializer):
    """Wagtail's page serializer with `meta.html_url` on the reader site (the language prefixed path)."""

    html_url = ReaderUrlField()


# Meta fields of stock Wagtail that v2 shows elsewhere (README, "Changelog of the v2 payload"):
# `locale` at the top level, `seo_title`/`search_description` resolved in `seo`, `parent` as the
# last entry of `breadcrumbs`.
MOVED_META_FIELDS = {"locale", "seo_title", "search_description", "parent"}


# Query parameters that choose which items a listing shows, never how an item is rendered.
SNAPSHOT_SAFE_PARAMETERS = {
    "type",
    "fields",
    "limit",
    "offset",
    "cursor",
    "order",
    "search",
    "search_operator",
    "locale",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "updated_since",
    *ARTICLE_FILTERS,
}


class DeliveryPagesAPIViewSet(DeliveryEndpointMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint with locale paths, translations, bulk loading and problem errors."""

    base_serializer_class = DeliveryPageSerializer
    filter_backends = [
        FieldsFilter,
        UpdatedSinceFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        ArticleFilter,
        PlainSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ARTICLE_FILTERS, {"updated_since", "fallback", "path", "cursor"}
    )
    detail_only_fields = []

    @classmethod
    def get_body_fields(cls, model):
        return page_api_fields(model, super().get_body_fields(model))

    @classmethod
    def get_meta_fields(cls, model):
        return [field for field in super().get_meta_fields(model) if field.name not in MOVED_META_FIELDS]

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            # ?condition= takes a slug (ArticleFilter), not Wagtail's raw foreign key filter.
            fields = [name for name in fields if name not in ARTICLE_FILTERS]
        return fields

    def get_base_queryset(self):
        # Wagtail rebuilds this (three queries) each time it is asked; once per request is enough.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = self.visible_pages(Page)
        return self._base_queryset

    def get_queryset(self):
        # Wagtail narrows to a page type with `pk IN (every visible page)`, which the database
        # builds in full before it pages; the same rule on the type's own rows reads one page.
        queryset = super().get_queryset()
        return queryset if queryset.model is Page else self.visible_pages(queryset.model)

    def visible_pages(self, model):
        """The live pages of `model` this request may see (visibility.py)."""
        try:
            return public_pages(self.request, model)
        except ValueError as exc:  # an unknown ?site=
            raise BadRequestError(str(exc)) from exc

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name in ("child_of", "ancestor_of", "descendant_of", "translation_of", "id"):
            value = self.request.GET.get(name)
            if value is not None and value != "root":
                positive_int(value, name)

    def optimize_queryset(self, queryset, fields):
        return optimize_queryset(queryset, queryset.model, fields)

    def prepare(self, items, fields):
        by_model = {}
        for item in items:
            by_model.setdefault(type(item), []).append(item)
        for group in by_model.values():
            prepare_instances(group, fields, expand_rich_text=self.expand_rich_text())
        if "translations" in fields:
            attach_translations(items)
        if "breadcrumbs" in fields:
            attach_breadcrumbs(items, self.get_base_queryset())

    def load_page(self, queryset, ids):
        """The listing's items in `ids` order (see pagination.py): each item's stored snapshot
        (bytes) where it is exactly the item's listing JSON, the others as model instances."""
        contents = self.listing_snapshots(queryset.model, ids)
        missing = [pk for pk in ids if pk not in contents]
        rows = {item.pk: item for item in queryset.order_by().filter(pk__in=missing)} if missing else {}
        return [contents.get(pk) or rows[pk] for pk in ids if pk in contents or pk in rows]

    def listing_snapshots(self, model, ids):
        """{id: bytes} of the items' detail snapshots, when those are byte for byte what the listing
        shows: one page type with its detail fields (?fields=*), nothing in the query that changes
        how an item is rendered, an anonymous caller (snapshots are the public view)."""
        if model is Page or set(self.request.GET) - SNAPSHOT_SAFE_PARAMETERS:
            return {}
        if not is_public_request(self.request._request):
            return {}
        router = self.request.wagtailapi_router
        listing = self.serializer_class_for(model, detail=False).Meta.fields
        if list(listing) != list(
            self._get_serializer_class(router, model, [], show_details=True).Meta.fields
        ):
            return {}
        return snapshot_contents(ids, Site.find_for_request(self.request).pk)

    def load_specific(self, page, detail=True):
        """The page as its specific class, with what its serializer reads loaded in bulk."""
        model = page.specific_class or type(page)
        fields = list(self.serializer_class_for(model, detail=detail).Meta.fields)
        instance = optimize_queryset(model.objects.filter(pk=page.pk), model, fields).first()
        if instance is None:
            raise Http404(NO_SUCH_PAGE)
        self.prepare([instance], fields)
        return instance

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            pk = page_id(self.kwargs["pk"])
            queryset = self.filter_queryset(self.get_queryset())
            self._cached_object = self.load_specific(get_object_or_404(queryset, pk=pk))
        return self._cached_object

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        if not request.GET and is_public_request(request._request):
            return self.snapshot_response(request, page_id(pk))
        instance = self.get_object()
        return Response(self.get_serializer(instance).data)

    # Snapshots: the plain detail JSON of a live page, rendered ahead (cache/snapshots.py).

    def snapshot_response(self, request, pk):
        """The page's snapshot if it matches the live, public row; otherwise rendered in memory
        (a GET never writes: publishing and background tasks build snapshots)."""
        row = (
            self.filter_queryset(self.get_queryset())
            .filter(pk=pk)
            .values_list("live_revision_id", "url_path")
            .first()
        )
        if row is None:
            raise Http404(NO_SUCH_PAGE)
        site = Site.find_for_request(request)
        content = snapshot_content(pk, *row, site_id=site.pk)
        if content is None:
            rendered = self.render_snapshots([pk])
            if not rendered:
                raise Http404(NO_SUCH_PAGE)
            content = rendered[0]["content"]
        return HttpResponse(content, content_type="application/json")

    def render_snapshots(self, page_ids):
        """The detail JSON of those of `page_ids` this request may see, rendered in bulk:
        [{page_id, live_revision_id, url_path, site_id, content, translation_keys}]."""
        site = Site.find_for_request(self.request)
        rows = list(
            self.get_base_queryset()
            .filter(pk__in=page_ids)
            .values_list("pk", "content_type_id", "live_revision_id", "url_path", "path", "translation_key")
        )
        parents = dict(
            Page.objects.filter(path__in={row[4][: -Page.steplen] for row in rows}).values_list(
                "path", "translation_key"
            )
        )
        by_model = {}
        for row in rows:
            model = ContentType.objects.get_for_id(row[1]).model_class() or Page
            by_model.setdefault(model, []).append(row[0])
        instances = {}
        for model, ids in by_model.items():
            serializer_class = self.serializer_class_for(model, detail=True)
            fields = list(serializer_class.Meta.fields)
            items = list(optimize_queryset(model.objects.filter(pk__in=ids), model, fields))
            links = {item.pk: linked_page_ids(item) for item in items}
            self.prepare(items, fields)
            for item in items:
                instances[item.pk] = (item, serializer_class, links[item.pk])
        linked_ids = {pk for _item, _cls, ids in instances.values() for pk in ids}
        link_keys = dict(Page.objects.filter(pk__in=linked_ids).values_list("pk", "translation_key"))
        context = self.get_serializer_context()
        renderer, renderer_context = JSONRenderer(), self.get_renderer_context()
        rendered = []
        for pk, _type, live_revision_id, url_path, tree_path, translation_key in rows:
            if pk not in instances:
                continue
            item, serializer_class, linked = instances[pk]
            data = serializer_class(item, context=context).data
            keys = {translation_key, parents.get(tree_path[: -Page.steplen])}
            keys |= {link_keys[i] for i in linked if i in link_keys}
            rendered.append(
                {
                    "page_id": pk,
                    "live_revision_id": live_revision_id,
                    "url_path": url_path,
                    "site_id": site.pk,
                    "content": renderer.render(data, "application/json", renderer_context),
                    "translation_keys": keys - {None},
                }
            )
        return rendered

    def find_view(self, request):
        """The page itself (200), never a redirect: Wagtail's redirect names WAGTAILAPI_BASE_URL's
        host, which may not be the one the client called. Content-Location names its detail URL."""
        check_query_values(request.GET)
        page = self.find_object(self.get_queryset(), request)
        if page is None:
            raise Http404(NO_SUCH_PAGE)
        return self.page_response(page)

    def by_path_view(self, request):
        """GET ?path=/es/treatments/x/ (or ?locale=es&path=/treatments/x/): the page itself."""
        self.check_query_parameters(self.get_queryset())
        if not request.GET.get("path"):
            raise BadRequestError("path is required, e.g. ?path=/es/treatments/some-article/")
        url_path = locale_url_path(request, request.GET["path"], request.GET.get("locale"))
        page = self.get_queryset().filter(url_path=url_path).first()
        if page is None:
            raise Http404(f"no {self.noun} at this path")
        return self.page_response(page)

    noun = "page"

    def page_response(self, page):
        self._cached_object = self.load_specific(page)
        response = Response(self.get_serializer(self._cached_object).data)
        detail = self.request.wagtailapi_router.get_object_detail_urlpath(type(self._cached_object), page.pk)
        if detail:
            response["Content-Location"] = detail
        return response

    def get_serializer_class(self):
        if self.action in ("by_path_view", "find_view"):
            return self.serializer_class_for(type(self._cached_object), detail=True)
        return super().get_serializer_class()

    @classmethod
    def get_urlpatterns(cls):
        return [
            *super().get_urlpatterns(),
            path("by-path/", cls.as_view({"get": "by_path_view"}), name="by_path"),
            # Anything else is an id that names no page: 404, like a number that does not exist.
            re_path(r"^(?P<pk>[^/]+)/$", cls.as_view({"get": "detail_view"}), name="detail_any"),
        ]

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            url_path = locale_url_path(request, request.GET["html_path"])
            return queryset.filter(url_path=url_path).first()
        if "id" in request.GET:
            return queryset.filter(id=positive_int(request.GET["id"], "id")).first()
        return None


class ArticlesAPIViewSet(DeliveryPagesAPIViewSet):
    """/api/v2/articles/: articles only, with review metadata and JSON-LD, and lookup by path."""

    model = ArticlePage
    name = "articles"
    known_query_parameters = DeliveryPagesAPIViewSet.known_query_parameters.difference({"type"})
    listing_default_fields = [
        *DeliveryPagesAPIViewSet.listing_default_fields,
        "summary",
        "direction",
        "path",
        "url",
        "last_published_at",
        "condition",
        "medical_review",
        "reading_time_minutes",
    ]

    noun = "article"
