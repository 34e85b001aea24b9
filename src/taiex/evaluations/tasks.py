"""Background task of evaluations: the periodic sweep that sends what is due.

Events never call this app (it sits above them); instead this task runs every few minutes on
the worker, rescheduling itself, and finds newly implemented events, due follow-ups, reminders
and deadlines. Every step is idempotent, so two chains of it or a retry send nothing twice.
"""

from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

from .services.sending import run_due_sends

SWEEP_EVERY = timedelta(minutes=5)


@task
def run_due_sends_task(reschedule=True):
    counts = run_due_sends()
    if reschedule and default_task_backend.supports_defer:
        run_due_sends_task.using(run_after=timezone.now() + SWEEP_EVERY).enqueue(reschedule=True)
    return counts
