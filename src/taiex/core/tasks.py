"""Background tasks of the core: sending e-mails from the outbox, the nightly retention sweep,
and the daily digests."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import default_task_backend, task
from django.utils import timezone

from . import inbox, outbox
from .retention import apply_retention


@task
def deliver_outbox_messages_task(*, pks):
    """Send these outbox rows; a row already sent or held by another worker is left alone."""
    return sum(outbox.deliver(pk) for pk in pks)


@task
def send_mail_task(*, to, subject, body):
    """The sending task before the outbox; kept so that tasks queued by an older version run."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return to


RETENTION_HOUR = 2  # the daily sweep runs at night, local time


def next_retention_run(now):
    """The next RETENTION_HOUR o'clock, local time: today's if it is still to come."""
    local = timezone.localtime(now)
    run = timezone.make_aware(datetime.combine(local.date(), time(RETENTION_HOUR)))
    if run <= now:
        run = timezone.make_aware(
            datetime.combine(local.date() + timedelta(days=1), time(RETENTION_HOUR))
        )
    return run


@task
def apply_retention_task(reschedule=True):
    """Anonymise what is past its retention period today, then queue itself for the next night
    (a backend that cannot defer runs it from cron: `manage.py apply_retention`)."""
    outcomes = apply_retention()
    if reschedule and default_task_backend.supports_defer:
        apply_retention_task.using(run_after=next_retention_run(timezone.now())).enqueue(
            reschedule=True
        )
    return {outcome.kind_key: outcome.count for outcome in outcomes}


@task
def send_digests_task(reschedule=True):
    """Send the daily digests that are due, then queue itself for the next digest time. Running
    twice sends nothing twice (`inbox.send_due_digests` claims each item)."""
    sent = inbox.send_due_digests()
    if reschedule and default_task_backend.supports_defer:
        send_digests_task.using(run_after=inbox.next_digest_moment()).enqueue(reschedule=True)
    return sent
