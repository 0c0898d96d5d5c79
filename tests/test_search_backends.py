"""Search runs on Wagtail's database backend (PostgreSQL full-text search on PostgreSQL) unless
WAGTAILSEARCH_BACKEND names Elasticsearch or OpenSearch; every engine reads search texts as
plain words. No search cluster runs here: the cluster engines are checked up to the request
their client would send, never against a live server."""

import pytest
from django.db import connection
from django.test import override_settings
from django.utils.module_loading import import_string
from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.delivery.search import PlainWordsMixin
from tests.settings_support import key, manage, settings_of

UNSET = {"WAGTAILSEARCH_BACKEND": "", "WAGTAILSEARCH_URLS": "", "WAGTAILSEARCH_INDEX_PREFIX": ""}


def test_database_engine_is_the_default():
    (backends,) = settings_of("WAGTAILSEARCH_BACKENDS", DJANGO_SECRET_KEY=key(), **UNSET)
    assert backends == repr({"default": {"BACKEND": "cms.delivery.search", "ENGINE": "database"}})


def test_elasticsearch_is_chosen_by_the_environment():
    (backends,) = settings_of(
        "WAGTAILSEARCH_BACKENDS",
        DJANGO_SECRET_KEY=key(),
        WAGTAILSEARCH_BACKEND="Elasticsearch8",
        WAGTAILSEARCH_URLS="https://cms:secret@search-1:9200, https://cms:secret@search-2:9200",
        WAGTAILSEARCH_INDEX_PREFIX="staging_",
        WAGTAILSEARCH_TIMEOUT="5",
    )
    assert backends == repr(
        {
            "default": {
                "BACKEND": "cms.delivery.search",
                "ENGINE": "elasticsearch8",
                "URLS": ["https://cms:secret@search-1:9200", "https://cms:secret@search-2:9200"],
                "INDEX_PREFIX": "staging_",
                "TIMEOUT": 5,
            }
        }
    )


def test_an_unknown_engine_stops_start_up_naming_the_choices():
    result = manage("check", DJANGO_SECRET_KEY=key(), **{**UNSET, "WAGTAILSEARCH_BACKEND": "solr"})
    assert result.returncode != 0
    assert (
        "WAGTAILSEARCH_BACKEND must be one of database, elasticsearch7, elasticsearch8, "
        "elasticsearch9, opensearch2, opensearch3, got 'solr'." in result.stderr
    )


def test_a_cluster_engine_without_urls_stops_start_up():
    result = manage("check", DJANGO_SECRET_KEY=key(), **{**UNSET, "WAGTAILSEARCH_BACKEND": "opensearch3"})
    assert result.returncode != 0
    assert "WAGTAILSEARCH_URLS must name the search cluster when WAGTAILSEARCH_BACKEND is opensearch3" in (
        result.stderr
    )


@pytest.mark.django_db
def test_database_engine_is_full_text_search_of_the_database_in_use():
    backend = get_search_backend()
    # Each module can only be imported on its own database (their index models).
    expected = {
        "postgresql": "modelsearch.backends.database.postgres.postgres.PostgresSearchBackend",
        "sqlite": "modelsearch.backends.database.sqlite.sqlite.SQLiteSearchBackend",
    }[connection.vendor]
    assert isinstance(backend, import_string(expected))
    assert isinstance(backend, PlainWordsMixin)


class RecordingClient:
    """Stands in for the cluster's client: keeps each search request, answers no hits."""

    def __init__(self):
        self.requests = []

    def search(self, **request):
        self.requests.append(request)
        return {"hits": {"hits": [], "total": {"value": 0}}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("engine", "backend_class"),
    [("elasticsearch8", Elasticsearch8SearchBackend), ("opensearch3", OpenSearch3SearchBackend)],
)
def test_cluster_engines_read_search_texts_as_plain_words(engine, backend_class):
    config = {
        "default": {
            "BACKEND": "cms.delivery.search",
            "ENGINE": engine,
            "URLS": ["https://cms:secret@search:9200"],
            "INDEX_PREFIX": "test_",
        }
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=config):
        backend = get_search_backend()
    assert isinstance(backend, backend_class)
    assert isinstance(backend, PlainWordsMixin)
    backend.es = client = RecordingClient()

    assert list(backend.search('lung "cancer) OR -stage_4', Page)) == []
    assert list(backend.autocomplete("chemo*", Page)) == []

    searched = client.requests[0]
    # Elasticsearch's client takes the query as keywords, OpenSearch's inside `body`.
    search_query, autocomplete_query = (request.get("body", request)["query"] for request in client.requests)
    assert search_query["bool"]["must"]["multi_match"]["query"] == "lung cancer OR stage 4"
    assert autocomplete_query["bool"]["must"]["match"]["_edgengrams"]["query"] == "chemo"
    assert searched["index"] == "test_wagtailcore_page"


def test_an_unknown_engine_in_settings_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    config = {"default": {"BACKEND": "cms.delivery.search", "ENGINE": "solr"}}
    with override_settings(WAGTAILSEARCH_BACKENDS=config), pytest.raises(ImproperlyConfigured, match="solr"):
        get_search_backend()
