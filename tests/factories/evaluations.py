"""Factories of evaluations: an expert on an event, an attending participant."""

from taiex.events.models import EventExpert

from .participants import AttendanceFactory, ParticipantFactory


def accepted_expert_on(event, expert, *, invited_by=None):
    """The expert on the event, as an accepted invitation leaves them (events.EventExpert)."""
    return EventExpert.objects.create(event=event, expert=expert)


def attending_participant(event, **fields):
    participant = ParticipantFactory(event=event, **fields)
    AttendanceFactory(participant=participant, day=event.start_date, present=True)
    return participant
