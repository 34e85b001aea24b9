"""An expert's personal data on request: download of everything stored, and erasure."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from taiex.accounts.models import User
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.core.personal_data import exported_sections, run_erasure_steps

from ..models import Expert
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
            "passport_name": expert.passport_name,
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
        **exported_sections(user),
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
    profile text, languages, unavailabilities and the CV file go, and what the apps above
    registered as erasure steps (`core.personal_data.erasure_step`): staffing's interests'
    motivations and the name in the audit rows of invitations and interests; events' places
    and flights of their travel and the name in the history of their events. The invitations
    and places on events stay so the events keep their counts; the audit rows about them lose
    the name (as participant erasure does).
    """
    if expert.erased_at is not None:
        return expert
    with transaction.atomic():
        expert = Expert.objects.select_for_update().select_related("user").get(pk=expert.pk)
        user = expert.user
        placeholder = f"Erased expert {expert.pk}"
        erased_name = user.full_name
        erased_email = user.email
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
        expert.passport_name = ""
        expert.expertise = ""
        expert.keywords = ""
        expert.verification_reason = ""
        expert.is_active = False
        expert.erased_at = timezone.now()
        expert.save()
        expert.chapters.clear()
        expert.languages.all().delete()
        expert.unavailabilities.all().delete()
        run_erasure_steps(user, name=erased_name, placeholder=placeholder, email=erased_email)
        for model, pk in [(Expert, expert.pk), (User, user.pk)]:
            ActivityLog.objects.filter(
                content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
            ).update(object_repr=placeholder)
        log_action(expert, actor=actor, action="erase", note="Personal data erased on request.")
    return expert
