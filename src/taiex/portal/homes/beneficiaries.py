"""What waits for the people of the beneficiary side and the services consulted: the NCP, the
consulted service and the applicant."""

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taiex.accounts.gate_views import applicants_waiting_in, institutions_waiting_in
from taiex.accounts.roles import roles_of
from taiex.applications import queries as requests
from taiex.applications.enums import ApplicationState
from taiex.events.enums import (
    SEATED_STATES,
    EventState,
)
from taiex.events.models import Event
from taiex.reference.enums import ReminderKind

from .sections import (
    Item,
    day_of,
    event_item,
    request_item,
    requests_list,
    section,
)


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
            _("Requests to check"),
            to_check,
            lambda a: request_item(a, since=a.submitted_at, reminder_kind=ReminderKind.NCP_CHECK),
            more_url=requests_list("ncp"),
        ),
        section(
            "ncp-returned",
            _("Returned requests not submitted again"),
            returned,
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "ncp-institutions",
            _("Institutions that registered, to confirm"),
            institutions_waiting_in(countries),
            lambda i: Item(
                label=i.name, url=gate, detail=str(i.country), since=day_of(i.created_at)
            ),
        ),
        section(
            "ncp-applicants",
            _("Applicants who registered, to confirm"),
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
            _("Consultations waiting for your opinion"),
            waiting,
            lambda a: request_item(a, since=a.forwarded_at, deadline=a.consultation_deadline),
            more_url=requests_list("opinion"),
        )
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
            _("Drafts not submitted yet"),
            mine.filter(state=ApplicationState.DRAFT).order_by("updated_at", "pk"),
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "returned",
            _("Requests returned to you for correction"),
            mine.filter(state=ApplicationState.RETURNED).order_by("updated_at", "pk"),
            lambda a: request_item(a, since=a.updated_at),
        ),
        section(
            "events-coming",
            _("Your events coming"),
            coming,
            lambda e: event_item(e, deadline=e.start_date),
        ),
        section(
            "participants",
            _("Events with seats to fill: register your participants"),
            to_register,
            lambda e: event_item(
                e,
                url_name="events:participants",
                deadline=e.start_date,
                detail=(
                    _("%(seated)s of %(capacity)s seats taken")
                    % {"seated": e.seated, "capacity": e.capacity}
                    if e.capacity
                    else _("No participant registered yet")
                ),
            ),
        ),
    ]
