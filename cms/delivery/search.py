"""The search backend: Wagtail's database backend, with every search text read as plain words.

Search texts come from anonymous callers (v2 `?search=`, v3 `?search=`). The database backends
hand them to the engine's own query language (SQLite FTS5 `MATCH`, PostgreSQL `to_tsquery`),
where a lone `"` or a stray operator is a syntax error, so a 500. Here punctuation, symbols and
control characters become spaces before any backend sees the text: the same words match on
SQLite and PostgreSQL alike, and no input is a syntax error. Queries built as objects (the
admin's `parse_query_string`: phrases, filters) are left alone.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.delivery.search"}}
"""

import unicodedata

from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

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


def SearchBackend(params):
    """The database backend chosen for the default database, reading search texts as plain words."""
    backend = DatabaseSearchBackend(params)
    plain = type(f"PlainWords{type(backend).__name__}", (PlainWordsMixin, type(backend)), {})
    return plain(params)
