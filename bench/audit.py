"""`make audit`: Lighthouse (mobile, simulated slow 4G and CPU) on the reader site's demo articles.

Builds the demo (the seed article in English, Spanish, German and Arabic) in a fresh SQLite
database, serves it with gunicorn and production-like settings (DEBUG off, hashed static files)
on 127.0.0.1:$AUDIT_PORT, and runs Lighthouse 12 with Debian's chromium on the English and the
Arabic article. Prints the scores, writes bench-results/audit/results.json (and each full
Lighthouse report beside it) and exits 1 when a target is missed: performance >= 95;
accessibility, best practices and SEO 100; cumulative layout shift < 0.05.
"""

import json
import os
import subprocess
import sys
import time
import urllib.request

from bench.run import PYTHON, ROOT, env_for, log, start_server, stop_server

OUT = ROOT / "bench-results" / "audit"
PORT = int(os.environ.get("AUDIT_PORT", "8794"))
LIGHTHOUSE = ROOT / "audit" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CLS_TARGET = 0.05
METRICS = {
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
    "speed-index": "SI ms",
    "cumulative-layout-shift": "CLS",
}


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def article_urls(base):
    """{"English article": url, "Arabic article": url} from the API, as the site links them."""
    urls = {}
    for language, name in (("en", "English article"), ("ar", "Arabic article")):
        with urllib.request.urlopen(f"{base}/api/v2/articles/?locale={language}", timeout=30) as response:
            urls[name] = json.load(response)["items"][0]["url"]
    return urls


def lighthouse(url, name):
    report = OUT / f"lighthouse-{name.split()[0].lower()}.json"
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=300,
    )
    data = json.loads(report.read_text())
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    metrics = {label: data["audits"][key]["numericValue"] for key, label in METRICS.items()}
    failing = sorted(
        audit_id
        for key in CATEGORIES[1:]
        for ref in data["categories"][key]["auditRefs"]
        if ref["weight"] and (audit_id := ref["id"]) and data["audits"][audit_id]["score"] not in (1, None)
    )
    return {"url": url, "lighthouse": data["lighthouseVersion"], **scores, **metrics, "failing": failing}


def missed(result):
    misses = [f"{key} {result[key]} < {target}" for key, target in TARGETS.items() if result[key] < target]
    if result["CLS"] >= CLS_TARGET:
        misses.append(f"CLS {result['CLS']:.3f} >= {CLS_TARGET}")
    return misses


def report_print(results):
    header = ["page", *CATEGORIES, *METRICS.values()]
    print("\n| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, result in results.items():
        cells = [name, *(str(result[key]) for key in CATEGORIES)]
        cells += [
            f"{result[label]:.3f}" if label == "CLS" else f"{result[label]:,.0f}"
            for label in METRICS.values()
        ]
        print("| " + " | ".join(cells) + " |")
    print()


def main():
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: `make audit` installs it (audit/lighthouse/package.json).")
    OUT.mkdir(parents=True, exist_ok=True)
    db_path = OUT / "audit.sqlite3"
    db_path.unlink(missing_ok=True)
    base = f"http://127.0.0.1:{PORT}"
    env = {**env_for(db_path), "DJANGO_SETTINGS_MODULE": "bench.audit_settings", "PORT": str(PORT)}
    env.update(WAGTAILADMIN_BASE_URL=base, READER_SITE_URL=base, WAGTAILAPI_BASE_URL=base)
    started = time.monotonic()
    log("migrating and loading the demo content")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "compilemessages", "--ignore=.venv", "-v", "0")
    manage(env, "ensure_roles")
    manage(env, "load_demo_content", "--allow-production")  # a throwaway database
    manage(env, "collectstatic", "--noinput", "--clear", "-v", "0")
    server = start_server("cms.wsgi:application", PORT, env)
    try:
        results = {}
        for name, url in article_urls(base).items():
            urllib.request.urlopen(url, timeout=30).read()  # warm, as a visited page is
            log(f"Lighthouse: {name} ({url})")
            results[name] = lighthouse(url, name)
    finally:
        stop_server(server)
    summary = {"results": results, "targets": {**TARGETS, "CLS": CLS_TARGET}}
    summary["elapsed_s"] = round(time.monotonic() - started, 1)
    (OUT / "results.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    report_print(results)
    misses = {name: missed(result) for name, result in results.items() if missed(result)}
    for name, result in results.items():
        if result["failing"]:
            print(f"{name}: failing audits: {', '.join(result['failing'])}")
    if misses:
        sys.exit(f"targets missed: {misses}")
    log(f"all targets met; reports in {OUT}")


if __name__ == "__main__":
    main()
