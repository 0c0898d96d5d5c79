"""`python -m bench.build PAGES`: migrate-free data build into $DATABASE_URL.

Prints the ids, the detail snapshots' build time and how many search index entries exist as JSON
(`python -m bench.build --indexed` prints only the latter).
"""

import json
import sys
import time

import django

django.setup()

from wagtail.search.models import IndexEntry  # noqa: E402

from bench.dataset import dataset_build, dataset_snapshots_build  # noqa: E402


def indexed_articles():
    """Wagtail search index entries of articles (the database backend's IndexEntry rows)."""
    from django.contrib.contenttypes.models import ContentType

    from cms.articles.models import ArticlePage

    return IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArticlePage)).count()


if __name__ == "__main__":
    if sys.argv[1] == "--indexed":
        print(json.dumps({"indexed": indexed_articles()}))
        sys.exit(0)
    started = time.perf_counter()
    ids = dataset_build(int(sys.argv[1]))
    rows_s = round(time.perf_counter() - started, 2)
    stored, seconds = dataset_snapshots_build(ids)
    print(
        json.dumps(
            {
                "ids": ids,
                "rows_s": rows_s,
                "snapshots": stored,
                "snapshot_build_s": seconds,
                "indexed": indexed_articles(),
            }
        )
    )
