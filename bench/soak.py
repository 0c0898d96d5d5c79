"""`make soak`: the production stack on this machine under a bounded mixed load, with faults.

It starts private services on high ports (never the machine's own PostgreSQL or Redis): a
PostgreSQL cluster made with initdb in a temporary folder, a Redis server, gunicorn with 4
workers (production settings, bench/soak_settings.py) and `db_worker` (TASKS_BACKEND=database),
plus a webhook receiver in this process. Reader threads read the APIs and the reader site
anonymously; editor threads save drafts through v3 (their text must never be served); a
publisher thread edits and publishes a section through v3 (each publish sends a webhook); review
cycles (bench/soak_workflow.py) take articles through the workflow in the admin's HTML forms:
an editor submits, a publisher approves, a medical reviewer signs off, which publishes.

Faults, one after the other, each followed by a quiet phase: SIGKILL of a gunicorn worker,
a PostgreSQL restart, a Redis restart, SIGKILL of db_worker (restarted a few seconds later, as
a supervisor would). Then it checks, and exits non-zero unless all hold:

- every acknowledged write (v3 draft, v3 publish, workflow submission, approval, sign-off and
  the publish it makes) is in the database;
- each publish's webhook was received exactly once (by delivery id) after recovery;
- no draft was ever served (text under review only once its revision was published);
- every request that failed with a status answered 503, JSON under /api/;
- the service recovered within SOAK_RECOVERY_LIMIT seconds of each fault.

SOAK_PHASE_SECONDS (default 30) sets the length of each phase: six phases in all.
"""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

from bench import soak_workflow

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PHASE = float(os.environ.get("SOAK_PHASE_SECONDS", "30"))
RECOVERY_LIMIT = float(os.environ.get("SOAK_RECOVERY_LIMIT", "30"))
WORKERS = 4
LOGS = ROOT / "bench-results"
DRAFT_MARK = "NEVER-LIVE"
REVIEW_CYCLES = 2  # articles taken round the workflow at once, one thread each
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def log(message):
    print(f"[soak {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # noqa: S110 - not up yet
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {timeout}s")


class Postgres:
    """A private cluster (initdb) on its own port; run as the postgres user when we are root."""

    def __init__(self, folder, port):
        self.folder, self.port = folder / "pg", port
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args):
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, cwd="/")

    def create(self):
        self.folder.mkdir()
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.folder), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "cms")

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.folder),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )

    def _client(self, tool, *args):
        connection = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        return [*self.as_user, str(PG_BIN / tool), *connection, *args]

    def dump(self, path):
        with open(path, "wb") as out:
            subprocess.run(
                self._client("pg_dump", "-Fc", "cms"),
                stdout=out,
                check=True,
                cwd="/",
            )

    def restore(self, path):
        with open(path, "rb") as dump:
            subprocess.run(
                self._client("pg_restore", "-d", "cms", "--no-owner"),
                stdin=dump,
                check=True,
                capture_output=True,
                cwd="/",
            )

    def restart(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-m", "fast", "-w", "stop")
        time.sleep(2)  # down for a moment: requests meanwhile see the outage
        self.start()

    def stop(self):
        subprocess.run(
            [*self.as_user, str(PG_BIN / "pg_ctl"), "-D", str(self.folder), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
            cwd="/",
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/cms"


class Redis:
    def __init__(self, port):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: socket.create_connection(("127.0.0.1", self.port), 1).close() is None, 10, "redis")

    def restart(self):
        self.stop()
        time.sleep(2)
        self.start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class Receiver:
    """The webhook endpoint: records each delivery id it is sent and answers 200."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.received.append((self.headers.get("X-CMS-Delivery"), json.loads(body or b"{}")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def deliveries(self):
        with self.lock:
            return {delivery for delivery, _body in self.received}


class Stack:
    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="cms-soak-"))
        self.folder.chmod(0o755)
        self.pg = Postgres(self.folder, free_port())
        self.redis = Redis(free_port())
        self.port = free_port()
        self.receiver = Receiver()
        self.gunicorn = self.worker = None
        self.env = dict(os.environ)
        self.env.update(
            DJANGO_SETTINGS_MODULE="bench.soak_settings",
            PYTHONPATH=str(ROOT),
            DATABASE_URL=self.pg.url,
            REDIS_URL=f"redis://127.0.0.1:{self.redis.port}/0",
            TASKS_BACKEND="database",
            MEDIA_ROOT=str(self.folder / "media"),
            WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{self.port}",
            WEBHOOKS_ALLOW_PRIVATE_ADDRESSES="1",
            WEBHOOKS_BACKOFF_SECONDS="1",
            WEBHOOKS_MAX_ATTEMPTS="8",
            DEMO_PASSWORD="soak-" + uuid.uuid4().hex,
            # Every submission and sign-off notifies by email: not into the soak's output.
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        )
        self.env.pop("DATABASE_REPLICA_URL", None)

    def manage(self, *args):
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell_json(self, code, lines=1):
        """Run `code` in `manage.py shell`: the JSON of its last line (of its last `lines` lines)."""
        output = self.manage("shell", "-c", code).strip().splitlines()
        answers = [json.loads(line) for line in output[-lines:]]
        return answers[0] if lines == 1 else answers

    def start_gunicorn(self):
        self.gunicorn = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--log-level",
                "error",
            ],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": "bench.soak_settings"},
        )
        wait_for(lambda: requests.get(f"{self.base}/healthz", timeout=2).ok, 60, "gunicorn")

    def start_worker(self):
        LOGS.mkdir(exist_ok=True)
        output = open(LOGS / "soak-db_worker.log", "a")  # noqa: SIM115 - the worker keeps it open
        self.worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-reload", "--no-startup-delay"],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )

    def gunicorn_workers(self):
        out = subprocess.run(
            ["pgrep", "-P", str(self.gunicorn.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        log(
            f"PostgreSQL on {self.pg.port}, Redis on {self.redis.port}, gunicorn on {self.port}"
            f" ({self.folder})"
        )
        began = time.monotonic()
        self.pg.create()
        self.redis.start()
        self.migrate()
        migrated = time.monotonic()
        # One Django start-up for migrate, the roles, the demo content (a throwaway installation)
        # and the rest.
        self.setup = self.shell_json(
            SETUP_CODE.replace("RECEIVER_URL", f"http://127.0.0.1:{self.receiver.port}/hook").replace(
                "REVIEW_CYCLES", str(REVIEW_CYCLES)
            )
        )
        self.start_gunicorn()
        (LOGS / "soak-db_worker.log").unlink(missing_ok=True)  # this run's only (restarts append)
        self.start_worker()
        log(f"set up in {time.monotonic() - began:.0f}s (migrations {migrated - began:.0f}s)")

    def migrate(self):
        """Migrate, or restore the schema a previous run migrated (kept in bench-results/ under a
        hash of every migration and of the pins): `migrate` then only checks it is complete."""
        files = sorted(p for p in ROOT.glob("**/migrations/*.py") if ".venv" not in p.parts)
        files.append(ROOT / "requirements.txt")
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files)).hexdigest()[:16]
        cached = LOGS / f"soak-migrated-{digest}.dump"
        if cached.exists():
            self.pg.restore(cached)  # the set-up's `migrate` then checks there is nothing left to do
            return
        self.manage("migrate", "--noinput", "-v", "0")
        LOGS.mkdir(exist_ok=True)
        for old in LOGS.glob("soak-migrated-*.dump"):
            old.unlink()
        self.pg.dump(cached.with_suffix(".tmp"))
        cached.with_suffix(".tmp").rename(cached)

    def stop(self):
        for process in (self.gunicorn, self.worker):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.redis.stop()
        self.pg.stop()
        self.receiver.server.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)


# Run once through `manage.py shell`: tokens, the webhook endpoint, the pages the load works on.
SETUP_CODE = """
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.core.management import call_command
from wagtail.models import APIToken
from cms.articles.models import ArticleIndexPage, ArticlePage
from cms.delivery.models import WebhookEndpoint
from cms.editorial.signoff import signoff_waived
call_command("migrate", interactive=False, verbosity=0)
call_command("ensure_roles")
call_command("load_demo_content", "--allow-production")
User = get_user_model()
article = ArticlePage.objects.filter(locale__language_code="en").first()
section = ArticleIndexPage.objects.filter(locale__language_code="en").first()
reviewed = []
for n in range(REVIEW_CYCLES):  # the review cycles' articles, live before the webhook exists
    page = ArticlePage(title=f"Soak review {n}", slug=f"soak-review-{n}", summary="Reviewed in the soak.",
                       condition=article.condition,
                       body=[("section", {"heading": "Overview", "body": "<p>First version.</p>"})])
    section.add_child(instance=page)
    with signoff_waived("soak set-up"):
        page.save_revision().publish()
    reviewed.append(page.pk)
tokens = {role: APIToken.create_token(user=User.objects.get(username=role), name="soak")[1]
          for role in ("editor", "publisher")}
WebhookEndpoint.objects.create(name="soak", url="RECEIVER_URL", events=["publish"])
reader_path = "/en/" + "".join(part + "/" for part in article.url_path.strip("/").split("/")[1:])
print(json.dumps({"tokens": tokens, "article": article.pk, "reader_path": reader_path,
                  "section": section.pk, "reviewed": reviewed, "since": timezone.now().isoformat()}))
"""

VERIFY_CODE = """
import json
from wagtail.models import PageLogEntry, Revision
from cms.delivery.models import WebhookDelivery
article, section, reviewed, since = ARGS
summaries = [r.content.get("summary", "") for r in Revision.objects.filter(object_id=str(article))]
titles = [r.content.get("title", "") for r in Revision.objects.filter(object_id=str(section))]
published = [e.revision.content.get("title") for e in
             PageLogEntry.objects.filter(page_id=section, action="wagtail.publish", timestamp__gte=since)
             .select_related("revision") if e.revision]
delivered = list(WebhookDelivery.objects.filter(page_id__in=[section, *reviewed], event="publish",
                                                status="succeeded")
                 .values_list("delivery_id", flat=True))
print(json.dumps({"summaries": summaries, "titles": titles, "published": published,
                  "delivered": [str(d) for d in delivered]}))
"""


class Load:
    """The mixed load: readers, editors and a publisher, each recording every answer."""

    def __init__(self, stack):
        self.stack, self.stop = stack, threading.Event()
        self.records = []  # (time, kind, path, status or None, content type, error)
        self.lock = threading.Lock()
        self.drafts_acknowledged, self.publishes_acknowledged = [], []
        self.drafts_served, self.reviews_served = [], set()
        setup = stack.setup
        self.auth = {role: {"Authorization": f"Bearer {token}"} for role, token in setup["tokens"].items()}
        self.read_paths = [
            "/api/v2/articles/?fields=*",
            f"/api/v2/pages/{setup['article']}/",
            f"/api/v2/pages/{setup['section']}/",
            "/api/v3/pages/",
            setup["reader_path"],
            "/en/",
            *(f"/api/v2/pages/{page}/" for page in setup["reviewed"]),
        ]
        password = stack.env["DEMO_PASSWORD"]
        self.cycles = [soak_workflow.ReviewCycle(self, page, password) for page in setup["reviewed"]]

    def record(self, kind, path, response=None, error=None):
        entry = (
            time.monotonic(),
            kind,
            path,
            response.status_code if response is not None else None,
            response.headers.get("Content-Type", "") if response is not None else "",
            type(error).__name__ if error else "",
        )
        with self.lock:
            self.records.append(entry)

    def call(self, session, kind, method, path, **kwargs):
        try:
            response = session.request(method, self.stack.base + path, timeout=15, **kwargs)
        except requests.RequestException as error:
            self.record(kind, path, error=error)
            return None
        self.record(kind, path, response)
        return response

    def reader(self):
        session = requests.Session()
        n = 0
        while not self.stop.is_set():
            path = self.read_paths[n % len(self.read_paths)]
            n += 1
            response = self.call(session, "read", "GET", path)
            if response is not None and DRAFT_MARK.encode() in response.content:
                self.drafts_served.append(path)
            if response is not None:
                self.reviews_served.update(soak_workflow.MARK_PATTERN.findall(response.text))
            time.sleep(0.02)

    def editor(self):
        session = requests.Session()
        article = self.stack.setup["article"]
        while not self.stop.is_set():
            summary = f"{DRAFT_MARK} {uuid.uuid4().hex}"
            body = {"meta": {"type": "articles.ArticlePage"}, "summary": summary}
            response = self.call(
                session, "write", "PATCH", f"/api/v3/pages/{article}/", json=body, headers=self.auth["editor"]
            )
            if response is not None and response.status_code == 200:
                self.drafts_acknowledged.append((time.monotonic(), summary))
            time.sleep(1.0)

    def publisher(self):
        session = requests.Session()
        section = self.stack.setup["section"]
        n = 0
        while not self.stop.is_set():
            n += 1
            title = f"Treatments {uuid.uuid4().hex[:8]}"
            body = {"meta": {"type": "articles.ArticleIndexPage"}, "title": title}
            headers = self.auth["publisher"]
            response = self.call(
                session, "write", "PATCH", f"/api/v3/pages/{section}/", json=body, headers=headers
            )
            if response is not None and response.status_code == 200:
                published = self.call(
                    session, "write", "POST", f"/api/v3/pages/{section}/actions/publish/", headers=headers
                )
                if published is not None and published.status_code == 200:
                    self.publishes_acknowledged.append((time.monotonic(), title))
            time.sleep(1.0)

    def publishes_due(self):
        """Acknowledged publishes so far (v3's and the sign-offs'): each owes a webhook."""
        return len(self.publishes_acknowledged) + sum(len(cycle.signed) for cycle in self.cycles)

    def start(self):
        self.threads = [threading.Thread(target=self.reader, daemon=True) for _ in range(3)]
        self.threads += [threading.Thread(target=self.editor, daemon=True) for _ in range(2)]
        self.threads += [threading.Thread(target=self.publisher, daemon=True)]
        self.threads += [threading.Thread(target=cycle.run, daemon=True) for cycle in self.cycles]
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


def ready(stack):
    try:
        return requests.get(f"{stack.base}/readyz", timeout=3).status_code == 200
    except requests.RequestException:
        return False


def recovered_after(stack, started, extra=lambda: True):
    """Seconds from `started` until /readyz answers 200 (and `extra` holds), at most the limit."""
    deadline = started + RECOVERY_LIMIT * 2
    while time.monotonic() < deadline:
        if ready(stack) and extra():
            return time.monotonic() - started
        time.sleep(0.2)
    return float("inf")


def inject(stack, load, name):
    started = time.monotonic()
    if name == "gunicorn worker SIGKILL":
        workers = stack.gunicorn_workers()
        os.kill(workers[0], signal.SIGKILL)
        recovery = recovered_after(stack, started, lambda: len(stack.gunicorn_workers()) == WORKERS)
    elif name == "PostgreSQL restart":
        stack.pg.restart()
        recovery = recovered_after(stack, started)
    elif name == "Redis restart":
        stack.redis.restart()
        recovery = recovered_after(stack, started)
    else:  # db_worker SIGKILL, then a supervisor's restart
        # Recovered when every publish acknowledged before the kill has had its webhook.
        before = load.publishes_due()
        stack.worker.send_signal(signal.SIGKILL)
        stack.worker.wait(10)
        time.sleep(3)
        stack.start_worker()
        recovery = recovered_after(stack, started, lambda: len(stack.receiver.deliveries()) >= before)
        log(f"  webhooks: {len(stack.receiver.deliveries())} received of {before} due")
    return started, time.monotonic(), recovery


FAULTS = ["gunicorn worker SIGKILL", "PostgreSQL restart", "Redis restart", "db_worker SIGKILL"]


def main():
    if PG_BIN is None or shutil.which("redis-server") is None:
        print(
            "make soak needs PostgreSQL's server binaries and redis-server"
            " (apt-get install postgresql redis-server)"
        )
        return 2
    stack = Stack()
    failures = []
    try:
        stack.start()
        load = Load(stack)
        load.start()
        log(f"load running; a quiet phase of {PHASE:.0f}s, then each fault")
        time.sleep(PHASE)
        windows = []
        for name in FAULTS:
            log(f"fault: {name}")
            started, _injected, recovery = inject(stack, load, name)
            log(f"  recovered in {recovery:.1f}s")
            time.sleep(PHASE / 2)
            windows.append((name, started, time.monotonic(), recovery))
        load.finish()
        log("load stopped; waiting for webhook deliveries to drain")
        verdict, reviews = drained(stack, load.publishes_due())
        # A publish whose answer a fault cut off is logged but was not counted as due: wait
        # for its webhook too, then read again.
        logged = len(verdict["published"]) + len(reviews["published"])
        if logged > load.publishes_due():
            verdict, reviews = drained(stack, logged)
        failures = check(stack, load, windows, verdict, reviews)
    finally:
        stack.stop()
    if failures:
        print("\nFAILED:")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("\nAll checks passed.")
    return 0


def drained(stack, due):
    """Once `due` webhooks have arrived (and a moment for duplicates): what the database holds."""
    wait_for(lambda: len(stack.receiver.deliveries()) >= due, RECOVERY_LIMIT * 2, "webhook deliveries")
    time.sleep(3)  # let retries of anything delivered twice arrive, if they would
    setup, since = stack.setup, stack.setup["since"]
    pages = [setup["article"], setup["section"], setup["reviewed"]]
    code = VERIFY_CODE.replace("ARGS", repr([*pages, since]))
    code += soak_workflow.VERIFY_CODE.replace("ARGS", repr([setup["reviewed"], since]))
    return stack.shell_json(code, lines=2)


def check(stack, load, windows, verdict, reviews):
    failures = []
    stored_drafts, published = set(verdict["summaries"]), Counter(verdict["published"])
    lost = [(t, v) for t, v in load.drafts_acknowledged if v not in stored_drafts]
    for t, title in load.publishes_acknowledged:
        if published[title] > 0:
            published[title] -= 1
        else:
            lost.append((t, title))
    lost += soak_workflow.cycles_lost(load.cycles, reviews)
    # The table: per fault, the requests made from its start to the end of its phase.
    print()
    print(f"{'fault':<26}{'requests':>9}  {'errors by status':<34}{'recovery (s)':>13}{'writes lost':>12}")
    for name, start, end, recovery in windows:
        during = [r for r in load.records if start <= r[0] < end]
        statuses = Counter(r[3] if r[3] is not None else r[5] for r in during if r[3] is None or r[3] >= 400)
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items(), key=str)) or "none"
        lost_here = sum(1 for t, _v in lost if start <= t < end)
        print(f"{name:<26}{len(during):>9}  {errors:<34}{recovery:>13.1f}{lost_here:>12}")
        if recovery > RECOVERY_LIMIT:
            failures.append(f"{name}: no recovery within {RECOVERY_LIMIT:.0f}s ({recovery:.1f}s)")
    acknowledged = (
        f"{len(load.drafts_acknowledged)} drafts, {len(load.publishes_acknowledged)} publishes, "
        f"{sum(len(c.submitted) for c in load.cycles)} submissions, "
        f"{sum(len(c.approved) for c in load.cycles)} approvals, "
        f"{sum(len(c.signed) for c in load.cycles)} sign-offs"
    )
    print(f"\nwrites acknowledged: {acknowledged}; lost: {len(lost)}")
    if lost:
        failures.append(
            f"{len(lost)} acknowledged writes are not in the database: {[v for _t, v in lost][:5]}"
        )
    # Webhooks: one delivery id per publish (v3's and the sign-offs'), each received exactly once.
    received = Counter(d for d, _body in stack.receiver.received)
    duplicates = {d: n for d, n in received.items() if n > 1}
    publishes = len(verdict["published"]) + len(reviews["published"])
    print(
        f"publishes logged: {publishes} ({len(reviews['published'])} by sign-off); webhook deliveries"
        f" received: {len(received)}, duplicates: {len(duplicates)}"
    )
    if len(received) != publishes:
        failures.append(f"{publishes} publishes but {len(received)} webhook deliveries received")
    if duplicates:
        failures.append(f"webhooks received more than once: {duplicates}")
    if set(received) - set(verdict["delivered"]):
        failures.append("a received webhook is not logged as succeeded")
    published_marks = {m for r in reviews["published"] for m in reviews["revisions"].get(str(r), [])}
    if load.reviews_served - published_marks:
        unpublished = sorted(load.reviews_served - published_marks)
        failures.append(f"text under review was served unpublished: {unpublished}")
    failures += soak_workflow.cycles_failures(load.cycles)
    if load.drafts_served:
        failures.append(
            f"a draft was served {len(load.drafts_served)} times: {sorted(set(load.drafts_served))}"
        )
    # Failed answers: 503 only; JSON under /api/. Connection resets only where a worker was killed.
    wrong = defaultdict(int)
    for _t, _kind, path, status, content_type, _error in load.records:
        unclean = status != 503 or (path.startswith("/api/") and "json" not in content_type)
        if status is not None and status >= 500 and unclean:
            wrong[(path.split("?")[0], status, content_type)] += 1
    if wrong:
        failures.append(f"failed answers that were not a clean 503: {dict(wrong)}")
    kill_window = next((w for w in windows if w[0] == "gunicorn worker SIGKILL"), None)
    resets = [
        r
        for r in load.records
        if r[3] is None and not (kill_window and kill_window[1] <= r[0] < kill_window[2])
    ]
    if resets:
        failures.append(
            f"{len(resets)} requests got no answer outside the worker kill: {Counter(r[5] for r in resets)}"
        )
    total = Counter("ok" if r[3] is not None and r[3] < 400 else "error" for r in load.records)
    print(f"requests in all: {sum(total.values())} ({total['ok']} answered < 400)")
    return failures


if __name__ == "__main__":
    sys.exit(main())
