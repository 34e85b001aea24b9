"""Factories of the mission report and calendar part of events: a report, a feed, an expert
confirmed on an event."""

from datetime import timedelta

import factory
from django.utils import timezone

from taiex.events.models import CalendarFeed, MissionReport
from taiex.experts.models import Invitation

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


def accepted_invitation(event, *, expert=None, invited_by=None, role="expert", **expert_fields):
    """An expert who accepted the invitation to `event` (a new verified expert by default)."""
    now = timezone.now()
    return Invitation.objects.create(
        event=event,
        expert=expert or ExpertFactory(**expert_fields),
        role=role,
        state="accepted",
        invited_by=invited_by or event.case_handler or UserFactory(),
        invited_at=now - timedelta(days=3),
        expires_at=now + timedelta(days=11),
        responded_at=now - timedelta(days=2),
    )
