"""The experts of an event: an expert joins when they accept an invitation and leaves when they
withdraw or are withdrawn. Called by the staffing services inside the invitation's transaction;
the invitation's own audit row says who and why, so these write none of their own."""

from django.db import transaction
from django.utils import timezone

from ..models import EventExpert


def add_expert_to_event(event, expert, *, role, now=None):
    """Make `expert` one of the experts of `event` in `role` (again, if they left before: their
    travel and fee statement stay attached to the same row)."""
    now = now or timezone.now()
    with transaction.atomic():
        place, created = EventExpert.objects.select_for_update().get_or_create(
            event=event, expert=expert, defaults={"role": role, "joined_at": now}
        )
        if not created:
            place.role, place.joined_at, place.left_at = role, now, None
            place.save(update_fields=["role", "joined_at", "left_at", "updated_at"])
    return place


def remove_expert_from_event(event, expert, *, now=None):
    """`expert` is no longer one of the experts of `event` (nothing when they were not)."""
    with transaction.atomic():
        place = (
            EventExpert.objects.select_for_update()
            .current()
            .filter(event=event, expert=expert)
            .first()
        )
        if place is None:
            return None
        place.left_at = now or timezone.now()
        place.save(update_fields=["left_at", "updated_at"])
    return place
