"""Notifications by e-mail: rendered now, written to the outbox in the caller's transaction,
sent by the worker after the commit."""

import contextlib
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from . import outbox

# Set while the demo replays its past: nothing of it is rendered, written or sent.
_muted = ContextVar("taiex_mail_muted", default=False)


@contextlib.contextmanager
def muted():
    """Within this block notify() writes nothing (no outbox row, no inbox item)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify(recipients, *, subject, template, context):
    """Write one e-mail per recipient (users or addresses) to the outbox, in this transaction.

    The body is rendered from `template` with `context` plus `recipient` and `site_url`. The rows
    commit or roll back with the change they tell about; after the commit a task sends them, so a
    slow mail server never holds a request, and the worker retries what failed.
    """
    if _muted.get():
        return 0
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

    if messages:
        pks = outbox.queue_messages(messages)
        transaction.on_commit(lambda: outbox.enqueue_delivery(pks))
    return len(messages)
