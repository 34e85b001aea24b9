"""The tasks worker of taiex: django-tasks-db's worker, plus what it lacks for production.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again: a task
whose worker died stays RUNNING for ever, and a lost database connection ends the worker. Here a
heartbeat thread records that the worker lives; each worker queues again the RUNNING tasks of
workers whose heartbeat is older than the lease; the loop survives a lost connection (it
reconnects with a growing pause); and it sends the due e-mails of the outbox.
"""

import contextlib
import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import maintenance, outbox
from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

# A task whose workers died this many times is not tried again: it probably kills them.
MAX_CLAIMS = 5
LOST_CONNECTION_ERRORS = (OperationalError, InterfaceError)


def lease():
    return timedelta(seconds=settings.TAIEX_WORKER_LEASE_SECONDS)


def beat(worker_id, *, started_at):
    """Record that worker `worker_id` of this process is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen_at": timezone.now(),
        },
    )


def latest_heartbeat():
    """When a worker was last seen alive (None if no worker ever ran)."""
    row = WorkerHeartbeat.objects.order_by("-last_seen_at").values_list("last_seen_at").first()
    return row[0] if row else None


def recover_abandoned_tasks():
    """Queue again the RUNNING tasks of workers that stopped beating for longer than the lease.

    The task runs again from its start (tasks are at least once; the mail task is safe to repeat
    because the outbox sends each row once). A task abandoned MAX_CLAIMS times is marked failed.
    Returns the ids of the tasks queued again.
    """
    cutoff = timezone.now() - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    recovered = []
    with transaction.atomic():
        # A task claimed less than a lease ago belongs to a worker that beat when it started.
        candidates = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        for task in candidates.select_for_update(skip_locked=True):
            if task.worker_ids and task.worker_ids[-1] in alive:
                continue
            if len(task.worker_ids) >= MAX_CLAIMS:
                task.set_failed(RuntimeError(f"Its worker died {len(task.worker_ids)} times."))
                continue
            task.status = "READY"
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            recovered.append(str(task.pk))
    if recovered:
        logger.warning("Queued again %s task(s) of dead workers: %s", len(recovered), recovered)
    # Heartbeats of workers gone for a day are only noise.
    WorkerHeartbeat.objects.filter(last_seen_at__lt=cutoff - timedelta(days=1)).delete()
    return recovered


def requeue_own_task(task_id, worker_id):
    """Give back a task this worker was running when it lost the database (if still its own)."""
    with transaction.atomic():
        task = DBTaskResult.objects.select_for_update().filter(pk=task_id, status="RUNNING").first()
        if task is None or not task.worker_ids or task.worker_ids[-1] != worker_id:
            return False
        task.status = "READY"
        task.started_at = None
        task.save(update_fields=["status", "started_at"])
    return True


class Heartbeat(threading.Thread):
    """Beats every lease/4 seconds on its own connection, also while a long task runs."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self):
        beat(self.worker_id, started_at=self.started_at)

    def run(self):
        interval = max(settings.TAIEX_WORKER_LEASE_SECONDS / 4, 0.2)
        while not self.stopping.is_set():
            try:
                self.beat()
            except DatabaseError as error:
                logger.warning("Heartbeat not written (%s); trying again.", error)
                close_quietly()
            self.stopping.wait(interval)
        close_quietly()

    def stop(self):
        self.stopping.set()


def drop_stale_connection():
    """Close a broken or expired connection between tasks, as Django does between requests.

    Never inside a transaction (a caller's, or a test's), which closing would break.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def close_quietly():
    # A connection the server already dropped cannot be closed politely.
    with contextlib.suppress(DatabaseError):
        connection.close()


class ResilientWorker(Worker):
    """django-tasks-db's Worker with a heartbeat, lease recovery, reconnection and the outbox."""

    def __init__(self, **options):
        super().__init__(**options)
        self.current_task_id = None
        self.maintained_at = 0.0
        self.failures = 0

    def run(self):
        heartbeat = Heartbeat(self.worker_id)
        try:
            # The first beat comes before the first claim, so no claim is ever older than it.
            self.with_reconnection(heartbeat.beat)
            heartbeat.start()
            logger.info("Worker %s started (pid %s).", self.worker_id, os.getpid())
            while self.running:
                finished = self.with_reconnection(self.step)
                if finished:
                    return
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)
            # Without a database the lease ends this worker's claims anyway.
            with contextlib.suppress(DatabaseError):
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    def with_reconnection(self, action):
        """Run `action`; on a lost database connection, reconnect with a growing pause."""
        while True:
            try:
                result = action()
            except LOST_CONNECTION_ERRORS as error:
                if is_locked_database_exception(error):
                    time.sleep(self.interval)
                    continue
                self.failures += 1
                pause = min(2 ** (self.failures - 1), 30) * 0.5
                logger.warning("Lost the database (%s); reconnecting in %.1f s.", error, pause)
                close_quietly()
                time.sleep(pause)
                if not self.running:
                    return True
                self.give_back_current_task()
                continue
            self.failures = 0
            return result

    def give_back_current_task(self):
        if self.current_task_id is None:
            return
        try:
            requeue_own_task(self.current_task_id, self.worker_id)
        except LOST_CONNECTION_ERRORS:
            return  # still no database: try again after the next pause; the lease is the backstop
        self.current_task_id = None

    def step(self):
        """Claim and run one task, look after the queue now and then; True when the worker ends."""
        drop_stale_connection()
        task_result = self.claim_next()
        if task_result is not None:
            self.current_task_id = task_result.pk
            self.run_task(task_result)
            self.current_task_id = None
        self.maintain()
        if task_result is None and self.batch:
            return True
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            return True
        drop_stale_connection()
        if self.running and task_result is None:
            time.sleep(self.interval)
        return False

    def claim_next(self):
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def maintain(self):
        """Every few seconds: take back abandoned tasks and mails, send the due mails, and run
        the apps' periodic work (core.maintenance)."""
        now = time.monotonic()
        if now - self.maintained_at < min(settings.TAIEX_WORKER_LEASE_SECONDS / 4, 5):
            return
        recover_abandoned_tasks()
        outbox.release_expired_claims()
        outbox.deliver_due(grace=lease())
        maintenance.run_periodic()
        self.maintained_at = now
