"""Factories of evaluations: an accepted expert on an event, an attending participant."""

from django.utils import timezone

from taiex.experts.models import Invitation

from .participants import AttendanceFactory, ParticipantFactory


def accepted_expert_on(event, expert, *, invited_by):
    return Invitation.objects.create(
        event=event,
        expert=expert,
        state="accepted",
        invited_by=invited_by,
        expires_at=timezone.now(),
        responded_at=timezone.now(),
    )


def attending_participant(event, **fields):
    participant = ParticipantFactory(event=event, **fields)
    AttendanceFactory(participant=participant, day=event.start_date, present=True)
    return participant
