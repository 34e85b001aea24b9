"""The series of events that answer one request (a workshop, then its follow-ups)."""

from django.db.models import F

from ..models import Event


def series_of_request(application_id):
    """Every event of the request, in date order (undated ones last, then by creation)."""
    if application_id is None:
        return Event.objects.none()
    return (
        Event.objects.filter(application_id=application_id)
        .select_related("follows")
        .order_by(F("start_date").asc(nulls_last=True), "pk")
    )


def other_events_of_series(event):
    """The other events of `event`'s request, in date order; empty for an event without one."""
    return series_of_request(event.application_id).exclude(pk=event.pk)
