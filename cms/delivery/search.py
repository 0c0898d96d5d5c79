"""The search backend: Wagtail's database backend or an Elasticsearch/OpenSearch one (ENGINE),
with every search text read as plain words.

Search texts come from anonymous callers (v2 `?search=`, v3 `?search=`). The database backends
hand them to the engine's own query language (SQLite FTS5 `MATCH`, PostgreSQL `to_tsquery`),
where a lone `"` or a stray operator is a syntax error, so a 500. Here punctuation, symbols and
control characters become spaces before any backend sees the text: the same words match on
SQLite and PostgreSQL alike, and no input is a syntax error. Queries built as objects (the
admin's `parse_query_string`: phrases, filters) are left alone.

Elasticsearch and OpenSearch take the text as a `match` query, where it is no syntax, but the
same plain words keep results alike whichever engine serves them.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.delivery.search", "ENGINE": "database"}}
    # or "ENGINE": "elasticsearch8", "URLS": [...], "INDEX_PREFIX": "cms_" (Wagtail's own keys)
"""

import unicodedata
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured

# Enough words for any real question; more only make the engine's query bigger.
MAX_WORDS = 32
# Letters, combining marks (Arabic vowels, accents) and digits make words; nothing else does.
WORD_CATEGORIES = ("L", "M", "N")


def plain_words(text):
    """'lung "cancer) OR -stage_4' -> 'lung cancer OR stage 4' (at most MAX_WORDS words)."""
    kept = "".join(char if unicodedata.category(char)[0] in WORD_CATEGORIES else " " for char in text)
    # A word of combining marks alone has no letter to match; engines reject some of them.
    words = [word for word in kept.split() if any(unicodedata.category(c)[0] != "M" for c in word)]
    return " ".join(words[:MAX_WORDS])


class PlainWordsMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = plain_words(query)
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = plain_words(query)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


# The engines Wagtail ships (wagtail/search/backends/), each with the client it needs.
ENGINES = {
    "database": None,
    "elasticsearch7": "elasticsearch>=7,<8",
    "elasticsearch8": "elasticsearch>=8,<9",
    "elasticsearch9": "elasticsearch>=9,<10",
    "opensearch2": "opensearch-py>=2,<3",
    "opensearch3": "opensearch-py>=3,<4",
}


def engine_backend_class(engine):
    """The backend class of `engine` ("database": the one for the default database's vendor)."""
    if engine not in ENGINES:
        raise ImproperlyConfigured(
            f"Unknown search engine {engine!r} (WAGTAILSEARCH_BACKEND): use one of {', '.join(ENGINES)}."
        )
    try:
        module = import_module(f"wagtail.search.backends.{engine}")
    except ImportError as error:
        raise ImproperlyConfigured(
            f"The {engine} search backend needs its client: pip install '{ENGINES[engine]}' ({error})."
        ) from error
    if engine == "database":
        # A function choosing PostgreSQL full-text search, MySQL, SQLite FTS5 or the fallback by
        # the default connection's vendor; building one connects nowhere.
        return type(module.SearchBackend({}))
    return module.SearchBackend


def SearchBackend(params):
    """The backend of params["ENGINE"] (default "database"), reading search texts as plain words."""
    params = dict(params)
    backend_class = engine_backend_class(params.pop("ENGINE", "database"))
    plain = type(f"PlainWords{backend_class.__name__}", (PlainWordsMixin, backend_class), {})
    return plain(params)
