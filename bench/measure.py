"""One configuration of `make bench`: a database at one size, served by N gunicorn workers.

Three servers: ours, ours with the response cache off (cold) and bare whitenoise (static),
each with the same worker count; stock Wagtail v2 is served by ours (/stock/v2/).
"""

import time
from urllib.parse import quote

from bench.scenarios import LISTING, SCENARIOS, SEARCH_WORDS
from bench.servers import fetch, fetch_json, start_server, status_of, stop_server, worker_peak_memory_mb, wrk

# An endpoint whose first request takes longer is reported with that time instead of loaded.
SLOW_S = 5


def paths_file(out, name, paths):
    target = out / f"paths-{name}.txt"
    target.write_text("\n".join(paths) + "\n")
    return f"file:{target}"


def cursor_paths(port, size):
    """Every listing page reached by following meta.next_cursor; None without cursor pagination."""
    first = f"/api/v2/pages/?{LISTING}"
    status, body = fetch_json(port, first)
    if status != 200 or not isinstance(body, dict) or "next_cursor" not in (body.get("meta") or {}):
        return None
    paths = [first]
    cursor = body["meta"]["next_cursor"]
    while cursor and len(paths) <= size // 20 + 5:
        path = f"{first}&cursor={quote(str(cursor))}"
        status, body = fetch_json(port, path)
        if status != 200:
            break
        paths.append(path)
        cursor = (body.get("meta") or {}).get("next_cursor")
    return paths


def accepted_prefix(port, paths):
    """`paths` (listing offsets, growing) up to the first the server refuses with 400 (the cap)."""
    if status_of(port, paths[-1]) != 400:
        return paths
    low, high = 0, len(paths) - 1  # paths[high] is refused
    while low < high:
        middle = (low + high) // 2
        if status_of(port, paths[middle]) == 400:
            high = middle
        else:
            low = middle + 1
    return paths[:high]


def rotation(scenario, kind, template, values, ids, size, port, out, tag):
    """wrk arguments for a rotating scenario: ([file:...], None) or ([], an error)."""
    if scenario.get("rotate"):
        every = [template.format(**{**values, "id": i}) for i in ids["en"] + ids["es"]]
    elif scenario.get("rotate_offsets"):
        every = [template.format(**{**values, "offset": o}) for o in range(0, size - 20, 20)]
        every = accepted_prefix(port, every)
        if not every:
            return [], "every offset refused"
    elif scenario.get("rotate_paths"):
        every = [
            template.format(**{**values, "language": language, "n": n})
            for language in ("en", "es")
            for n in range(len(ids["en"]))
        ]
    elif scenario.get("rotate_cursor"):
        every = cursor_paths(port, size)
        if every is None:
            return [], "no cursor pagination"
    elif scenario.get("rotate_search"):
        every = [template.format(**{**values, "search": quote(word)}) for word in SEARCH_WORDS]
    else:
        return [], None
    slug = "".join(c if c.isalnum() else "-" for c in scenario["name"]).strip("-")
    return [paths_file(out, f"{tag}-{kind}-{slug}", every)], None


def answer_size(port, path, headers):
    """Bytes of the body as sent, and its Content-Encoding (None: uncompressed)."""
    body, sent = fetch(f"http://127.0.0.1:{port}{path}", headers)
    return {"bytes": len(body), "encoding": sent.get("Content-Encoding")}


def is_cold(scenario):
    return any(scenario.get(key) for key in ("rotate", "rotate_offsets", "rotate_paths", "rotate_cursor"))


def measure_configuration(database, url, size, ids, workers, settings, out, log):
    """Every scenario's figures (req/s, p50, p99, CPU ms per request) and the workers' memory."""
    tag = f"{database.kind}-{size}-w{workers}"
    static_root = out / f"static-{database.kind}-{size}"
    static_root.mkdir(exist_ok=True)
    values = {
        "id": ids["en"][0],
        "es_id": ids["es"][0],
        "slug": "treatment-guide-1",
        "offset": 0,
        "language": "en",
        "n": 1,
        "search": quote(SEARCH_WORDS[0]),
    }
    ports = settings["ports"]
    servers = {}
    results = {}
    try:
        servers["ours"] = start_server("cms.wsgi:application", ports["ours"], database.env(url), workers)
        servers["cold"] = start_server(
            "cms.wsgi:application", ports["cold"], database.env(url, BENCH_RESPONSE_CACHE="off"), workers
        )
        base = f"http://127.0.0.1:{ports['ours']}"
        detail, detail_headers = fetch(base + SCENARIOS[0]["ours"].format(**values))
        (static_root / "detail.json").write_bytes(detail)
        (static_root / "listing.json").write_bytes(fetch(base + SCENARIOS[2]["ours"].format(**values))[0])
        reader = next(s for s in SCENARIOS if s.get("static") == "/article.html")
        (static_root / "article.html").write_bytes(fetch(base + reader["ours"].format(**values))[0])
        # Our own compressed bytes beside them, which whitenoise serves to clients that accept them.
        for name, scenario in (("detail.json", SCENARIOS[0]), ("listing.json", SCENARIOS[2])):
            for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                body, headers = fetch(base + scenario["ours"].format(**values), {"Accept-Encoding": encoding})
                if headers.get("Content-Encoding") == encoding:
                    (static_root / (name + suffix)).write_bytes(body)
        servers["static"] = start_server(
            "bench.static_app:application",
            ports["static"],
            database.env(url, BENCH_STATIC_ROOT=str(static_root)),
            workers,
        )
        etag = detail_headers.get("ETag") or detail_headers.get("Etag")
        for scenario in SCENARIOS:
            row = results.setdefault(scenario["name"], {})
            for kind in ("ours", "stock", "static"):
                template = scenario.get(kind)
                if not template:
                    continue
                server = "static" if kind == "static" else "ours"
                if kind == "ours" and (is_cold(scenario) or scenario.get("rotate_search")):
                    server = "cold"  # the response cache is off: every request is cold
                port = ports[server]
                extra, error = rotation(scenario, kind, template, values, ids, size, port, out, tag)
                if error:
                    row[kind] = {"error": error}
                    continue
                if scenario.get("conditional"):
                    if not etag:
                        row[kind] = {"error": "no ETag on the detail response"}
                        continue
                    extra.append(f"header:If-None-Match={etag}")
                path = template.format(**values)
                headers = dict(scenario.get("headers") or {})
                if scenario.get("conditional"):
                    headers["If-None-Match"] = etag
                extra += [f"header:{name}={value}" for name, value in (scenario.get("headers") or {}).items()]
                started = time.monotonic()
                try:
                    status = status_of(port, path, headers)
                except TimeoutError:
                    row[kind] = {"error": "no answer within 120 s"}
                    continue
                seconds = time.monotonic() - started
                if status >= 400 or (scenario.get("conditional") and status != 304):
                    row[kind] = {"error": f"HTTP {status} for {path}"}
                    continue
                if seconds > SLOW_S:
                    # Loading it would queue minutes of work behind the run (sync workers).
                    log(f"{tag}: {scenario['name']} [{kind}]: {seconds:.1f} s for one request, not loaded")
                    row[kind] = {"error": f"{seconds:.1f} s per request", "request_s": round(seconds, 1)}
                    continue
                log(f"{tag}: {scenario['name']} [{kind}]")
                row[kind] = wrk(
                    servers[server], port, path, settings["duration"], settings["connections"], extra
                )
                if not is_cold(scenario) and not scenario.get("conditional"):
                    try:
                        row[kind].update(answer_size(port, path, headers))
                    except OSError as error:  # reported beside the figures, never fatal
                        row[kind]["bytes_error"] = str(error)
        memory = {name: worker_peak_memory_mb(process) for name, process in servers.items()}
    finally:
        for process in servers.values():
            stop_server(process)
    return {"endpoints": results, "peak_worker_memory_mb": memory}


def timed(function, *args):
    started = time.monotonic()
    result = function(*args)
    return result, round(time.monotonic() - started, 1)
