"""What the bench measures: one row per endpoint, each served three ways where it applies.

Paths may use {id} (an English article), {es_id} (its Spanish translation) and {slug}.
`rotate_paths` spreads requests over every article's reader path ({language}, {n}), cold too.
`rotate` spreads requests over every article, and ours is then served by a second server whose
response cache is off, so every request misses it (cold); plain details are answered from the
snapshot built ahead of time (cms/delivery/cache/snapshots.py, timed by the data build).
`rotate_offsets` spreads them over every offset (offsets the server refuses, beyond
WAGTAILAPI_OFFSET_MAX, are left out); `rotate_cursor` over every page reached by following
`meta.next_cursor` from the first; `rotate_search` over SEARCH_WORDS ({search}, URL-encoded).
All of them are cold. `headers` are sent with every request (the compressed rows: what browsers
send; the static file then is our own compressed bytes, served by whitenoise as `.br`/`.gz`).
"""

LISTING = "type=articles.ArticlePage&fields=*&limit=20"
SEARCH_WORDS = ["surgery", "chemotherapy", "guide 17", "stage"]
COMPRESSED = {"Accept-Encoding": "gzip, deflate, br"}

SCENARIOS = [
    {
        "name": "article detail (warm)",
        "ours": "/api/v2/pages/{id}/",
        "stock": "/stock/v2/pages/{id}/",
        "static": "/detail.json",
    },
    {
        "name": "article detail (cold)",
        "ours": "/api/v2/pages/{id}/",
        "stock": "/stock/v2/pages/{id}/",
        "rotate": True,
    },
    {
        "name": "listing with bodies, limit 20",
        "ours": f"/api/v2/pages/?{LISTING}",
        "stock": f"/stock/v2/pages/?{LISTING}",
        "static": "/listing.json",
    },
    {
        "name": "article detail (warm, compressed)",
        "ours": "/api/v2/pages/{id}/",
        "static": "/detail.json",
        "headers": COMPRESSED,
    },
    {
        "name": "listing with bodies, limit 20 (compressed)",
        "ours": f"/api/v2/pages/?{LISTING}",
        "static": "/listing.json",
        "headers": COMPRESSED,
    },
    {
        "name": "listing with bodies, limit 20 (cold)",
        "ours": f"/api/v2/pages/?{LISTING}&offset={{offset}}",
        "stock": f"/stock/v2/pages/?{LISTING}&offset={{offset}}",
        "rotate_offsets": True,
    },
    {
        "name": "listing with bodies, limit 20 (cold, cursor)",
        "ours": f"/api/v2/pages/?{LISTING}",
        "rotate_cursor": True,
    },
    {
        "name": "search (cold)",
        "ours": "/api/v2/pages/?type=articles.ArticlePage&search={search}&limit=20",
        "stock": "/stock/v2/pages/?type=articles.ArticlePage&search={search}&limit=20",
        "rotate_search": True,
    },
    {
        "name": "lookup by locale and path",
        "ours": "/api/v2/articles/by-path/?path=/es/treatments/{slug}/",
        # Stock has no locale-aware lookup: its find answers an English path with a redirect.
        "stock": "/stock/v2/pages/find/?html_path=/treatments/{slug}/",
    },
    {
        "name": "reader article page (warm)",
        "ours": "/en/treatments/{slug}/",
        "static": "/article.html",
    },
    {
        "name": "reader article page (cold)",
        "ours": "/{language}/treatments/treatment-guide-{n}/",
        "rotate_paths": True,
    },
    {
        "name": "conditional GET (304)",
        "ours": "/api/v2/pages/{id}/",
        "conditional": True,
    },
]

# Endpoints whose queries per request must not grow with the listing limit or the site's size.
QUERY_PROBES = {
    "detail": "/api/v2/pages/{id}/",
    "listing limit 1": "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=1",
    "listing limit 20": "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20",
    "listing limit 100": "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=100",
    "stock listing limit 100": "/stock/v2/pages/?type=articles.ArticlePage&fields=*&limit=100",
    "lookup": "/api/v2/articles/by-path/?path=/es/treatments/{slug}/",
    "search": "/api/v2/pages/?type=articles.ArticlePage&search=surgery&limit=20",
    "reader article page": "/en/treatments/{slug}/",
}
