"""Factories of an event's preparation: accepted experts, agenda sessions, and an event ready to
be confirmed."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from taiex.events.models import AgendaSession
from taiex.experts.models import Invitation

from .accounts import UserFactory
from .experts import ExpertFactory


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession
        skip_postgeneration_save = True

    day = factory.LazyAttribute(lambda o: o.event.start_date)
    starts_at = time(9, 30)
    ends_at = time(11, 0)
    title = factory.Sequence(lambda n: f"Session {n}")


def accept_expert(event, *, full_name="Eva Expert", email=None, member_state=None):
    """An expert who accepted the invitation to `event` (a new verified expert)."""
    user_fields = {"full_name": full_name}
    if email:
        user_fields["email"] = email
    expert_fields = {"user": UserFactory(**user_fields)}
    if member_state is not None:
        expert_fields["member_state"] = member_state
    now = timezone.now()
    return Invitation.objects.create(
        event=event,
        expert=ExpertFactory(**expert_fields),
        role="expert",
        state="accepted",
        invited_by=event.case_handler or UserFactory(),
        invited_at=now - timedelta(days=3),
        expires_at=now + timedelta(days=11),
        responded_at=now - timedelta(days=2),
    )
