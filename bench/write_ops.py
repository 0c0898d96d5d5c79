"""`python -m bench.write_ops`: publish cost (ours vs stock Wagtail) and bulk import rate.

"Stock" is the same publish with every receiver this project connects to Wagtail's signals
disconnected (cache invalidation, webhooks, ...), i.e. what plain Wagtail does.
"""

import contextlib
import json
import statistics
import tempfile
import time
import weakref
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import signals as model_signals  # noqa: E402
from wagtail import signals as wagtail_signals  # noqa: E402

from cms.articles.models import ArticlePage  # noqa: E402

SEED = (
    Path(__file__).resolve().parent.parent
    / "cms"
    / "demo"
    / "content"
    / "treatment-for-stage-4-lung-cancer.txt"
)
SIGNALS = [
    wagtail_signals.page_published,
    wagtail_signals.page_unpublished,
    model_signals.post_save,
    model_signals.post_delete,
]


def _waiver():
    from cms.editorial.signoff import signoff_waived

    return signoff_waived("benchmark")


def _is_project_receiver(entry):
    receiver = entry[1]
    function = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
    return (getattr(function, "__module__", "") or "").startswith(("cms.", "home."))


@contextlib.contextmanager
def project_receivers_disconnected():
    saved = {signal: signal.receivers for signal in SIGNALS}
    for signal in SIGNALS:
        signal.receivers = [entry for entry in signal.receivers if not _is_project_receiver(entry)]
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


PUBLISHES = 40


def _summary(timings):
    """Median and p99 (interpolated by statistics.quantiles from the timings) in ms."""
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p99_ms": round(statistics.quantiles(timings, n=100, method="inclusive")[98], 1),
        "max_ms": round(max(timings), 1),
        "count": len(timings),
    }


def time_publish(page):
    """Milliseconds of one publish of a new revision of `page`."""
    draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
    draft.summary = draft.summary + " (updated)"
    started = time.perf_counter()
    # One transaction, as the workflow's final step (MedicalReviewTask.on_action).
    with transaction.atomic():
        draft.save_revision().publish()
    return (time.perf_counter() - started) * 1000


def time_publishes(pages):
    """Ours and stock in turn, page after page (so a change of load hits both alike), after one
    untimed publish of each (first-use costs: imports, Wagtail's caches)."""
    ours, stock = [], []
    with _waiver():
        for n, (mine, theirs) in enumerate(zip(pages[::2], pages[1::2], strict=False)):
            timed = time_publish(mine)
            with project_receivers_disconnected():
                timed_stock = time_publish(theirs)
            if n:
                ours.append(timed)
                stock.append(timed_stock)
    return _summary(ours), _summary(stock)


def time_import(count=200):
    from cms.articles.services import article_import

    text = SEED.read_text()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for n in range(count):
            path = Path(folder) / f"article-{n}.txt"
            path.write_text(text.replace("Treatment for Stage 4 Lung Cancer", f"Bulk imported guide {n}", 1))
            paths.append(path)
        started = time.perf_counter()
        for path in paths:
            article_import(path, locale="en", publish=False)
        elapsed = time.perf_counter() - started
    return round(count / elapsed, 1)


def time_snapshot_builds(pages):
    """What the queued snapshot task costs the worker, per published page (median)."""
    from cms.delivery.cache.snapshots import snapshots_build

    timings = []
    for page in pages:
        started = time.perf_counter()
        snapshots_build([page.pk])
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 1)


def main():
    pages = list(ArticlePage.objects.filter(locale__language_code="en").order_by("pk")[: 2 * PUBLISHES + 2])
    ours, stock = time_publishes(pages)
    return {
        "tasks": settings.TASKS["default"]["BACKEND"].rsplit(".", 1)[-1],
        "publish_ours_ms": ours["p50_ms"],
        "publish_stock_ms": stock["p50_ms"],
        "publish_ours": ours,
        "publish_stock": stock,
        "snapshot_task_ms": time_snapshot_builds(pages[:20]),
        "import_pages_per_s": time_import(),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
