"""`make bench`: build the data, serve it three ways, load it with wrk, print and save the figures.

Everything stays on loopback and every load is bounded (wrk -d). Sizes: 1,000 pages and
BENCH_PAGES (default 10,000), so the table also shows how each endpoint scales.
"""

import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.report import report_print
from bench.scenarios import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-results"
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_DURATION", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
# Three consecutive ports from BENCH_PORT: ours, the static files, ours without response cache.
_PORT = int(os.environ.get("BENCH_PORT", "8791"))
OURS_PORT, STATIC_PORT, OURS_COLD_PORT = _PORT, _PORT + 1, _PORT + 2


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def env_for(db_path, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"sqlite:///{db_path}",
        PYTHONPATH=str(ROOT),
        TASKS_BACKEND="immediate",
        **extra,
    )
    env.pop("REDIS_URL", None)
    return env


def run_json(args, env):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args[1:])} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def start_server(app, port, env):
    args = [
        PYTHON,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
    wait_for_port(port)
    return process


def worker_peak_memory_mb(process):
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks), 1) if peaks else None


def stop_server(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read(), dict(response.headers)


def wrk(port, path, extra_args=()):
    args = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(CONNECTIONS),
        "-d",
        f"{DURATION}s",
        "--timeout",
        "10s",
        "-s",
        str(Path(__file__).parent / "wrk_report.lua"),
        f"http://127.0.0.1:{port}{path}",
        "--",
        *extra_args,
    ]
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    stats = json.loads(output.strip().splitlines()[-1])
    seconds = stats["duration_us"] / 1e6
    return {
        "rps": round(stats["requests"] / seconds, 1),
        "p50_ms": round(stats["p50_us"] / 1000, 2),
        "p99_ms": round(stats["p99_us"] / 1000, 2),
        "requests": stats["requests"],
        "errors": stats["errors"] + stats["non_2xx_3xx"],
    }


def status_of(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


def paths_file(name, paths):
    target = OUT / f"paths-{name}.txt"
    target.write_text("\n".join(paths) + "\n")
    return f"file:{target}"


def measure_size(size, template_db):
    db_path = OUT / f"db-{size}.sqlite3"
    shutil.copy(template_db, db_path)
    env = env_for(db_path)
    log(f"building {size} articles")
    started = time.monotonic()
    built = run_json([PYTHON, "-m", "bench.build", str(size)], env)
    ids = built["ids"]
    snapshots = {"stored": built["snapshots"], "build_s": built["snapshot_build_s"]}
    log(
        f"built in {time.monotonic() - started:.1f}s, of which {snapshots['stored']} detail snapshots "
        f"in {snapshots['build_s']}s; counting queries"
    )
    queries = run_json([PYTHON, "-m", "bench.queries", json.dumps(ids)], env)
    static_root = OUT / f"static-{size}"
    static_root.mkdir(exist_ok=True)
    values = {
        "id": ids["en"][0],
        "es_id": ids["es"][0],
        "slug": "treatment-guide-1",
        "offset": 0,
        "language": "en",
        "n": 1,
    }
    ours = start_server("cms.wsgi:application", OURS_PORT, env)
    ours_cold = start_server(
        "cms.wsgi:application", OURS_COLD_PORT, env_for(db_path, BENCH_RESPONSE_CACHE="off")
    )
    static = None
    results = {}
    try:
        base = f"http://127.0.0.1:{OURS_PORT}"
        detail, detail_headers = fetch(base + SCENARIOS[0]["ours"].format(**values))
        (static_root / "detail.json").write_bytes(detail)
        (static_root / "listing.json").write_bytes(fetch(base + SCENARIOS[2]["ours"].format(**values))[0])
        reader = next(s for s in SCENARIOS if s.get("static") == "/article.html")
        (static_root / "article.html").write_bytes(fetch(base + reader["ours"].format(**values))[0])
        static = start_server(
            "bench.static_app:application", STATIC_PORT, env_for(db_path, BENCH_STATIC_ROOT=str(static_root))
        )
        etag = detail_headers.get("ETag") or detail_headers.get("Etag")
        for scenario in SCENARIOS:
            row = results.setdefault(scenario["name"], {})
            for kind in ("ours", "stock", "static"):
                template = scenario.get(kind)
                if not template:
                    continue
                port = STATIC_PORT if kind == "static" else OURS_PORT
                cold = (
                    scenario.get("rotate") or scenario.get("rotate_offsets") or scenario.get("rotate_paths")
                )
                if kind == "ours" and cold:
                    port = OURS_COLD_PORT  # the response cache is off: every request is cold
                extra = []
                if scenario.get("rotate"):
                    every = [template.format(**{**values, "id": i}) for i in ids["en"] + ids["es"]]
                    extra.append(paths_file(f"{size}-{kind}-detail", every))
                if scenario.get("rotate_offsets"):
                    offsets = range(0, size - 20, 20)
                    every = [template.format(**{**values, "offset": o}) for o in offsets]
                    extra.append(paths_file(f"{size}-{kind}-listing", every))
                if scenario.get("rotate_paths"):
                    every = [
                        template.format(**{**values, "language": language, "n": n})
                        for language in ("en", "es")
                        for n in range(len(ids["en"]))
                    ]
                    extra.append(paths_file(f"{size}-{kind}-reader", every))
                if scenario.get("conditional"):
                    if not etag:
                        row[kind] = {"error": "no ETag on the detail response"}
                        continue
                    extra.append(f"header:If-None-Match={etag}")
                path = template.format(**values)
                headers = {"If-None-Match": etag} if scenario.get("conditional") else {}
                status = status_of(port, path, headers)
                if status >= 400 or (scenario.get("conditional") and status != 304):
                    row[kind] = {"error": f"HTTP {status} for {path}"}
                    continue
                log(f"{size} pages: {scenario['name']} [{kind}]")
                row[kind] = wrk(port, path, extra)
        memory = {"ours": worker_peak_memory_mb(ours), "static": worker_peak_memory_mb(static)}
    finally:
        stop_server(ours)
        stop_server(ours_cold)
        if static:
            stop_server(static)
    return {
        "pages": size,
        "queries": queries,
        "endpoints": results,
        "peak_worker_memory_mb": memory,
        "snapshots": snapshots,
    }


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `apt-get install wrk` (make bench installs it).")
    OUT.mkdir(exist_ok=True)
    started = time.monotonic()
    template_db = OUT / "template.sqlite3"
    template_db.unlink(missing_ok=True)
    log("migrating a fresh database")
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env_for(template_db), check=True
    )
    sizes = sorted({1000, PAGES})
    runs = [measure_size(size, template_db) for size in sizes]
    log("timing publish and bulk import")
    writes = {}
    # Immediate tasks: everything a publish triggers runs inside it (snapshot build included).
    # Database tasks (production): the request queues them for `db_worker`.
    for backend in ("immediate", "database"):
        env = {**env_for(OUT / f"db-{sizes[0]}.sqlite3"), "TASKS_BACKEND": backend}
        try:
            writes[backend] = run_json([PYTHON, "-m", "bench.write_ops"], env)
        except RuntimeError as error:
            log(str(error))
            writes[backend] = {"error": str(error).splitlines()[-1]}
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "settings": {
            "duration_s": DURATION,
            "connections": CONNECTIONS,
            "workers": WORKERS,
            "database": "SQLite",
        },
        "runs": runs,
        "writes": writes,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    report_print(results)
    log(f"results written to {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
