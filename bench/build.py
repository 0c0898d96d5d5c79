"""`python -m bench.build PAGES`: migrate-free data build into $DATABASE_URL.

Prints the ids and the detail snapshots' build time as JSON.
"""

import json
import sys

import django

django.setup()

from bench.dataset import dataset_build, dataset_snapshots_build  # noqa: E402

if __name__ == "__main__":
    ids = dataset_build(int(sys.argv[1]))
    stored, seconds = dataset_snapshots_build(ids)
    print(json.dumps({"ids": ids, "snapshots": stored, "snapshot_build_s": seconds}))
