"""gunicorn servers for `make bench`: start and stop them, read their workers' CPU time and
memory, and load them with wrk."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def wait_for_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout}s")


def start_server(app, port, env, workers):
    # --workers on the command line, not WEB_CONCURRENCY/GUNICORN_CMD_ARGS: production.py's check
    # for several workers without a shared cache reads only the environment (see bench/run.py).
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--timeout",
        "120",
    ]
    process = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
    try:
        wait_for_port(port, process)
        deadline = time.monotonic() + 30
        while len(worker_pids(process)) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
    except BaseException:
        stop_server(process)
        raise
    return process


def stop_server(process):
    """SIGTERM the server's process group (master and workers); SIGKILL it if it lingers."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def worker_pids(process):
    """The gunicorn master's children (its workers), read from /proc."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Field 4 is the parent pid; fields are counted after the ")" closing the command name.
        if int(stat.rpartition(")")[2].split()[1]) == process.pid:
            pids.append(int(entry.name))
    return pids


def cpu_ticks(process):
    """utime + stime (fields 14 and 15 of /proc/<pid>/stat) summed over the server's workers."""
    total = 0
    for pid in worker_pids(process):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        # fields[0] is field 3 (state): field n is fields[n - 3].
        total += int(fields[11]) + int(fields[12])
    return total


def worker_peak_memory_mb(process):
    peaks = []
    for pid in worker_pids(process):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return round(max(peaks), 1) if peaks else None


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read(), dict(response.headers)


def fetch_json(port, path):
    """(status, parsed body or None) without raising on 4xx/5xx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    try:
        return response.status, json.loads(body)
    except ValueError:
        return response.status, None


def status_of(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


def wrk(process, port, path, duration, connections, extra_args=()):
    """Load `path` for `duration` seconds; the figures plus the workers' CPU ms per request."""
    args = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(Path(__file__).parent / "wrk_report.lua"),
        f"http://127.0.0.1:{port}{path}",
        "--",
        *extra_args,
    ]
    # CPU time of requests still running when wrk stops counts too (sync workers finish them):
    # negligible beside thousands of requests, but an endpoint that completes only a handful in
    # the run (seconds per request) reads high; its `requests` says so.
    before = cpu_ticks(process)
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    used = cpu_ticks(process) - before
    stats = json.loads(output.strip().splitlines()[-1])
    seconds = stats["duration_us"] / 1e6
    requests = stats["requests"]
    return {
        "rps": round(requests / seconds, 1),
        "p50_ms": round(stats["p50_us"] / 1000, 2),
        "p99_ms": round(stats["p99_us"] / 1000, 2),
        "cpu_ms": round(used * 1000 / CLOCK_TICKS / requests, 2) if requests else None,
        "requests": requests,
        "errors": stats["errors"] + stats["non_2xx_3xx"],
    }
