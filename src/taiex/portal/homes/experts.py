"""What waits for an expert: invitations, mission reports, evaluations and calls that fit."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taiex.evaluations.enums import RequestState
from taiex.evaluations.models import EvaluationRequest
from taiex.evaluations.services.links import link_path
from taiex.events.enums import (
    EventState,
    ReportState,
)
from taiex.events.models import Event, MissionReport
from taiex.experts.models import Expert
from taiex.reference.enums import AssistanceType
from taiex.staffing.queries.calls import calls_fitting
from taiex.staffing.queries.invitations import invitations_waiting_for

from .sections import (
    REPORT_DUE_DAYS,
    Item,
    day_of,
    event_item,
    section,
)


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
            _("Invitations to answer"),
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
            _("Mission reports to write"),
            reports_due,
            lambda e: event_item(
                e, url_name="events:report", deadline=e.end_date + timedelta(REPORT_DUE_DAYS)
            ),
        ),
        section(
            "expert-evaluations",
            _("Evaluations to answer"),
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
            _("Calls for experts that fit your profile"),
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
