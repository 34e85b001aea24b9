"""What waits for the programme's staff: the case handler and the head of unit."""

from datetime import timedelta

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taiex.accounts.roles import roles_of
from taiex.applications import queries as requests
from taiex.applications.enums import ApplicationState
from taiex.core.templatetags.money import money
from taiex.events.enums import (
    EventState,
    LimitExceptionState,
    ReportState,
    StatementState,
)
from taiex.events.models import Event, FeeStatement, LimitException, MissionReport
from taiex.reference.enums import AssistanceType, ReminderKind
from taiex.staffing.enums import InvitationState
from taiex.staffing.models import Invitation

from .sections import (
    REPORT_DUE_DAYS,
    Item,
    day_of,
    event_item,
    request_item,
    requests_list,
    section,
)


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
        .order_by("forwarded_at", "pk")
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
        .select_related("event", "event_expert__expert__user", "host_institution", "participant")
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
            _("Requests to assess"),
            assessments,
            lambda a: request_item(a, since=a.forwarded_at, reminder_kind=ReminderKind.ASSESSMENT),
            more_url=requests_list("team"),
        ),
        section(
            "to-confirm",
            _("Planned events to confirm (the event page lists what is missing)"),
            to_confirm,
            lambda e: event_item(e, deadline=e.start_date),
        ),
        section(
            "to-close",
            _("Implemented events to close (the event page lists what is missing)"),
            to_close,
            lambda e: event_item(e, since=e.end_date),
        ),
        section(
            "statements",
            _("Fee statements to approve"),
            statements,
            lambda s: Item(
                label=f"{s.event.reference}: {payee(s)}",
                url=reverse("events:statement", args=[s.event_id, s.pk]),
                detail=money(s.total),
                since=day_of(s.computed_at),
            ),
        ),
        section(
            "invitations",
            _("Invitations without an answer"),
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
            _("Mission reports to review"),
            reports_to_review,
            lambda r: event_item(r.event, url_name="events:report", since=r.submitted_at),
        ),
        section(
            "reports-overdue",
            _("Mission reports overdue (due %(days)s days after the mission)")
            % {"days": REPORT_DUE_DAYS},
            reports_overdue,
            lambda e: event_item(
                e, url_name="events:report", deadline=e.end_date + timedelta(REPORT_DUE_DAYS)
            ),
        ),
    ]


def proposed(proposal):
    """The case handler's recommendation, as the head of unit's home shows it."""
    if proposal == "approve":
        return _("Proposed: approve")
    if proposal == "reject":
        return _("Proposed: reject")
    return _("Proposed: no recommendation")


def payee(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.user.full_name
    if statement.participant_id:
        return statement.participant.full_name
    return statement.host_institution.name if statement.host_institution_id else _("Host")


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
            _("Proposals to decide"),
            proposals,
            lambda a: request_item(a, since=a.submitted_at, detail=proposed(a.proposal)),
            more_url=requests_list("meeting"),
            action_url=reverse("accounts:decide_proposals"),
        ),
        section(
            "exceptions",
            _("Exceptions to the limits asked for"),
            exceptions,
            lambda x: event_item(
                x.event,
                since=x.requested_at,
                detail=_("%(limit)s up to %(value)s")
                % {"limit": x.get_limit_display(), "value": x.allowed_value},
            ),
        ),
    ]
