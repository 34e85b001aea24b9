"""Notifications by e-mail: rendered now, sent by a background task after the commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from .tasks import send_mail_task


def notify(recipients, *, subject, template, context):
    """Queue one e-mail per recipient (users or addresses) after the current transaction commits.

    The body is rendered from `template` with `context` plus `recipient` and `site_url`;
    sending goes through the tasks backend so a slow mail server never holds a request.
    """
    messages = []
    seen = set()
    for recipient in recipients:
        address = getattr(recipient, "email", recipient)
        if not address or address.lower() in seen:
            continue  # one e-mail per address, even when a person holds several roles
        seen.add(address.lower())
        body = render_to_string(
            template, {**context, "recipient": recipient, "site_url": settings.TAIEX_SITE_URL}
        )
        messages.append((address, f"[taiex] {subject}", body))

    def enqueue():
        for address, full_subject, body in messages:
            send_mail_task.enqueue(to=address, subject=full_subject, body=body)

    transaction.on_commit(enqueue)
    return len(messages)
