"""Property: no query string makes a v2 (or v3) read answer a 5xx; errors are problem JSON.

Hypothesis draws query strings over every parameter the v2 endpoints know (and some they
do not), with values of any text: punctuation, operators, control characters, long strings.
Bounded in `make test`; `make fuzz` (FUZZ_PROFILE=long) draws many more.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import fuzz_settings  # noqa: F401 (loads the profile)

pytestmark = pytest.mark.django_db

LISTINGS = ["pages", "articles", "conditions", "modalities", "centers", "images", "documents"]
PARAMETERS = [
    "search",
    "search_operator",
    "locale",
    "fallback",
    "fields",
    "limit",
    "offset",
    "order",
    "type",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "id",
    "title",
    "slug",
    "condition",
    "modality",
    "review_status",
    "updated_since",
    "rich_text_format",
    "html_path",
    "path",
    "show_in_menus",
    "first_published_at",
]
# Text the URL can carry: any code point but surrogates (which UTF-8 cannot encode).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
INTERESTING = st.sampled_from(
    ['"', "'", "*", "and", "or", "xor", "NEAR(", "-1", "0", "9" * 25, "en", "xx", "*,-title", "body(", "%00"]
)
VALUES = st.one_of(TEXT, INTERESTING, st.integers(-(2**70), 2**70).map(str))
QUERY = st.dictionaries(st.one_of(st.sampled_from(PARAMETERS), TEXT), VALUES, max_size=4)
PATHS = st.one_of(
    st.sampled_from(LISTINGS).map(lambda name: f"/api/v2/{name}/"),
    st.sampled_from(
        ["/api/v2/pages/find/", "/api/v2/articles/by-path/", "/api/v3/pages/", "/api/v2/changes/"]
    ),
    st.sampled_from(LISTINGS).map(lambda name: f"/api/v2/{name}/{{detail}}/"),
)


def assert_client_error_or_success(response, url, query):
    assert response.status_code < 500, (url, query, response.status_code, response.content[:300])
    content_type = response["Content-Type"]
    assert content_type.startswith(("application/json", "application/problem+json")), (url, content_type)
    if response.status_code >= 400 and not response.has_header("Content-Encoding"):
        body = response.json()
        assert body["status"] == response.status_code and body["detail"].strip(), (url, query, body)


# Request headers the API reads, with any value a header can carry (Latin-1, no line breaks).
HEADER_NAMES = [
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_AUTHORIZATION",
    "HTTP_ORIGIN",
    "HTTP_X_FORWARDED_FOR",
]
HEADER_VALUE = st.one_of(
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60),
    st.sampled_from(
        ['"*"', "W/", "Bearer x", "Bearer", "*/*", "text/html", "br;q=2", "Thu, 01 Jan 2099 00:00:00 GMT"]
    ),
)
HEADERS = st.dictionaries(st.sampled_from(HEADER_NAMES), HEADER_VALUE, max_size=3)


@pytest.fixture
def queried_article(make_article):
    """One live article for every example of a test (function-scoped fixtures run once per test)."""
    return make_article(title="Lung cancer treatments")


@given(path=PATHS, query=QUERY, headers=HEADERS)
def test_no_query_string_or_header_is_a_server_error(client, queried_article, path, query, headers):
    url = path.format(detail=queried_article.pk)
    response = client.get(url, query, **headers)
    if response.status_code == 304:  # a conditional header matched: no body, by design
        return
    assert_client_error_or_success(response, url, (query, headers))


# NUL is the one character refused outright (400, cms/delivery/api/errors.py), before any search.
SEARCH_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=80)


@given(text=SEARCH_TEXT, operator=st.one_of(st.none(), st.sampled_from(["and", "or", "AND", "Or"])))
def test_any_search_text_is_plain_words(client, queried_article, text, operator):
    """Search text never errors: it is read as words, whatever it holds, on every listing."""
    query = {"search": text} if operator is None else {"search": text, "search_operator": operator}
    for name in ("pages", "articles", "conditions"):
        response = client.get(f"/api/v2/{name}/", query)
        assert response.status_code == 200, (name, query, response.content[:300])
