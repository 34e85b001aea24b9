"""Background tasks of the core: sending one e-mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task


@task
def send_mail_task(*, to, subject, body):
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    return to
