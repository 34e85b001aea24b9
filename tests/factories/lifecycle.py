"""Factories of an event's preparation: accepted experts, agenda sessions, and an event ready to
be confirmed."""

from datetime import time

import factory

from taiex.events.models import AgendaSession

from .accounts import UserFactory
from .experts import ExpertFactory
from .reports import expert_on_event


class AgendaSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession
        skip_postgeneration_save = True

    day = factory.LazyAttribute(lambda o: o.event.start_date)
    starts_at = time(9, 30)
    ends_at = time(11, 0)
    title = factory.Sequence(lambda n: f"Session {n}")


def accept_expert(event, *, full_name="Eva Expert", email=None, member_state=None):
    """A new verified expert who accepted the invitation to `event`; returns their place on the
    event (`EventExpert`)."""
    user_fields = {"full_name": full_name}
    if email:
        user_fields["email"] = email
    expert_fields = {"user": UserFactory(**user_fields)}
    if member_state is not None:
        expert_fields["member_state"] = member_state
    return expert_on_event(event, expert=ExpertFactory(**expert_fields))
