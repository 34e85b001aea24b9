"""What waits for each role, as home sections (`sections.Section`), oldest or most urgent first.

Each function reads through the apps' own queries where they exist, so the home and the lists
agree on what "waiting" means; the rest are plain filters on the apps' models, read only."""

from datetime import timedelta

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.gate_views import applicants_waiting_in, institutions_waiting_in
from taiex.accounts.roles import roles_of
from taiex.applications import queries as requests
from taiex.applications.enums import ApplicationState
from taiex.evaluations.enums import RequestState
from taiex.evaluations.models import EvaluationRequest
from taiex.evaluations.services.links import link_path
from taiex.events.enums import (
    SEATED_STATES,
    EventState,
    LimitExceptionState,
    ReportState,
    StatementState,
)
from taiex.events.models import Event, FeeStatement, LimitException, MissionReport
from taiex.experts.models import Expert
from taiex.reference.enums import AssistanceType
from taiex.staffing.enums import InvitationState
from taiex.staffing.models import Invitation
from taiex.staffing.queries.calls import calls_fitting
from taiex.staffing.queries.invitations import invitations_waiting_for

from .sections import Item, day_of, section

# A mission report is due this many days after the mission's last day.
REPORT_DUE_DAYS = 30


def request_item(application, *, since=None, deadline=None, detail=""):
    return Item(
        label=f"{application.reference or 'Draft'} {application.title or '(no title yet)'}",
        url=reverse("applications:detail", args=[application.pk]),
        detail=detail or str(application.country),
        since=day_of(since),
        deadline=day_of(deadline),
    )


def event_item(event, *, url_name="events:detail", since=None, deadline=None, detail=""):
    return Item(
        label=f"{event.reference} {event.title}",
        url=reverse(url_name, args=[event.pk]),
        detail=detail or str(event.beneficiary),
        since=day_of(since),
        deadline=day_of(deadline),
    )


def requests_list(queue):
    return f"{reverse('applications:list')}?queue={queue}"


def ncp_sections(user):
    roles = roles_of(user)
    countries = roles.ncp_country_ids
    to_check = (
        requests.applications_waiting_for_ncp(user)
        .select_related("country")
        .order_by("submitted_at", "pk")
    )
    returned = (
        requests.applications_visible_to(user)
        .filter(country__in=countries, state=ApplicationState.RETURNED)
        .select_related("country")
        .order_by("updated_at", "pk")
    )
    gate = reverse("accounts:gate")
    return [
        section(
            "ncp-check",
            "Requests to check",
            to_check,
            lambda a: request_item(a, since=a.submitted_at),
            more_url=requests_list("ncp"),
        ),
        section(
            "ncp-returned",
            "Returned requests not submitted again",
            returned,
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "ncp-institutions",
            "Institutions that registered, to confirm",
            institutions_waiting_in(countries),
            lambda i: Item(
                label=i.name, url=gate, detail=str(i.country), since=day_of(i.created_at)
            ),
        ),
        section(
            "ncp-applicants",
            "Applicants who registered, to confirm",
            applicants_waiting_in(countries),
            lambda m: Item(
                label=m.user.full_name or m.user.email,
                url=gate,
                detail=m.institution.name,
                since=day_of(m.created_at),
            ),
        ),
    ]


def consultee_sections(user):
    waiting = (
        requests.applications_awaiting_opinion(user)
        .select_related("country")
        .order_by("consultation_deadline", "pk")
    )
    return [
        section(
            "opinions",
            "Consultations waiting for your opinion",
            waiting,
            lambda a: request_item(a, since=a.forwarded_at, deadline=a.consultation_deadline),
            more_url=requests_list("opinion"),
        )
    ]


def handled_by(user, prefix=""):
    """The events the case handler handles or their team runs (the rule `is_case_handler_of`)."""
    roles = roles_of(user)
    return Q(**{f"{prefix}case_handler": user}) | Q(**{f"{prefix}team__in": roles.team_ids})


def case_handler_sections(user):
    roles = roles_of(user)
    today = timezone.localdate()
    assessments = (
        requests.applications_visible_to(user)
        .filter(team__in=roles.team_ids, state=ApplicationState.ASSESSMENT)
        .select_related("country")
        .order_by("consultation_deadline", "pk")
    )
    events = Event.objects.filter(handled_by(user)).select_related("beneficiary")
    to_confirm = events.filter(state=EventState.PLANNED).order_by(
        F("start_date").asc(nulls_last=True), "pk"
    )
    to_close = events.filter(state=EventState.IMPLEMENTED).order_by(
        F("end_date").asc(nulls_last=True), "pk"
    )
    statements = (
        FeeStatement.objects.filter(handled_by(user, "event__"), state=StatementState.DRAFT)
        .select_related("event", "event_expert__expert__user", "host_institution")
        .order_by("computed_at", "pk")
    )
    unanswered = (
        Invitation.objects.filter(
            handled_by(user, "event__"),
            state=InvitationState.INVITED,
            expires_at__gt=timezone.now(),
        )
        .select_related("event", "expert__user")
        .order_by("expires_at", "pk")
    )
    reports_to_review = (
        MissionReport.objects.filter(handled_by(user, "event__"), state=ReportState.SUBMITTED)
        .select_related("event__beneficiary")
        .order_by("submitted_at", "pk")
    )
    reports_overdue = overdue_missions(events, today)
    return [
        section(
            "assessments",
            "Requests to assess",
            assessments,
            lambda a: request_item(a, since=a.consultation_deadline),
            more_url=requests_list("team"),
        ),
        section(
            "to-confirm",
            "Planned events to confirm (the event page lists what is missing)",
            to_confirm,
            lambda e: event_item(e, deadline=e.start_date),
        ),
        section(
            "to-close",
            "Implemented events to close (the event page lists what is missing)",
            to_close,
            lambda e: event_item(e, since=e.end_date),
        ),
        section(
            "statements",
            "Fee statements to approve",
            statements,
            lambda s: Item(
                label=f"{s.event.reference}: {payee(s)}",
                url=reverse("events:statement", args=[s.event_id, s.pk]),
                detail=f"{s.total} EUR",
                since=day_of(s.computed_at),
            ),
        ),
        section(
            "invitations",
            "Invitations without an answer",
            unanswered,
            lambda i: Item(
                label=f"{i.event.reference}: {i.expert.user.full_name}",
                url=reverse("events:detail", args=[i.event_id]),
                detail=i.get_role_display(),
                since=day_of(i.invited_at),
                deadline=day_of(i.expires_at),
            ),
        ),
        section(
            "reports-review",
            "Mission reports to review",
            reports_to_review,
            lambda r: event_item(r.event, url_name="events:report", since=r.submitted_at),
        ),
        section(
            "reports-overdue",
            f"Mission reports overdue (due {REPORT_DUE_DAYS} days after the mission)",
            reports_overdue,
            lambda e: event_item(
                e, url_name="events:report", deadline=e.end_date + timedelta(REPORT_DUE_DAYS)
            ),
        ),
    ]


def payee(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.user.full_name
    return statement.host_institution.name if statement.host_institution_id else "Host"


def overdue_missions(events, today):
    """Expert missions ended more than REPORT_DUE_DAYS ago whose report is not submitted or
    accepted (an event closed or cancelled no longer waits for one)."""
    done = MissionReport.objects.filter(
        event=OuterRef("pk"), state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED]
    )
    return (
        events.filter(
            event_type=AssistanceType.EXPERT_MISSION,
            state__in=[EventState.CONFIRMED, EventState.IMPLEMENTED],
            end_date__lt=today - timedelta(REPORT_DUE_DAYS),
        )
        .exclude(Exists(done))
        .order_by("end_date", "pk")
    )


def head_of_unit_sections(user):
    proposals = (
        requests.applications_for_planning_meeting(user)
        .select_related("country")
        .order_by("submitted_at", "pk")
    )
    exceptions = (
        LimitException.objects.filter(state=LimitExceptionState.REQUESTED)
        .select_related("event__beneficiary")
        .order_by("requested_at", "pk")
    )
    return [
        section(
            "proposals",
            "Proposals to decide",
            proposals,
            lambda a: request_item(
                a, since=a.submitted_at, detail=f"Proposed: {a.proposal or 'no recommendation'}"
            ),
            more_url=requests_list("meeting"),
            action_url=reverse("accounts:decide_proposals"),
        ),
        section(
            "exceptions",
            "Exceptions to the limits asked for",
            exceptions,
            lambda x: event_item(
                x.event,
                since=x.requested_at,
                detail=f"{x.get_limit_display()} up to {x.allowed_value}",
            ),
        ),
    ]


def expert_sections(user):
    expert = Expert.objects.filter(user_id=user.pk).first()
    if expert is None:
        return []
    today = timezone.localdate()
    home = reverse("staffing:home")
    on_missions = Event.objects.filter(
        event_experts__expert=expert, event_experts__left_at__isnull=True
    ).select_related("beneficiary")
    reports_due = (
        on_missions.filter(
            event_type=AssistanceType.EXPERT_MISSION,
            state__in=[EventState.CONFIRMED, EventState.IMPLEMENTED],
            end_date__lt=today,
        )
        .exclude(
            Exists(
                MissionReport.objects.filter(
                    event=OuterRef("pk"),
                    state__in=[ReportState.SUBMITTED, ReportState.ACCEPTED],
                )
            )
        )
        .order_by("end_date", "pk")
    )
    evaluations = (
        EvaluationRequest.objects.filter(
            expert=expert, state=RequestState.OPEN, closes_at__gt=timezone.now()
        )
        .select_related("event__beneficiary")
        .order_by("closes_at", "pk")
    )
    return [
        section(
            "expert-invitations",
            "Invitations to answer",
            invitations_waiting_for(expert),
            lambda i: Item(
                label=f"{i.event.reference} {i.event.title}",
                url=f"{home}#invitation-{i.pk}",
                detail=i.get_role_display(),
                since=day_of(i.invited_at),
                deadline=day_of(i.expires_at),
            ),
        ),
        section(
            "expert-reports",
            "Mission reports to write",
            reports_due,
            lambda e: event_item(
                e, url_name="events:report", deadline=e.end_date + timedelta(REPORT_DUE_DAYS)
            ),
        ),
        section(
            "expert-evaluations",
            "Evaluations to answer",
            evaluations,
            lambda r: Item(
                label=f"{r.event.reference} {r.event.title}",
                url=link_path(r),
                detail=r.get_audience_display(),
                deadline=day_of(r.closes_at),
            ),
        ),
        section(
            "expert-calls",
            "Calls for experts that fit your profile",
            calls_fitting(expert),
            lambda c: Item(
                label=f"{c.event.reference} {c.event.title}",
                url=f"{home}#call-{c.pk}",
                detail=str(c.event.beneficiary),
                since=day_of(c.published_at),
                deadline=c.event.start_date,
            ),
        ),
    ]


def applicant_sections(user):
    today = timezone.localdate()
    mine = requests.applications_of_applicant(user).select_related("country")
    events = Event.objects.filter(
        application__in=requests.applications_of_applicant(user).values("pk")
    ).select_related("beneficiary")
    coming = events.filter(
        state__in=[EventState.PLANNED, EventState.CONFIRMED, EventState.POSTPONED],
        start_date__gte=today,
    ).order_by("start_date", "pk")
    seated = Count("participants", filter=Q(participants__state__in=SEATED_STATES))
    to_register = (
        coming.annotate(seated=seated)
        .filter(Q(capacity__isnull=True, seated=0) | Q(seated__lt=F("capacity")))
        .order_by("start_date", "pk")
    )
    return [
        section(
            "drafts",
            "Drafts not submitted yet",
            mine.filter(state=ApplicationState.DRAFT).order_by("updated_at", "pk"),
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "returned",
            "Requests returned to you for correction",
            mine.filter(state=ApplicationState.RETURNED).order_by("updated_at", "pk"),
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "events-coming",
            "Your events coming",
            coming,
            lambda e: event_item(e, deadline=e.start_date),
        ),
        section(
            "participants",
            "Events with seats to fill: register your participants",
            to_register,
            lambda e: event_item(
                e,
                url_name="events:participants",
                deadline=e.start_date,
                detail=(
                    f"{e.seated} of {e.capacity} seats taken"
                    if e.capacity
                    else "No participant registered yet"
                ),
            ),
        ),
    ]


SECTIONS_OF_ROLE = {
    Role.NCP: ncp_sections,
    Role.CONSULTEE: consultee_sections,
    Role.CASE_HANDLER: case_handler_sections,
    Role.HEAD_OF_UNIT: head_of_unit_sections,
    Role.EXPERT: expert_sections,
    Role.APPLICANT: applicant_sections,
}


def waiting_for(user):
    """The sections of every role `user` holds, in the order of SECTIONS_OF_ROLE."""
    roles = roles_of(user)
    return [
        built
        for role, sections_of in SECTIONS_OF_ROLE.items()
        if roles.has(role)
        for built in sections_of(user)
    ]
