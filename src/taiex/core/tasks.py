"""Background tasks of the core: sending e-mails from the outbox, and the daily digests."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import default_task_backend, task

from . import inbox, outbox


@task
def deliver_outbox_messages_task(*, pks):
    """Send these outbox rows; a row already sent or held by another worker is left alone."""
    return sum(outbox.deliver(pk) for pk in pks)


@task
def send_mail_task(*, to, subject, body):
    """The sending task before the outbox; kept so that tasks queued by an older version run."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return to


@task
def send_digests_task(reschedule=True):
    """Send the daily digests that are due, then queue itself for the next digest time. Running
    twice sends nothing twice (`inbox.send_due_digests` claims each item)."""
    sent = inbox.send_due_digests()
    if reschedule and default_task_backend.supports_defer:
        send_digests_task.using(run_after=inbox.next_digest_moment()).enqueue(reschedule=True)
    return sent
