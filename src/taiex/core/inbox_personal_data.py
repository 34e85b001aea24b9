"""A person's inbox and notification choices in their personal-data export, and gone with their
erasure (registered with `core.personal_data`)."""

from .models import InboxItem, NotificationPreference
from .personal_data import erasure_step, export_section


def _when(moment):
    return moment.isoformat() if moment else None


@export_section("inbox")
def exported_inbox(user):
    return [
        {
            "kind": item.kind,
            "subject": item.subject,
            "body": item.body,
            "received_at": _when(item.created_at),
            "read_at": _when(item.read_at),
        }
        for item in InboxItem.objects.filter(user=user).order_by("created_at", "pk")
    ]


@export_section("notification_choices")
def exported_notification_choices(user):
    return {
        row.kind: row.delivery
        for row in NotificationPreference.objects.filter(user=user).order_by("kind")
    }


@erasure_step
def erase_inbox(user, *, name, placeholder, email=""):
    """The notifications told the person about their own cases, by name: they go entirely."""
    InboxItem.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    type(user).objects.filter(pk=user.pk).update(inbox_unread=0)
