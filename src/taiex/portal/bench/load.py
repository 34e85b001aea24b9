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


def wait_until_up(url, server, timeout=90):
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
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=environment,
    )  # fmt: skip
    try:
        wait_until_up(f"{host}{ready}", server)
        write(f"  gunicorn ({workers} workers) on {host}; locust: {users} users for {seconds} s")
        with tempfile.TemporaryDirectory(prefix="taiex-bench-") as folder:
            prefix = Path(folder) / "load"
            locust = subprocess.run(  # noqa: S603 - our own interpreter and arguments
                [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless",
                 "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", host,
                 "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
                 "--exit-code-on-error", "0"],
                env=environment, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if locust.returncode != 0:
                raise RuntimeError(f"locust failed: {locust.stderr[-2000:]}")
            return parse_stats(Path(f"{prefix}_stats.csv"), users=users, seconds=seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


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
