"""What joins experts to events: calls for experts with expressions of interest, and
invitations of experts to events (accepted ones make the expert one of the event's experts,
`events.EventExpert`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from taiex.events.enums import ExpertRole
from taiex.experts.models import Expert

from .enums import ACTIVE_INVITATION_STATES, InvitationState


class ExpertCall(models.Model):
    """The published need of an approved event: experts whose profile fits may say they are
    interested (the historical "expert stock exchange")."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="expert_call"
    )
    description = models.TextField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["-published_at"]
        db_table = "experts_expertcall"  # the table kept its name when the model moved here

    def __str__(self):
        return f"Call for {self.event}"


class Interest(models.Model):
    call = models.ForeignKey(ExpertCall, on_delete=models.CASCADE, related_name="interests")
    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="interests")
    motivation = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        db_table = "experts_interest"
        constraints = [
            models.UniqueConstraint(fields=["call", "expert"], name="one_interest_per_call")
        ]

    def __str__(self):
        return f"{self.expert} in {self.call}"


class Invitation(models.Model):
    """An expert invited to an event in a role; answered on the home or by a signed link."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="invitations")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="invitations")
    role = models.CharField(max_length=20, choices=ExpertRole, default=ExpertRole.EXPERT)
    state = models.CharField(
        max_length=20, choices=InvitationState, default=InvitationState.INVITED, db_index=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    link_used_at = models.DateTimeField(
        null=True, blank=True, help_text="When the signed e-mail link was used (single use)."
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-invited_at"]
        db_table = "experts_invitation"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "expert"],
                condition=Q(state__in=ACTIVE_INVITATION_STATES),
                name="one_active_invitation_per_expert_and_event",
            )
        ]

    def __str__(self):
        return f"{self.expert} to {self.event} as {self.get_role_display()}"
