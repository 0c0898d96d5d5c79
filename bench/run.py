"""`make bench`: build the data, serve it three ways, load it with wrk, print and save the figures.

Everything stays on loopback and every load is bounded (wrk -d). Sizes: 1,000 pages and
BENCH_PAGES (default 10,000; beyond it, 10,000 too), so the table shows how each endpoint scales;
databases:
BENCH_DB=sqlite|postgres|both (PostgreSQL is served with Redis as the shared cache, as in
production); worker counts: BENCH_WORKERS (default "2,4"). See the Makefile's `bench` target.
"""

import importlib.metadata
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.databases import Database, redis_flush, server_versions
from bench.measure import measure_configuration
from bench.report import report_print
from bench.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-results"
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = [int(w) for w in os.environ.get("BENCH_WORKERS", "2,4").split(",") if w.strip()]
PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
_DB = os.environ.get("BENCH_DB", "both")
DATABASES = ["sqlite", "postgres"] if _DB == "both" else [_DB]
KEEP = os.environ.get("BENCH_KEEP") == "1"
# Three consecutive ports from BENCH_PORT: ours, the static files, ours without response cache.
_PORT = int(os.environ.get("BENCH_PORT", "8791"))
PORTS = {"ours": _PORT, "static": _PORT + 1, "cold": _PORT + 2}


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_json(args, env):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[1:])} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def estimate_s(sizes):
    """A rough length of the run, from earlier runs on a 2-core VM."""
    loads = sum(len([k for k in ("ours", "stock", "static") if s.get(k)]) for s in SCENARIOS)
    per_configuration = loads * (DURATION + 1.5) + 15
    per_db = {"sqlite": 35, "postgres": 50}  # migrating the template
    total = 0
    for kind in DATABASES:
        total += per_db[kind] + 150  # the writes (publishes, import), both task backends
        for size in sizes:
            # rows, snapshots and search index (about 30 s per 1,000 articles), queries;
            # in each configuration the cursor walk.
            total += 10 + size * 0.03 + len(WORKERS) * (per_configuration + size * 0.002)
    return total


def machine():
    model, memory = None, None
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {"cpus": os.cpu_count(), "model": model, "memory_gib": memory, "platform": platform.platform()}


def versions():
    found = {"python": platform.python_version()}
    for package in ("django", "wagtail", "gunicorn"):
        found[package] = importlib.metadata.version(package)
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    found["wrk"] = (result.stdout or result.stderr).split("Copyright")[0].strip()
    found.update(server_versions(DATABASES))
    return found


def prepare_size(database, size):
    """A fresh database of `size` articles: built, searchable; its URL, ids and timings."""
    url = database.create(size)
    env = database.env(url)
    log(f"{database.kind}: building {size} articles")
    started = time.monotonic()
    built = run_json([PYTHON, "-m", "bench.build", str(size)], env)
    build_s = round(time.monotonic() - started, 1)
    stored, seconds = built["snapshots"], built["snapshot_build_s"]
    per_s = round(stored / seconds, 1) if seconds else None
    snapshots = {"stored": stored, "build_s": seconds, "per_s": per_s}
    log(f"built in {build_s}s (rows {built['rows_s']}s, {stored} snapshots in {seconds}s)")
    search = {"indexed_by_build": built["indexed"], "index_build_s": None}
    if built["indexed"] < size:
        # bulk_create does not index: a real site indexes as it publishes; update_index catches up.
        log(f"{built['indexed']} of {size} articles in the search index: manage.py update_index")
        started = time.monotonic()
        subprocess.run(
            [PYTHON, "manage.py", "update_index"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        search["index_build_s"] = round(time.monotonic() - started, 1)
        search["indexed"] = run_json([PYTHON, "-m", "bench.build", "--indexed"], env)["indexed"]
        log(f"search index built in {search['index_build_s']}s ({search['indexed']} articles)")
    log(f"{database.kind} {size}: counting queries")
    if database.kind == "postgres":
        redis_flush()
    queries = run_json([PYTHON, "-m", "bench.queries", json.dumps(built["ids"])], env)
    return (
        url,
        built["ids"],
        {
            "data_build_s": build_s,
            "rows_s": built["rows_s"],
            "snapshots": snapshots,
            "search": search,
            "queries": queries,
        },
    )


def measure_database(database, sizes, settings):
    kind, runs, started = database.kind, [], time.monotonic()
    log(f"{kind}: migrating a fresh template database")
    migrate_s = database.template()
    log(f"{kind}: migrated in {migrate_s}s")
    for size in sizes:
        url, ids, prepared = prepare_size(database, size)
        for workers in WORKERS:
            if kind == "postgres":
                redis_flush()
            log(f"{kind} {size} articles, {workers} workers")
            began = time.monotonic()
            measured = measure_configuration(database, url, size, ids, workers, settings, OUT, log)
            runs.append(
                {
                    "database": kind,
                    "pages": size,
                    "workers": workers,
                    **prepared,
                    **measured,
                    "elapsed_s": round(time.monotonic() - began, 1),
                }
            )
    writes = measure_writes(database, sizes[0])
    return runs, writes, {"migrate_s": migrate_s, "elapsed_s": round(time.monotonic() - started, 1)}


def measure_writes(database, size):
    log(f"{database.kind}: timing publish and bulk import ({size} articles)")
    writes = {}
    # Immediate tasks: everything a publish triggers runs inside it (snapshot build included).
    # Database tasks (production): the request queues them for `db_worker`.
    for backend in ("immediate", "database"):
        if database.kind == "postgres":
            redis_flush()
        env = database.env(database.url(size), TASKS_BACKEND=backend)
        try:
            writes[backend] = run_json([PYTHON, "-m", "bench.write_ops"], env)
        except RuntimeError as error:
            log(str(error))
            writes[backend] = {"error": str(error).splitlines()[-1]}
    return writes


def main():
    if set(DATABASES) - {"sqlite", "postgres"} or not WORKERS:
        sys.exit("BENCH_DB is sqlite, postgres or both; BENCH_WORKERS a list such as 2,4.")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `apt-get install wrk` (make bench installs it).")
    OUT.mkdir(exist_ok=True)
    started = time.monotonic()
    # 1,000 and 10,000 always (the quick run: BENCH_PAGES=1000), and BENCH_PAGES beyond.
    sizes = sorted({1000, PAGES} | ({10000} if PAGES > 10000 else set()))
    load_before = os.getloadavg()
    settings = {
        "duration_s": DURATION,
        "connections": CONNECTIONS,
        "workers": WORKERS,
        "databases": DATABASES,
        "pages": sizes,
    }
    log(
        f"sizes {sizes}, databases {DATABASES}, workers {WORKERS}, {DURATION}s per endpoint: "
        f"about {estimate_s(sizes) / 60:.0f} minutes (load average {load_before[0]:.1f})"
    )
    runs, writes, databases = [], {}, {}
    load = {"duration": DURATION, "connections": CONNECTIONS, "ports": PORTS}
    created = [Database(kind, OUT) for kind in DATABASES]
    # SIGTERM too unwinds through the finally blocks: servers stopped, databases dropped.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(f"bench: signal {number}"))
    try:
        for database in created:
            kind_runs, writes[database.kind], databases[database.kind] = measure_database(
                database, sizes, load
            )
            runs += kind_runs
    finally:
        if not KEEP:
            for database in created:
                database.drop_all()
    results = {
        "machine": {
            **machine(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "versions": versions(),
        "settings": settings,
        "databases": databases,
        "runs": runs,
        "writes": writes,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    report_print(results)
    log(f"results written to {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
