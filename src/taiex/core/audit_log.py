"""The staff's reading of the audit log: rows filtered by object, person, action and dates."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .models import ActivityLog


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_rows(
    *, object_type=None, object_text="", person="", action="", date_from=None, date_to=None
):
    """The audit rows matching every filter given, newest first, with actor and type. `object`
    is an id (digits; best with a type) or a part of the object's description (a reference);
    `person` the actor's number, e-mail or a part of their name; the dates are inclusive
    local days."""
    rows = ActivityLog.objects.select_related("actor", "content_type").order_by(
        "-created_at", "-pk"
    )
    if object_type is not None:
        rows = rows.filter(content_type=object_type)
    object_text = object_text.strip()
    if object_text.isdigit():
        rows = rows.filter(object_id=object_text)
    elif object_text:
        rows = rows.filter(object_repr__icontains=object_text)
    person = person.strip()
    if person:
        if person.isdigit():
            rows = rows.filter(actor_id=int(person))
        elif "@" in person:
            rows = rows.filter(actor__email__iexact=person)
        else:
            rows = rows.filter(actor__full_name__icontains=person)
    if action.strip():
        rows = rows.filter(action=action.strip())
    if date_from:
        rows = rows.filter(created_at__gte=_start_of(date_from))
    if date_to:
        rows = rows.filter(created_at__lt=_start_of(date_to + timedelta(days=1)))
    return rows
