"""The worker: tasks of dead workers are queued again after the lease, the worker runs the tasks
and the outbox; the health endpoints."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from taiex.core import outbox
from taiex.core.models import OutboxMessage, WorkerHeartbeat
from taiex.core.worker import (
    MAX_CLAIMS,
    ResilientWorker,
    beat,
    recover_abandoned_tasks,
    requeue_own_task,
)

DELIVER = "taiex.core.tasks.deliver_outbox_messages_task"


def queued_task(pks, *, status="READY", worker_ids=(), started_ago=None):
    return DBTaskResult.objects.create(
        task_path=DELIVER,
        args_kwargs={"args": [], "kwargs": {"pks": list(pks)}},
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=status,
        worker_ids=list(worker_ids),
        started_at=None if started_ago is None else timezone.now() - started_ago,
    )


def heartbeat(worker_id, *, seen_ago):
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id,
        hostname="web-1",
        pid=4242,
        started_at=timezone.now() - timedelta(hours=1),
        last_seen_at=timezone.now() - seen_ago,
    )


def worker(**options):
    defaults = {
        "queue_names": ["*"],
        "excluded_queue_names": [],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "worker-under-test",
    }
    return ResilientWorker(**{**defaults, **options})


@override_settings(TAIEX_WORKER_LEASE_SECONDS=60)
def test_the_tasks_of_dead_workers_are_queued_again_after_the_lease(db):
    heartbeat("alive", seen_ago=timedelta(seconds=10))
    heartbeat("dead", seen_ago=timedelta(seconds=90))
    of_dead = queued_task(
        [], status="RUNNING", worker_ids=["dead"], started_ago=timedelta(minutes=5)
    )
    of_vanished = queued_task(
        [], status="RUNNING", worker_ids=["never-beat"], started_ago=timedelta(minutes=5)
    )
    of_alive = queued_task(
        [], status="RUNNING", worker_ids=["dead", "alive"], started_ago=timedelta(minutes=5)
    )
    just_claimed = queued_task(
        [], status="RUNNING", worker_ids=["starting"], started_ago=timedelta(seconds=5)
    )

    recovered = recover_abandoned_tasks()

    assert sorted(recovered) == sorted([str(of_dead.pk), str(of_vanished.pk)])
    statuses = {
        row.pk: (row.status, row.started_at is None)
        for row in DBTaskResult.objects.filter(
            pk__in=[of_dead.pk, of_vanished.pk, of_alive.pk, just_claimed.pk]
        )
    }
    assert statuses == {
        of_dead.pk: ("READY", True),
        of_vanished.pk: ("READY", True),
        of_alive.pk: ("RUNNING", False),
        just_claimed.pk: ("RUNNING", False),
    }


def test_a_task_that_killed_its_workers_too_often_fails(db):
    task = queued_task(
        [],
        status="RUNNING",
        worker_ids=[f"dead-{n}" for n in range(MAX_CLAIMS)],
        started_ago=timedelta(hours=1),
    )

    assert recover_abandoned_tasks() == []
    task.refresh_from_db()
    assert (task.status, task.exception_class_path) == ("FAILED", "builtins.RuntimeError")
    assert task.traceback.endswith(f"RuntimeError: Its worker died {MAX_CLAIMS} times.\n")


def test_heartbeats_of_workers_gone_for_a_day_are_removed(db):
    heartbeat("long-gone", seen_ago=timedelta(days=2))
    heartbeat("recent", seen_ago=timedelta(minutes=5))

    recover_abandoned_tasks()

    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]


def test_a_worker_gives_back_only_its_own_task(db):
    mine = queued_task([], status="RUNNING", worker_ids=["other", "me"], started_ago=timedelta(0))
    theirs = queued_task([], status="RUNNING", worker_ids=["me", "other"], started_ago=timedelta(0))

    assert (requeue_own_task(mine.pk, "me"), requeue_own_task(theirs.pk, "me")) == (True, False)
    assert [DBTaskResult.objects.get(pk=pk).status for pk in (mine.pk, theirs.pk)] == [
        "READY",
        "RUNNING",
    ]


def test_the_worker_runs_the_queued_tasks_and_sends_their_mail(db):
    pks = outbox.queue_messages([("eva@example.org", "One", "1"), ("ana@example.org", "Two", "2")])
    task = queued_task(pks)

    finished = worker().step()

    task.refresh_from_db()
    assert (finished, task.status, task.return_value, task.worker_ids) == (
        False,
        "SUCCESSFUL",
        2,
        ["worker-under-test"],
    )
    assert [m.subject for m in mail.outbox] == ["One", "Two"]
    assert worker().step() is True  # batch mode: nothing left, the worker ends


@override_settings(TAIEX_WORKER_LEASE_SECONDS=60)
def test_the_worker_sends_due_mail_whose_task_was_lost(db):
    [pk] = outbox.queue_messages([("eva@example.org", "Lost task", "body")])
    worker().step()
    assert mail.outbox == []  # fresh rows are left to their task for a lease
    OutboxMessage.objects.filter(pk=pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=61)
    )

    assert worker().step() is True

    assert (OutboxMessage.objects.get(pk=pk).status, [m.subject for m in mail.outbox]) == (
        "sent",
        ["Lost task"],
    )


def test_a_beat_records_the_worker(db):
    beat("w-1", started_at=timezone.now())
    beat("w-1", started_at=timezone.now())

    row = WorkerHeartbeat.objects.get()
    assert (
        row.worker_id,
        row.pid > 0,
        timezone.now() - row.last_seen_at < timedelta(seconds=5),
    ) == (
        "w-1",
        True,
        True,
    )


def test_liveness_answers_without_the_database(client):
    # No `db` fixture: any query would raise "Database access not allowed".
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_readiness_without_a_queue_checks_the_database(client, db):
    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "checks": {"database": "ok", "worker": "not used"}},
    )


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.parametrize(
    ("seen_ago", "expected_status", "worker_check"),
    [
        (None, 503, "no worker has run"),
        (timedelta(seconds=200), 503, "last heartbeat 200 s ago"),
        (timedelta(seconds=5), 200, "ok"),
    ],
)
@override_settings(TASKS=DATABASE_QUEUE, TAIEX_WORKER_LEASE_SECONDS=60)
def test_readiness_wants_a_recent_worker_heartbeat(
    client, db, seen_ago, expected_status, worker_check
):
    if seen_ago is not None:
        heartbeat("w", seen_ago=seen_ago)

    response = client.get("/readyz")

    assert (response.status_code, response.json()) == (
        expected_status,
        {
            "status": "ok" if expected_status == 200 else "unavailable",
            "checks": {"database": "ok", "worker": worker_check},
        },
    )
