"""Factories of the mission report and calendar part of events: a report, a feed, an expert
confirmed on an event."""

from datetime import timedelta

import factory
from django.utils import timezone

from taiex.events.models import CalendarFeed, MissionReport
from taiex.events.services.experts import add_expert_to_event
from taiex.staffing.models import Invitation

from .accounts import UserFactory
from .events import EventFactory
from .experts import ExpertFactory


class MissionReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MissionReport

    event = factory.SubFactory(EventFactory, event_type="expert_mission")
    state = "draft"
    findings = "The asylum unit interviews without interpreters."
    recommendations = "Train interpreters; record interviews."
    follow_up = "A workshop on interpreting in 2027."


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    user = factory.SubFactory(UserFactory)
    token = factory.Sequence(lambda n: f"secret-token-{n:04d}")


def expert_on_event(event, *, expert=None, invited_by=None, role="expert", **expert_fields):
    """An expert who accepted the invitation to `event` (a new verified expert by default): the
    accepted invitation and the expert's place on the event, as the staffing service leaves
    them; returns the place (`EventExpert`)."""
    now = timezone.now()
    expert = expert or ExpertFactory(**expert_fields)
    Invitation.objects.create(
        event=event,
        expert=expert,
        role=role,
        state="accepted",
        invited_by=invited_by or event.case_handler or UserFactory(),
        invited_at=now - timedelta(days=3),
        expires_at=now + timedelta(days=11),
        responded_at=now - timedelta(days=2),
    )
    return add_expert_to_event(event, expert, role=role, now=now - timedelta(days=2))
