"""Fault test on PostgreSQL: a real worker is killed while it sends queued mail and started
again, the database cuts every connection, and still every mail leaves exactly once and the web
server answers without a 500 after the reconnection.

It starts processes (two workers one after the other, gunicorn) on the test database, so it needs
PostgreSQL: SQLite's in-memory test database is not visible to other processes.
"""

import email
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult, get_date_max

from taiex.core import outbox
from taiex.core.models import OutboxMessage

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL: other processes share the test database, and "
        "pg_terminate_backend cuts the connections (runs in CI's PostgreSQL pass)",
    ),
    pytest.mark.django_db(transaction=True),
]

PROJECT = Path(__file__).resolve().parents[2]
MAILS = 8
SEND_DELAY = 1.5  # seconds the mail backend waits before writing: the window to kill a sender


WORKER = [sys.executable, "manage.py", "run_worker"]
GUNICORN = [sys.executable, "-m", "gunicorn", "taiex.wsgi:application"]


def database_url():
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def environment(mail_dir):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.fault_settings",
        "PYTHONPATH": str(PROJECT),
        "DATABASE_URL": database_url(),
        "TAIEX_TASKS_BACKEND": "database",
        "TAIEX_DEBUG": "1",
        "TAIEX_WORKER_LEASE_SECONDS": "3",
        "TAIEX_EMAIL_TIMEOUT": "1",  # a claim lasts six timeouts: 6 s
        "TAIEX_TEST_MAIL_DIR": str(mail_dir),
        "TAIEX_TEST_MAIL_DELAY": str(SEND_DELAY),
    }


def start_worker(env, log):
    return subprocess.Popen(
        [*WORKER, "--queue-name", "*", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, *, timeout, what):
    """Poll until `condition()`; the timeouts are generous for a CI machine under load."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}.")


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None  # not listening yet


def count(status):
    return OutboxMessage.objects.filter(status=status).count()


def terminate_other_connections():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_every_mail_leaves_once_through_a_killed_worker_and_a_cut_database(tmp_path):
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = environment(mail_dir)
    subjects = [f"Fault test mail {n:02d}" for n in range(MAILS)]
    pks = outbox.queue_messages(
        [(f"person{n}@example.org", s, "body") for n, s in enumerate(subjects)]
    )
    for pk in pks:  # one task per mail, as notify() enqueues them
        DBTaskResult.objects.create(
            task_path="taiex.core.tasks.deliver_outbox_messages_task",
            args_kwargs={"args": [], "kwargs": {"pks": [pk]}},
            backend_name="default",
            run_after=get_date_max(),
        )
    port = free_port()
    logs = (tmp_path / "first-worker.log").open("w"), (tmp_path / "second-worker.log").open("w")
    web_log = (tmp_path / "web.log").open("w")
    processes = []
    try:
        # 1. The first worker is killed (no chance to clean up) while it sends a mail.
        first = start_worker(env, logs[0])
        processes.append(first)
        wait_for(
            lambda: count("sent") >= 2 and count("sending") == 1,
            timeout=300,
            what="the first worker to send two mails and start a third",
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert count("sending") == 1  # left behind, with its task RUNNING or (sweep) none
        sent_before_restart = count("sent")
        assert len(list(mail_dir.iterdir())) == sent_before_restart

        # 2. A web server that keeps its connection, and a second worker.
        web = subprocess.Popen(
            [*GUNICORN, "--workers", "1", "--bind", f"127.0.0.1:{port}", "--access-logfile", "-"],
            cwd=PROJECT,
            env=env,
            stdout=web_log,
            stderr=subprocess.STDOUT,
        )
        processes.append(web)
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: status_of(f"{base}/healthz") == 200, timeout=300, what="gunicorn")
        assert status_of(f"{base}/api/v1/events/") == 200
        second = start_worker(env, logs[1])
        processes.append(second)
        wait_for(
            lambda: count("sent") > sent_before_restart,
            timeout=300,
            what="the second worker to send",
        )

        # 3. The database cuts every connection: the worker's, its heartbeat's, the web server's.
        assert terminate_other_connections() >= 2
        statuses = [status_of(f"{base}{path}") for path in ("/api/v1/events/", "/", "/healthz")]
        assert statuses == [200, 200, 200]
        wait_for(lambda: status_of(f"{base}/readyz") == 200, timeout=30, what="/readyz")

        # 4. Everything leaves, once: the killed worker's mail and task were taken back.
        wait_for(lambda: count("sent") == MAILS, timeout=300, what="every mail to be sent")
        assert second.poll() is None  # the worker survived the cut connections
        assert status_of(f"{base}/readyz") == 200
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        for log in (*logs, web_log):
            log.close()

    written = Counter(
        email.message_from_bytes(path.read_bytes())["Subject"] for path in mail_dir.iterdir()
    )
    assert written == Counter(subjects)
    assert sorted(OutboxMessage.objects.values_list("status", flat=True)) == ["sent"] * MAILS
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
