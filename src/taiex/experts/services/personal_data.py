"""An expert's personal data on request: download of everything stored, and erasure."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone

from taiex.accounts.models import User
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog

from ..models import Expert, Interest, Invitation
from ..queries.profiles import activity_by_or_about
from .profiles import _delete_file_after_commit

CONFIRMATION_SALT = "taiex.experts.confirm-email"
CONFIRMATION_VALID_FOR = timedelta(days=3)
ONLY_PUBLIC_OFFICIALS = (
    "Only officials of public administrations of EU Member States can register as experts; "
    "private consultants and freelancers are not eligible (European Ombudsman case "
    "377/2021/VS)."
)


def _when(value):
    return value.isoformat() if value else None


def export_expert_data(expert) -> dict:
    """Everything stored about `expert` and their user, as JSON-ready data."""
    user = expert.user
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "is_active": user.is_active,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": {
            "member_state": expert.member_state.code,
            "employer": expert.employer.name if expert.employer else None,
            "position": expert.position,
            "years_of_experience": expert.years_of_experience,
            "expertise": expert.expertise,
            "keywords": expert.keyword_list,
            "chapters": [chapter.number for chapter in expert.chapters.order_by("number")],
            "cv": expert.cv.name or None,
            "privacy_consent_at": _when(expert.privacy_consent_at),
            "email_confirmed_at": _when(expert.email_confirmed_at),
            "verification_state": expert.verification_state,
            "verification_reason": expert.verification_reason,
            "verified_at": _when(expert.verified_at),
            "is_active": expert.is_active,
            "registered_at": _when(expert.created_at),
        },
        "languages": [
            {"language": row.language.code, "level": row.level}
            for row in expert.languages.select_related("language")
        ],
        "unavailabilities": [
            {"start": row.start.isoformat(), "end": row.end.isoformat(), "note": row.note}
            for row in expert.unavailabilities.all()
        ],
        "invitations": [
            {
                "event": row.event.reference,
                "role": row.role,
                "state": row.state,
                "invited_at": _when(row.invited_at),
                "responded_at": _when(row.responded_at),
            }
            for row in expert.invitations.select_related("event").order_by("invited_at", "pk")
        ],
        "interests": [
            {
                "event": row.call.event.reference,
                "motivation": row.motivation,
                "at": _when(row.created_at),
            }
            for row in expert.interests.select_related("call__event").order_by("created_at")
        ],
        "activity": [
            {
                "at": _when(entry.created_at),
                "by_me": entry.actor_id == user.pk,
                "action": entry.action,
                "subject": entry.object_repr,
                "from_state": entry.from_state,
                "to_state": entry.to_state,
                "note": entry.note,
            }
            for entry in activity_by_or_about(expert)
        ],
    }


def erase_expert(expert, *, actor):
    """Remove the personal data of `expert` on request; the events they took part in stay.

    The user gets a placeholder name and address, an unusable password and is deactivated; the
    profile text, languages, unavailabilities, interests' motivations, the places and flights
    of their travel and the CV file go; the invitations stay so the events keep their counts;
    the audit rows about them, their invitations, interests and travel and the history of their
    events lose the name (as participant erasure does).
    """
    if expert.erased_at is not None:
        return expert
    with transaction.atomic():
        expert = Expert.objects.select_for_update().select_related("user").get(pk=expert.pk)
        user = expert.user
        placeholder = f"Erased expert {expert.pk}"
        erased_name = user.full_name
        user.full_name = placeholder
        user.email = f"erased-{expert.pk}@invalid"
        user.position = ""
        user.phone = ""
        user.is_active = False
        user.set_unusable_password()
        user.save(
            update_fields=["full_name", "email", "position", "phone", "is_active", "password"]
        )
        _delete_file_after_commit(expert.cv.storage, expert.cv.name)
        expert.cv = ""
        expert.position = ""
        expert.expertise = ""
        expert.keywords = ""
        expert.verification_reason = ""
        expert.is_active = False
        expert.erased_at = timezone.now()
        expert.save()
        expert.chapters.clear()
        expert.languages.all().delete()
        expert.unavailabilities.all().delete()
        expert.interests.update(motivation="")
        for model, pk in [(Expert, expert.pk), (User, user.pk)]:
            ActivityLog.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
            ).update(object_repr=placeholder)
        _scrub_name_from_history(expert, name=erased_name, placeholder=placeholder)
        log_action(expert, actor=actor, action="erase", note="Personal data erased on request.")
    return expert


def _scrub_name_from_history(expert, *, name, placeholder):
    """Replace `name` by `placeholder` in the audit rows that can name the expert: about the
    expert's invitations, interests and travel, and the history notes of their events
    ("Travel of ...: booked.", "Fee statement of ... approved"). Their travel loses its places
    and flights."""
    invitations = expert.invitations.all()
    # Reached through the invitation's links rather than imported: events sit above experts.
    travel_model = Invitation._meta.get_field("travel").related_model
    event_model = Invitation._meta.get_field("event").related_model
    travels = travel_model.objects.filter(invitation__expert=expert)
    scopes = [
        (Invitation, list(invitations.values_list("pk", flat=True))),
        (Interest, list(expert.interests.values_list("pk", flat=True))),
        (travel_model, list(travels.values_list("pk", flat=True))),
        (event_model, sorted(set(invitations.values_list("event_id", flat=True)))),
    ]
    travels.update(from_place="", to_place="", flight_details="", note="")
    if not name:
        return
    for model, pks in scopes:
        if not pks:
            continue
        rows = ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        )
        rows.filter(note__contains=name).update(
            note=Replace("note", Value(name), Value(placeholder))
        )
        rows.filter(object_repr__contains=name).update(
            object_repr=Replace("object_repr", Value(name), Value(placeholder))
        )
