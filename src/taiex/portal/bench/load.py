"""Throughput under load: the production server (gunicorn, 2 workers, TAIEX_DEBUG=0) on a free
loopback port against the same database, and locust, headless, in a second process."""

import base64
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
HELLO_LOCUSTFILE = Path(__file__).with_name("hello_locustfile.py")
SEARCH_APP = ("taiex.wsgi:application", LOCUSTFILE, "/public/events/")
HELLO_APP = ("taiex.portal.bench.hello:application", HELLO_LOCUSTFILE, "/")
# Before the load: each address of the load once, from two threads at once, so that each worker
# answers some (its first search builds the facet index, the vocabulary and the stems), then a
# wait until the server's processes have been quiet for QUIET seconds (the start-up's
# background warm-ups: the expert ranking's term index, the statistics' facts), at most
# WARM_UP_LIMIT seconds.
QUIET = 1.0
WARM_UP_LIMIT = 180
SOURCE_DIR = Path(__file__).resolve().parents[2]  # src/, where the taiex package lives


@dataclass
class LoadResult:
    users: int
    seconds: int
    requests: int
    failures: int
    requests_per_second: float
    p50: float
    p95: float
    rows: list  # (name, requests, failures, p50, p95, requests/s) per kind of search
    # CPU seconds the server's workers used during the load (None where not measurable), and
    # the load average (1 minute) before and after it.
    server_cpu: float | None = None
    load_before: float | None = None
    load_after: float | None = None

    @property
    def cpu_per_request(self):
        """The server's CPU milliseconds per request served."""
        if self.server_cpu is None or not self.requests:
            return None
        return self.server_cpu * 1000 / self.requests


# locust's users pause 0.05-0.2 s (0.125 s on average) between requests (locustfile.py).
MEAN_PAUSE = 0.125


def pause_cap(users):
    """The requests per second that `users` users can send at most, with no time spent
    waiting for the answers: their pauses alone."""
    return users / MEAN_PAUSE


def describe_cpu(result):
    load = "-" if result.load_before is None else f"{result.load_before:.1f}"
    if result.load_after is not None:
        load += f" -> {result.load_after:.1f}"
    if result.cpu_per_request is None:
        return f"server CPU not measured; load average {load}"
    return (
        f"server CPU (the workers' process time): {result.server_cpu:.1f} s, "
        f"{result.cpu_per_request:.1f} ms per request; load average {load}"
    )


def server_cpu_seconds(pid):
    """The CPU seconds (user and system) used so far by the process `pid` and its children
    (gunicorn's master and workers); None without psutil (a dependency of locust)."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        master = psutil.Process(pid)
        total = 0.0
        for process in [master, *master.children(recursive=True)]:
            times = process.cpu_times()
            total += times.user + times.system
        return total
    except psutil.Error:
        return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment():
    """The environment of production mode: debug off, a secret key, the loopback host."""
    environment = dict(os.environ)
    environment |= {
        "TAIEX_DEBUG": "0",
        "TAIEX_SECRET_KEY": secrets.token_urlsafe(40),
        "TAIEX_FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "TAIEX_ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(SOURCE_DIR), os.environ.get("PYTHONPATH")])
        ),
    }
    return environment


def wait_until_up(url, server, timeout=300):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit code {server.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s.")


def run_load(*, users=20, seconds=20, workers=2, write=print, app=SEARCH_APP):
    """Start gunicorn, run locust against it, stop gunicorn; return the parsed statistics.
    `app`: (WSGI application, locustfile, address that answers when the server is up)."""
    wsgi, locustfile, ready = app
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    environment = server_environment()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "gunicorn", wsgi, "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         # A busy machine takes more than gunicorn's default 30 s to import the application.
         "--timeout", "180"],
        env=environment,
    )  # fmt: skip
    try:
        wait_until_up(f"{host}{ready}", server)
        warmed = warm_up(host, server.pid, locustfile)
        write(
            f"  gunicorn ({workers} workers) on {host}, warmed up in {warmed:.0f} s; "
            f"locust: {users} users for {seconds} s"
        )
        load_before, cpu_before = load_average(), server_cpu_seconds(server.pid)
        with tempfile.TemporaryDirectory(prefix="taiex-bench-") as folder:
            prefix = Path(folder) / "load"
            locust = subprocess.run(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless",
                 "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host,
                 "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                 "--exit-code-on-error", "0"],
                env=environment, capture_output=True, text=True, check=False,
            )  # fmt: skip
            cpu_after = server_cpu_seconds(server.pid)
            if locust.returncode != 0:
                raise RuntimeError(f"locust failed: {locust.stderr[-2000:]}")
            result = parse_stats(Path(f"{prefix}_stats.csv"), users=users, seconds=seconds)
            if cpu_before is not None and cpu_after is not None:
                result.server_cpu = cpu_after - cpu_before
            result.load_before, result.load_after = load_before, load_average()
            return result
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def warm_up(host, pid, locustfile):
    """Send the load's own addresses from two threads at once, then wait until the server's
    processes use (almost) no CPU; the seconds it took. The steady state is what is measured,
    not a worker's start."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    addresses = warm_up_addresses(locustfile)

    def get(i):
        url = f"{host}{addresses[i % len(addresses)]}"
        try:
            with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - loopback
                response.read()
        except OSError:
            pass

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(get, range(len(addresses))))
    previous = server_cpu_seconds(pid)
    while previous is not None and time.monotonic() - started < WARM_UP_LIMIT:
        time.sleep(QUIET)
        now = server_cpu_seconds(pid)
        if now is None or now - previous < QUIET * 0.05:
            break
        previous = now
    return time.monotonic() - started


def warm_up_addresses(locustfile):
    """The addresses the load requests (the search's scenarios), or the hello-world's page."""
    if locustfile != LOCUSTFILE:
        return ["/"]
    from urllib.parse import urlencode

    from .scenarios import SCENARIOS, query_pairs

    return [
        f"{path}?{urlencode(query_pairs(params))}"
        for path in ("/public/events/", "/api/v1/events/")
        for scenarios in SCENARIOS.values()
        for params in scenarios
    ]


def number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def parse_stats(path, *, users, seconds):
    """locust's `<prefix>_stats.csv`: one row per request name and an "Aggregated" row."""
    with path.open(newline="", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    per_name = []
    total = None
    for row in rows:
        values = (
            row["Name"], int(number(row["Request Count"])), int(number(row["Failure Count"])),
            number(row["50%"]), number(row["95%"]), number(row["Requests/s"]),
        )  # fmt: skip
        if row["Name"] == "Aggregated":
            total = values
        else:
            per_name.append(values)
    if total is None:
        raise RuntimeError(f"No aggregated row in {path}.")
    return LoadResult(
        users=users, seconds=seconds, requests=total[1], failures=total[2],
        requests_per_second=total[5], p50=total[3], p95=total[4], rows=per_name,
    )  # fmt: skip
