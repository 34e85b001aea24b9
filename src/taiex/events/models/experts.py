"""The experts of an event: who delivers it, in which role.

An expert becomes one of the event's experts when they accept an invitation (the invitations,
calls and the ranking live in `staffing`, above this app); they stop being one when they withdraw
or are withdrawn (`left_at`). The row stays then, so the travel and fee statement that hang on it
keep their payee."""

from django.db import models
from django.utils import timezone

from taiex.experts.models import Expert

from ..enums import ExpertRole
from .event import Event


class EventExpertQuerySet(models.QuerySet):
    def current(self):
        """The experts on the event now (not left)."""
        return self.filter(left_at__isnull=True)


class EventExpert(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_experts")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="event_places")
    role = models.CharField(max_length=20, choices=ExpertRole, default=ExpertRole.EXPERT)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventExpertQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "expert"], name="one_place_per_expert")
        ]
        indexes = [models.Index(fields=["expert", "left_at"], name="event_expert_current_idx")]

    def __str__(self):
        return f"{self.expert} on {self.event} as {self.get_role_display()}"

    @property
    def is_current(self):
        return self.left_at is None


__all__ = ["EventExpert"]
