"""Background tasks of the core: sending e-mails from the outbox."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task

from . import outbox


@task
def deliver_outbox_messages_task(*, pks):
    """Send these outbox rows; a row already sent or held by another worker is left alone."""
    return sum(outbox.deliver(pk) for pk in pks)


@task
def send_mail_task(*, to, subject, body):
    """The sending task before the outbox; kept so that tasks queued by an older version run."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return to
