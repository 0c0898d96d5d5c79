"""Print the bench results as tables, with the ratios and the targets of issue 6 (and 16)."""

WIDTH = 33


def _ratio(a, b):
    return round(a / b, 2) if a and b else None


def _cell(stats):
    if not stats:
        return f"{'-':>{WIDTH}}"
    if "error" in stats:
        return f"{stats['error'][: WIDTH - 1]:>{WIDTH}}"
    flag = "!" if stats.get("errors") else " "
    return (
        f"{_number(stats['rps'], 7, 1)}{flag}{_number(stats['p50_ms'], 8)}{_number(stats['p99_ms'], 8)}"
        f"{_number(stats.get('cpu_ms'), 9)}"
    )


def _number(value, width, small=2):
    """Right-aligned, with fewer decimals as the value grows, so cells never run together."""
    if value is None:
        return f"{'-':>{width}}"
    decimals = small if value < 100 else min(small, 1) if value < 1000 else 0
    if small == 1 and value >= 100:
        decimals = 0
    return f"{value:>{width}.{decimals}f}"


def _get(run, name, kind, figure):
    return ((run["endpoints"].get(name) or {}).get(kind) or {}).get(figure)


def _configurations(results):
    """{(database, workers): {pages: run}}."""
    grouped = {}
    for run in results["runs"]:
        grouped.setdefault((run["database"], run["workers"]), {})[run["pages"]] = run
    return grouped


def configuration_targets(database, runs):
    big, small = runs[max(runs)], runs[min(runs)]
    detail_warm, detail_cold = "article detail (warm)", "article detail (cold)"
    listing, listing_cold = "listing with bodies, limit 20", "listing with bodies, limit 20 (cold)"
    reader = "reader article page (warm)"
    static_goal = 0.6 if database == "postgres" else 0.8
    cache = "Redis" if database == "postgres" else "per-process cache"
    checks = [
        ("cold detail CPU ms per request <= 5", _get(big, detail_cold, "ours", "cpu_ms"), "<=", 5),
        ("cold listing CPU ms per request <= 25", _get(big, listing_cold, "ours", "cpu_ms"), "<=", 25),
        (
            "cold detail >= 3 x stock (req/s)",
            _ratio(_get(big, detail_cold, "ours", "rps"), _get(big, detail_cold, "stock", "rps")),
            ">=",
            3,
        ),
        (
            f"warm detail ({cache}) >= {static_goal} x static (req/s)",
            _ratio(_get(big, detail_warm, "ours", "rps"), _get(big, detail_warm, "static", "rps")),
            ">=",
            static_goal,
        ),
        (
            "reader article warm >= 0.5 x static",
            _ratio(_get(big, reader, "ours", "rps"), _get(big, reader, "static", "rps")),
            ">=",
            0.5,
        ),
        (
            "listing limit 20 >= 10 x stock",
            _ratio(_get(big, listing, "ours", "rps"), _get(big, listing, "stock", "rps")),
            ">=",
            10,
        ),
    ]
    if big is not small:
        for name in big["endpoints"]:
            for figure in ("p50_ms", "p99_ms"):
                checks.append(
                    (
                        f"{figure[:3]} {name}: {max(runs)} <= 1.2 x {min(runs)}",
                        _ratio(_get(big, name, "ours", figure), _get(small, name, "ours", figure)),
                        "<=",
                        1.2,
                    )
                )
    return checks


def database_targets(database, runs, writes):
    checks = []
    by_size = {run["pages"]: run for run in runs}
    probes = {probe for run in by_size.values() for probe in run["queries"]}
    for probe in sorted(probes):
        counts = [by_size[size]["queries"].get(probe, {}).get("queries") for size in sorted(by_size)]
        constant = 1 if None not in counts and len(set(counts)) == 1 else 0
        checks.append((f"queries constant across sizes, {probe}: {counts}", constant, ">=", 1))
    immediate = writes.get("immediate") or {}
    if immediate.get("publish_ours_ms") and immediate.get("publish_stock_ms"):
        checks.append(
            (
                "publish ours no slower than stock (immediate tasks, stock/ours p50)",
                _ratio(immediate["publish_stock_ms"], immediate["publish_ours_ms"]),
                ">=",
                1,
            )
        )
    return checks


def _verdict(value, op, goal):
    if value is None:
        return False
    return value <= goal if op == "<=" else value >= goal


def targets(results):
    """{group label: [(label, value, op, goal, met)]}, one group per database and configuration."""
    groups = {}
    configurations = _configurations(results)
    for database in results["settings"]["databases"]:
        runs = [run for run in results["runs"] if run["database"] == database]
        if not runs:
            continue
        checks = database_targets(database, runs, results["writes"].get(database, {}))
        groups[database] = [(*check, _verdict(check[1], check[2], check[3])) for check in checks]
        for (kind, workers), by_size in configurations.items():
            if kind == database:
                checks = configuration_targets(database, by_size)
                groups[f"{database}, {workers} workers, {max(by_size)} articles"] = [
                    (*check, _verdict(check[1], check[2], check[3])) for check in checks
                ]
    return groups


def _print_run(run, cache):
    print(
        f"\n== {run['database']}, {cache}, {run['workers']} workers, {run['pages']} articles "
        f"(req/s, p50 ms, p99 ms, CPU ms per request; took {run['elapsed_s']}s) =="
    )
    print(
        f"{'endpoint':<46}"
        + "".join(f"{c:>{WIDTH}}" for c in ("ours", "stock v2", "static file"))
        + f"{'ours/stock':>11}{'ours/static':>12}"
    )
    print(f"{'':<46}" + f"{'req/s':>8}{'p50':>8}{'p99':>8}{'cpu ms':>9}" * 3)
    for name, row in run["endpoints"].items():
        ours, stock, static = row.get("ours"), row.get("stock"), row.get("static")
        r_stock = _ratio((ours or {}).get("rps"), (stock or {}).get("rps"))
        r_static = _ratio((ours or {}).get("rps"), (static or {}).get("rps"))
        cells = _cell(ours) + _cell(stock) + _cell(static)
        print(f"{name:<46}{cells}{r_stock or '-':>11}{r_static or '-':>12}")
    print(
        "queries per request (cache empty): "
        + ", ".join(f"{k} {v['queries']}" for k, v in run["queries"].items())
    )
    print(f"peak memory per worker (MB): {run['peak_worker_memory_mb']}  (! = some requests failed)")
    for line in compression_lines(run):
        print(line)


# (uncompressed row, the same answer asked for with Accept-Encoding: gzip, deflate, br)
COMPRESSED_PAIRS = [
    ("article detail (warm)", "article detail (warm, compressed)"),
    ("listing with bodies, limit 20", "listing with bodies, limit 20 (compressed)"),
]


def compression_lines(run):
    """Bytes and req/s of each compressed answer against the same answer uncompressed."""
    lines = []
    for plain, compressed in COMPRESSED_PAIRS:
        for kind in ("ours", "static"):
            before = (run["endpoints"].get(plain) or {}).get(kind) or {}
            after = (run["endpoints"].get(compressed) or {}).get(kind) or {}
            if not before.get("bytes") or not after.get("bytes"):
                continue
            lines.append(
                f"compressed, {plain} [{kind}]: {before['bytes']:,} -> {after['bytes']:,} bytes "
                f"({after.get('encoding') or 'identity'}, {_ratio(after['bytes'], before['bytes'])}x), "
                f"req/s {before['rps']:,.0f} -> {after['rps']:,.0f} ({_ratio(after['rps'], before['rps'])}x)"
            )
    return lines


def report_print(results):
    for run in results["runs"]:
        _print_run(run, "Redis" if run["database"] == "postgres" else "per-process cache")
    print("\nbuilds (first configuration of each database and size):")
    seen = set()
    for run in results["runs"]:
        if (run["database"], run["pages"]) in seen:
            continue
        seen.add((run["database"], run["pages"]))
        snapshots, search = run["snapshots"], run["search"]
        print(
            f"  {run['database']} {run['pages']} articles: data build {run['data_build_s']}s "
            f"(rows {run['rows_s']}s, {snapshots['stored']} detail snapshots in {snapshots['build_s']}s "
            f"= {snapshots['per_s']}/s), search index build s: {search['index_build_s']}"
        )
    for database, info in results.get("databases", {}).items():
        print(f"  {database}: migrate {info['migrate_s']}s, whole database {info['elapsed_s']}s")
    for database, by_backend in results.get("writes", {}).items():
        for backend, writes in by_backend.items():
            if "error" in writes:
                print(f"\nwrites ({database}, {backend} tasks): {writes['error']}")
                continue
            ours, stock = writes["publish_ours"], writes["publish_stock"]
            print(
                f"\nwrites ({database}, {backend} tasks): publish ours p50 {ours['p50_ms']} ms, "
                f"p99 {ours['p99_ms']} ms (max {ours['max_ms']}, n={ours['count']}); stock p50 "
                f"{stock['p50_ms']} ms, p99 {stock['p99_ms']} ms (max {stock['max_ms']}); snapshot task "
                f"{writes['snapshot_task_ms']} ms; import {writes['import_pages_per_s']} pages/s"
            )
    print("\ntargets:")
    for group, checks in targets(results).items():
        print(f" {group}:")
        for label, value, op, goal, ok in checks:
            print(f"  [{'met' if ok else 'MISSED'}] {label}: {value} (goal {op} {goal})")
    print(f"\nbench took {results['elapsed_s']}s (load average {results['machine']['load_average_after']})")
