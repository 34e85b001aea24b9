"""An exception to a dated limit of an event, asked by its case handler and decided by the head
of unit (requested -> granted or refused)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..enums import LimitCode, LimitExceptionState


class LimitException(models.Model):
    """Lets one limit of one event (days, experts or participants) go up to `allowed_value` once
    granted; the reason and the decision stay with the event."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="exceptions")
    limit = models.CharField(max_length=20, choices=LimitCode)
    allowed_value = models.PositiveSmallIntegerField(
        help_text="The number the event may reach beyond the limit."
    )
    reason = models.TextField()
    state = models.CharField(
        max_length=20, choices=LimitExceptionState, default=LimitExceptionState.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="limit_exception_reason"),
            models.UniqueConstraint(
                "event",
                "limit",
                condition=models.Q(state="requested"),
                name="one_open_limit_exception_per_limit",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.get_limit_display()} up to {self.allowed_value}"
