"""log_action(): the one way to write the audit log."""

from django.contrib.contenttypes.models import ContentType

from .models import ActivityLog


def log_action(subject, *, actor, action, from_state="", to_state="", note="", data=None):
    """Write one audit row about `subject` done by `actor` (None for the system)."""
    return ActivityLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_repr=str(subject)[:300],
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
        data=data or {},
    )


def activity_of(subject):
    """The audit rows about one object, oldest first, with their actors."""
    return ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")
