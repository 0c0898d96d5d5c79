"""Print the bench results as a table, with the ratios and the targets of issue 6."""


def _ratio(a, b):
    return round(a / b, 2) if a and b else None


def _cell(stats):
    if not stats:
        return f"{'-':>28}"
    if "error" in stats:
        return f"{stats['error'][:28]:>28}"
    flag = "!" if stats.get("errors") else " "
    return f"{stats['rps']:>9.0f}{flag}{stats['p50_ms']:>8.2f} {stats['p99_ms']:>9.2f}"


def targets(results):
    runs = {run["pages"]: run for run in results["runs"]}
    big, small = runs[max(runs)], runs[min(runs)]
    e = big["endpoints"]

    def rps(name, kind):
        return (e.get(name, {}).get(kind) or {}).get("rps")

    checks = [
        (
            "detail warm >= 0.5 x static",
            _ratio(rps("article detail (warm)", "ours"), rps("article detail (warm)", "static")),
            0.5,
        ),
        (
            "reader article warm >= 0.5 x static",
            _ratio(rps("reader article page (warm)", "ours"), rps("reader article page (warm)", "static")),
            0.5,
        ),
        (
            "reader article warm >= 0.8 x API detail warm",
            _ratio(rps("reader article page (warm)", "ours"), rps("article detail (warm)", "ours")),
            0.8,
        ),
        (
            "detail cold >= 3 x stock",
            _ratio(rps("article detail (cold)", "ours"), rps("article detail (cold)", "stock")),
            3,
        ),
        (
            "listing limit 20 >= 10 x stock",
            _ratio(
                rps("listing with bodies, limit 20", "ours"), rps("listing with bodies, limit 20", "stock")
            ),
            10,
        ),
    ]
    for name, row in e.items():
        ours_big = (row.get("ours") or {}).get("p50_ms")
        ours_small = (small["endpoints"].get(name, {}).get("ours") or {}).get("p50_ms")
        if ours_big and ours_small and big is not small:
            checks.append(
                (f"p50 {name}: {max(runs)} <= 1.2 x {min(runs)}", round(1.2 * ours_small / ours_big, 2), 1)
            )
    counts = [
        run["queries"][probe]["queries"]
        for run in runs.values()
        for probe in run["queries"]
        if not probe.startswith("stock") and probe.startswith("listing")
    ]
    checks.append(
        ("listing queries constant (limit 1/20/100, every size)", 1 if len(set(counts)) == 1 else 0, 1)
    )
    for backend, writes in results.get("writes", {}).items():
        if writes.get("publish_ours_ms") and writes.get("publish_stock_ms"):
            checks.append(
                (
                    f"publish no slower than stock ({backend} tasks)",
                    _ratio(writes["publish_stock_ms"], writes["publish_ours_ms"]),
                    1,
                )
            )
    return [(label, value, goal, value is not None and value >= goal) for label, value, goal in checks]


def report_print(results):
    for run in results["runs"]:
        print(f"\n== {run['pages']} articles  (req/s, p50 ms, p99 ms; {results['settings']}) ==")
        columns = ("ours", "stock v2", "static file")
        print(
            f"{'endpoint':<40}"
            + "".join(f"{c:>28}" for c in columns)
            + f"{'ours/stock':>11}{'ours/static':>12}"
        )
        for name, row in run["endpoints"].items():
            ours, stock, static = row.get("ours"), row.get("stock"), row.get("static")
            r_stock = _ratio((ours or {}).get("rps"), (stock or {}).get("rps"))
            r_static = _ratio((ours or {}).get("rps"), (static or {}).get("rps"))
            cells = _cell(ours) + _cell(stock) + _cell(static)
            print(f"{name:<40}{cells}{r_stock or '-':>11}{r_static or '-':>12}")
        print(
            "queries per request (cache empty): "
            + ", ".join(f"{k} {v['queries']}" for k, v in run["queries"].items())
        )
        print(f"peak memory per worker (MB): {run['peak_worker_memory_mb']}  (! = some requests failed)")
        snapshots = run.get("snapshots")
        if snapshots:
            print(
                f"detail snapshots built ahead (as publishing does): {snapshots['stored']} "
                f"in {snapshots['build_s']}s"
            )
    for backend, writes in results.get("writes", {}).items():
        print(f"\nwrites ({backend} tasks): " + ", ".join(f"{k} {v}" for k, v in writes.items()))
    print("\ntargets:")
    for label, value, goal, ok in targets(results):
        print(f"  [{'met' if ok else 'MISSED'}] {label}: {value} (goal {goal})")
    print(f"\nbench took {results['elapsed_s']}s")
