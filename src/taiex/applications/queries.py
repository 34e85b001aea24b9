"""Reusable reads of requests, always starting from what the user may see."""

from django.db.models import Exists, OuterRef, Q, Subquery

from taiex.accounts.roles import roles_of

from .enums import ApplicationState as S
from .enums import Opinion
from .models import Application, Assessment, Consultation, CountryConfirmation

NOT_YET_FORWARDED = [S.DRAFT, S.SUBMITTED, S.RETURNED]
# A draft withdrawn before it was ever submitted stays the applicant's, like any draft.
NEVER_SUBMITTED = Q(state=S.DRAFT) | Q(state=S.WITHDRAWN, submitted_at__isnull=True)


def applications_visible_to(user):
    """The requests `user` may see: applicants their institution's (drafts included), NCPs
    their country's once submitted, consulted services those they were consulted on (the
    requests in their scope), staff all but drafts."""
    roles = roles_of(user)
    if not user.is_authenticated:
        return Application.objects.none()
    condition = Q(created_by=user)
    if roles.institution_ids:
        condition |= Q(lead_institution__in=roles.institution_ids)
    if roles.ncp_country_ids:
        # The NCP of a partner country of a multi-country request sees it too.
        condition |= (
            Q(country__in=roles.ncp_country_ids) | Q(pk__in=with_partners_in(roles.ncp_country_ids))
        ) & ~NEVER_SUBMITTED
    if roles.consulted_service_ids:
        condition |= Q(pk__in=consulted_on(roles.consulted_service_ids))
    if roles.is_staff_member:
        condition |= ~NEVER_SUBMITTED
    return Application.objects.filter(condition)


def with_partners_in(country_ids):
    """The ids of the requests with a partner institution in one of these countries."""
    return Application.partner_institutions.through.objects.filter(
        institution__country__in=country_ids
    ).values("application_id")


def consulted_on(service_ids):
    """The ids of the requests on which any of these services was consulted."""
    return Consultation.objects.filter(service__in=service_ids).values("application_id")


def with_list_columns(queryset):
    return queryset.select_related("country", "lead_institution", "team", "case_handler", "window")


def applications_waiting_for_ncp(user):
    """Submitted requests of the NCP's countries, and multi-country requests whose partner
    institutions in the NCP's countries wait for the NCP's confirmation."""
    roles = roles_of(user)
    confirmed = CountryConfirmation.objects.filter(
        application=OuterRef("pk"), country__in=roles.ncp_country_ids
    )
    return applications_visible_to(user).filter(
        Q(country__in=roles.ncp_country_ids)
        | (Q(pk__in=with_partners_in(roles.ncp_country_ids)) & ~Exists(confirmed)),
        state=S.SUBMITTED,
    )


def applications_of_applicant(user):
    roles = roles_of(user)
    return applications_visible_to(user).filter(
        Q(created_by=user) | Q(lead_institution__in=roles.institution_ids)
    )


def applications_in_team_queue(user):
    """The case handler's queue: consultations running and assessments to do in their teams."""
    roles = roles_of(user)
    return applications_visible_to(user).filter(
        team__in=roles.team_ids, state__in=[S.CONSULTATION, S.ASSESSMENT]
    )


def applications_for_planning_meeting(user):
    """Proposed requests, each with the recommendation of its latest assessment (`proposal`)."""
    latest = Assessment.objects.filter(application=OuterRef("pk")).order_by("-created_at")
    return (
        applications_visible_to(user)
        .filter(state=S.PROPOSED)
        .annotate(proposal=Subquery(latest.values("recommendation")[:1]))
    )


def applications_awaiting_opinion(user):
    """Requests whose consultation waits for an opinion of one of the user's services."""
    roles = roles_of(user)
    return (
        applications_visible_to(user)
        .filter(
            state=S.CONSULTATION,
            consultations__service__in=roles.consulted_service_ids,
            consultations__opinion=Opinion.PENDING,
        )
        .distinct()
    )


SIMILAR_LIMIT = 10


def similar_requests(application):
    """Other submitted requests of the same lead institution, or of the same country in one of
    the same chapters, newest first: the evidence for the "no overlap" criterion."""
    chapter_ids = list(application.chapters.values_list("pk", flat=True))
    same_subject = Q(country=application.country_id, chapters__in=chapter_ids)
    same_institution = Q(lead_institution=application.lead_institution_id)
    candidates = Application.objects.exclude(pk=application.pk).exclude(NEVER_SUBMITTED)
    ids = candidates.filter(same_institution | same_subject).values_list("pk", flat=True).distinct()
    return (
        Application.objects.filter(pk__in=ids)
        .select_related("lead_institution", "country")
        .order_by("-submitted_at", "-pk")[:SIMILAR_LIMIT]
    )
