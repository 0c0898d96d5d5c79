"""`python -m bench.queries IDS_JSON`: queries per request of each probe, with an empty cache."""

import json
import sys

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.scenarios import QUERY_PROBES  # noqa: E402


def main(ids):
    client = Client(HTTP_HOST="127.0.0.1")
    values = {"id": ids["en"][0], "es_id": ids["es"][0], "slug": "treatment-guide-1"}
    # Warm Wagtail's own per-process caches (site root paths, content types) as any earlier
    # request would, so that the first probe counts the same queries as the others.
    client.get("/api/v2/pages/?type=articles.ArticlePage&fields=*&offset=1&limit=1")
    counts = {}
    for name, template in QUERY_PROBES.items():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(template.format(**values))
        counts[name] = {"queries": len(captured), "status": response.status_code}
    return counts


if __name__ == "__main__":
    print(json.dumps(main(json.loads(sys.argv[1]))))
