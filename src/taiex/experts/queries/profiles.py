"""Reads of expert profiles: the verification queue, the employers an expert may pick, the
profile of a user, and what the audit log says by or about an expert."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from taiex.accounts.models import Institution
from taiex.core.models import ActivityLog
from taiex.reference.queries import member_states_on

from ..enums import VerificationState
from ..models import Expert


def experts_waiting_for_verification():
    """Active experts who confirmed their e-mail and wait for staff, oldest registration first."""
    return (
        Expert.objects.filter(
            verification_state=VerificationState.PENDING, is_active=True, erased_at__isnull=True
        )
        .select_related("user", "member_state", "employer", "employer__kind")
        .prefetch_related("languages__language")
        .order_by("created_at", "pk")
    )


def expert_employers_on(day: date):
    """Institutions whose officials may register as experts on `day`: of an eligible kind, in a
    country that is an EU Member State that day."""
    return (
        Institution.objects.filter(
            kind__is_eligible_expert_employer=True, country__in=member_states_on(day)
        )
        .select_related("country", "kind")
        .order_by("country__name", "name")
    )


def expert_employers_of(member_state, *, keep=None):
    """The institutions an expert of `member_state` may pick on their profile page: of an
    eligible kind and of that country, by name; `keep` (a pk, the current employer) stays
    listed even if its kind is no longer eligible, so the page shows what is stored."""
    eligible = Q(kind__is_eligible_expert_employer=True)
    if keep is not None:
        eligible |= Q(pk=keep)
    return (
        Institution.objects.filter(eligible, country=member_state)
        .select_related("country", "kind")
        .order_by("name")
    )


def expert_of(user):
    """The expert profile of `user`, or None (anonymous, no profile, or erased)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Expert.objects.filter(user=user, erased_at__isnull=True)
        .select_related("user", "member_state", "employer", "employer__kind")
        .first()
    )


def expert_for_review(pk):
    """One expert with everything the verification page shows; raises Expert.DoesNotExist."""
    return (
        Expert.objects.select_related(
            "user", "member_state", "employer", "employer__kind", "employer__country", "verified_by"
        )
        .prefetch_related("languages__language", "unavailabilities", "chapters")
        .get(pk=pk, erased_at__isnull=True)
    )


def activity_by_or_about(expert):
    """Audit rows written by the expert's user, or about the expert or their user, oldest first."""
    expert_type = ContentType.objects.get_for_model(Expert)
    user_type = ContentType.objects.get_for_model(type(expert.user))
    return (
        ActivityLog.objects.filter(
            Q(actor_id=expert.user_id)
            | Q(content_type=expert_type, object_id=str(expert.pk))
            | Q(content_type=user_type, object_id=str(expert.user_id))
        )
        .select_related("actor")
        .order_by("created_at", "pk")
    )
