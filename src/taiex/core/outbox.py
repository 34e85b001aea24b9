"""The mail outbox: e-mails are rows written with the change they tell about, then sent by the
worker, each at most once, with retries and exponential backoff when the mail server fails.

A row moves pending -> sending -> sent, or back to pending with a later `next_attempt_at` after a
failure, and to failed after TAIEX_MAIL_MAX_ATTEMPTS. Every move is a conditional UPDATE on the
expected status, so two workers (or a worker and a request) never both send one row.
"""

import contextlib
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import log_action
from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# A claim outlives the slowest possible send (every SMTP socket operation is bounded by
# TAIEX_EMAIL_TIMEOUT), so a row is only taken back from a sender that is really gone.
CLAIM_SECONDS_PER_TIMEOUT = 6


class OutboxError(Exception):
    """A staff action on the outbox that is not possible (for example resending a sent mail)."""


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt: doubling, capped at six hours."""
    base = settings.TAIEX_MAIL_RETRY_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claim_duration():
    return timedelta(seconds=settings.TAIEX_EMAIL_TIMEOUT * CLAIM_SECONDS_PER_TIMEOUT)


def queue_messages(messages):
    """Write one pending row per (address, subject, body) in the caller's transaction."""
    now = timezone.now()
    domain = settings.TAIEX_SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    rows = [
        OutboxMessage(
            to_address=address,
            subject=subject,
            body=body,
            message_id=make_msgid(domain=domain or "taiex.localhost"),
            next_attempt_at=now,
        )
        for address, subject, body in messages
    ]
    OutboxMessage.objects.bulk_create(rows)  # sets the keys on PostgreSQL and SQLite
    return [row.pk for row in rows]


def deliver(pk):
    """Send the pending row `pk` if it is due and nobody else holds it; True if it was sent."""
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=pk, status=OutboxStatus.PENDING, next_attempt_at__lte=now
    ).update(
        status=OutboxStatus.SENDING,
        attempts=F("attempts") + 1,
        claimed_until=now + claim_duration(),
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=pk)
    try:
        EmailMessage(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to_address],
            headers={"Message-ID": message.message_id},
        ).send()
    except Exception as error:
        record_failure(message, f"{type(error).__name__}: {error}")
        return False
    record_sent(message)
    return True


def record_sent(message):
    """Mark a sent row as sent, holding on through a lost database connection until its claim
    ends: a row left in "sending" would be sent again once its claim expired."""
    pause = 0.5
    while True:
        try:
            OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(
                status=OutboxStatus.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
            )
        except (OperationalError, InterfaceError):
            connection = transaction.get_connection()
            if connection.in_atomic_block or timezone.now() >= message.claimed_until:
                raise
            logger.warning("Mail %s was sent; the database is away, marking it again.", message.pk)
            with contextlib.suppress(DatabaseError):
                connection.close()  # the next query opens a fresh connection
            time.sleep(pause)
            pause = min(pause * 2, 5)
        else:
            return


def record_failure(message, error):
    """Put a row back in the queue for a later attempt, or mark it failed after the last one."""
    if message.attempts >= settings.TAIEX_MAIL_MAX_ATTEMPTS:
        changes = {"status": OutboxStatus.FAILED}
        logger.error(
            "Mail %s failed for good after %s attempts: %s", message.pk, message.attempts, error
        )
    else:
        changes = {
            "status": OutboxStatus.PENDING,
            "next_attempt_at": timezone.now() + retry_delay(message.attempts),
        }
        logger.warning(
            "Mail %s failed (attempt %s), retried later: %s", message.pk, message.attempts, error
        )
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.SENDING).update(
        claimed_until=None, last_error=error[:2000], **changes
    )


def deliver_due(limit=100, *, grace=timedelta(0)):
    """Send the rows due for `grace` already (retries, and new rows whose task was lost);
    returns how many were sent. The worker passes a grace so it leaves fresh rows to their task."""
    due = OutboxMessage.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now() - grace
    ).order_by("next_attempt_at", "pk")
    return sum(deliver(pk) for pk in due.values_list("pk", flat=True)[:limit])


def release_expired_claims():
    """Give back the rows whose sender died while sending (its claim expired).

    The row keeps its Message-ID, so in the rare case the server had accepted the mail just before
    the sender died, the receiving side sees the same message twice and shows it once.
    """
    now = timezone.now()
    expired = OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_until__lt=now)
    given_up = expired.filter(attempts__gte=settings.TAIEX_MAIL_MAX_ATTEMPTS).update(
        status=OutboxStatus.FAILED,
        claimed_until=None,
        last_error="The sender stopped while sending, at the last attempt.",
    )
    released = expired.update(
        status=OutboxStatus.PENDING,
        claimed_until=None,
        next_attempt_at=now,
        last_error="The sender stopped while sending; queued again.",
    )
    return released + given_up


def resend(message, *, actor):
    """Queue a failed e-mail again, from its first attempt; writes the audit log.

    Raises OutboxError when the row is not failed (it is sent, or still in the queue).
    """
    with transaction.atomic():
        changed = OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.FAILED).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        if not changed:
            raise OutboxError(_("Only a failed e-mail can be sent again; this one is not failed."))
        log_action(
            message, actor=actor, action="mail.resent", from_state="failed", to_state="pending"
        )
        transaction.on_commit(lambda: enqueue_delivery([message.pk]))


def enqueue_delivery(pks):
    """Ask the tasks backend to send these rows now (the worker's sweep is the safety net)."""
    from .tasks import deliver_outbox_messages_task

    deliver_outbox_messages_task.enqueue(pks=list(pks))
