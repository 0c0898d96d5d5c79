"""`python -m bench.build PAGES`: migrate-free data build into $DATABASE_URL; prints the ids as JSON."""

import json
import sys

import django

django.setup()

from bench.dataset import dataset_build  # noqa: E402

if __name__ == "__main__":
    print(json.dumps(dataset_build(int(sys.argv[1]))))
