"""The audit log every app writes to, the counters behind readable references, the mail outbox,
and the in-app inbox with each person's choice of delivery."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from .personal_data import holds_personal_data


class ActivityLog(models.Model):
    """One row per thing somebody did: who, when, to what, from which state to which, why."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(max_length=300, blank=True)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        verbose_name = "activity log entry"
        verbose_name_plural = "activity log"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class Sequence(models.Model):
    """A named counter (for example "APP-2026") that hands out each value once."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}={self.value}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", pgettext_lazy("e-mails", "Failed")


@holds_personal_data("to_address", "body")
class OutboxMessage(models.Model):
    """One e-mail to send, written in the same transaction as the change it tells about.

    The worker claims a row (pending -> sending) with a conditional update before it talks to the
    mail server, so two workers never send the same row; `claimed_until` bounds the claim so a
    row whose sender died goes back to the queue with the same Message-ID.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    to_address = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx")]
        verbose_name = "outgoing e-mail"

    def __str__(self):
        return f"{self.subject} to {self.to_address}"


class WorkerHeartbeat(models.Model):
    """A running worker process says it is alive; a task it claimed is only taken from it once
    its heartbeat is older than the lease (TAIEX_WORKER_LEASE_SECONDS)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    last_seen_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


class RetentionAnchor(models.TextChoices):
    """What a retention period counts from. Each kind of data says which it supports."""

    EVENT_END = "event_end", _("the end of the event")
    LAST_ACTIVITY = "last_activity", _("the person's last activity")
    ACCOUNT_CREATED = "account_created", _("the creation of the account")
    REQUEST_CLOSED = "request_closed", _("the decision on or withdrawal of the request")
    LINK_CLOSED = "link_closed", _("the closing of the evaluation link")
    MAIL_SENT = "mail_sent", _("the sending of the e-mail")


class RetentionRule(models.Model):
    """How long one kind of personal data is kept: `period` `unit` after `anchor`, then the
    daily sweep (core.retention) anonymises it. Edited by administrators; every change is an
    audit row. `kind` is the key an app registered (core.retention.retention_kind)."""

    kind = models.CharField(max_length=60, unique=True)
    period = models.PositiveIntegerField()
    unit = models.CharField(max_length=10, choices=PeriodUnit.choices)
    anchor = models.CharField(max_length=20, choices=RetentionAnchor.choices)
    is_active = models.BooleanField(
        default=True, help_text=_("Switched off, the rule anonymises nothing (the data is kept).")
    )
    reason = models.TextField(
        blank=True, help_text=_("Why the data is kept this long (shown in the privacy notices).")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period__gte=1), name="retention_period_positive"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.describe_period()}"

    def describe_period(self):
        """ "3 years after the end of the event", in the active language."""
        if self.unit == PeriodUnit.DAYS:
            text = ngettext(
                "%(count)s day after %(anchor)s", "%(count)s days after %(anchor)s", self.period
            )
        elif self.unit == PeriodUnit.MONTHS:
            text = ngettext(
                "%(count)s month after %(anchor)s", "%(count)s months after %(anchor)s", self.period
            )
        else:
            text = ngettext(
                "%(count)s year after %(anchor)s", "%(count)s years after %(anchor)s", self.period
            )
        return text % {"count": self.period, "anchor": self.get_anchor_display()}


class Delivery(models.TextChoices):
    """How a person receives one kind of notification; every kind is in the inbox anyway."""

    EMAIL_NOW = "email_now", _("E-mail at once")
    DAILY_DIGEST = "daily_digest", _("One e-mail a day (digest)")
    INBOX_ONLY = "inbox_only", _("Inbox only, no e-mail")


class InboxItem(models.Model):
    """A notification as its recipient sees it in the application, beside (or instead of) the
    e-mail: the same subject and text, read or unread. `kind` is the notification's template
    without its extension (`applications/email/move`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_items"
    )
    kind = models.CharField(max_length=120)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Waits for the recipient's daily digest (their choice for this kind); the digest claims it.
    digest_due = models.BooleanField(default=False)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="inbox_of_user"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(digest_due=True, digest_sent_at__isnull=True),
                name="inbox_digest_waiting",
            ),
        ]

    def __str__(self):
        return f"{self.subject} (to user {self.user_id})"


class NotificationPreference(models.Model):
    """A person's choice of delivery for one kind of notification (e-mail at once without a row)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=120)
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.EMAIL_NOW)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.delivery} (user {self.user_id})"
