"""An expert's invitations and expressions of interest in their personal-data export, and the
motivations they wrote in their erasure (registered with `core.personal_data`)."""

from taiex.core.personal_data import erasure_step, export_section, replace_name_in_audit

from .models import Interest, Invitation


def _when(moment):
    return moment.isoformat() if moment else None


@export_section("invitations")
def exported_invitations(user):
    return [
        {
            "event": row.event.reference,
            "role": row.role,
            "state": row.state,
            "invited_at": _when(row.invited_at),
            "responded_at": _when(row.responded_at),
        }
        for row in Invitation.objects.filter(expert__user=user)
        .select_related("event")
        .order_by("invited_at", "pk")
    ]


@export_section("interests")
def exported_interests(user):
    return [
        {
            "event": row.call.event.reference,
            "motivation": row.motivation,
            "at": _when(row.created_at),
        }
        for row in Interest.objects.filter(expert__user=user)
        .select_related("call__event")
        .order_by("created_at")
    ]


@erasure_step
def erase_motivations_and_name(user, *, name, placeholder, email=""):
    """The motivations go; the audit rows of the person's invitations and interests lose the
    name."""
    interests = Interest.objects.filter(expert__user=user)
    interest_ids = list(interests.values_list("pk", flat=True))
    interests.update(motivation="")
    invitation_ids = list(Invitation.objects.filter(expert__user=user).values_list("pk", flat=True))
    replace_name_in_audit(Invitation, invitation_ids, name=name, placeholder=placeholder)
    replace_name_in_audit(Interest, interest_ids, name=name, placeholder=placeholder)
