"""Reusable reads of an event's participants: seats, the waiting list, the attendance grid,
no-shows, and the participant behind a check code."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from taiex.reference.enums import Modality
from taiex.reference.models import Country

from ..enums import SEATED_STATES, ParticipantState
from ..models import Attendance, Participant

# A registration in one of these states is live: it holds a seat or a place on the waiting list,
# and its e-mail address cannot be registered again for the same event.
LIVE_STATES = [ParticipantState.REQUESTED, ParticipantState.APPROVED, ParticipantState.WAITLISTED]
STATE_ORDER = [
    ParticipantState.APPROVED,
    ParticipantState.REQUESTED,
    ParticipantState.WAITLISTED,
    ParticipantState.REJECTED,
    ParticipantState.CANCELLED,
    ParticipantState.REPLACED,
]


def beneficiary_countries_of(event):
    """The countries whose officials may take part: the main and the other beneficiaries."""
    return (
        Country.objects.filter(Q(pk=event.beneficiary_id) | Q(multi_country_events=event))
        .distinct()
        .order_by("name")
    )


def meeting_link_of(event):
    """The link to join an online or hybrid event, for registered people; empty on site."""
    return event.meeting_link if event.modality != Modality.ON_SITE else ""


def participants_of(event):
    """Every registration of `event` in registration order, with what the list shows."""
    return (
        Participant.objects.filter(event=event)
        .select_related("country", "replaces", "registered_by")
        .order_by("registered_at", "id")
    )


def seated_count(event):
    return Participant.objects.filter(event=event, state__in=SEATED_STATES).count()


def waiting_list(event):
    """The waiting list in the order it moves up: first registered, first served."""
    return Participant.objects.filter(event=event, state=ParticipantState.WAITLISTED).order_by(
        "registered_at", "id"
    )


@dataclass
class ParticipantsOverview:
    """The participants of an event grouped by state (in STATE_ORDER), and the seats."""

    groups: list = field(default_factory=list)  # [(state, label, [participants])]
    counts: dict = field(default_factory=dict)
    seats_taken: int = 0
    capacity: int | None = None

    @property
    def seats_free(self):
        return None if self.capacity is None else max(self.capacity - self.seats_taken, 0)


def participants_overview(event):
    """One query for every registration, grouped by state for the participants page."""
    by_state = {state: [] for state in STATE_ORDER}
    for participant in participants_of(event):
        by_state[participant.state].append(participant)
    counts = {state: len(people) for state, people in by_state.items()}
    return ParticipantsOverview(
        groups=[
            (state, str(ParticipantState(state).label), by_state[state])
            for state in STATE_ORDER
            if by_state[state]
        ],
        counts=counts,
        seats_taken=sum(counts[state] for state in SEATED_STATES),
        capacity=event.capacity,
    )


def event_days(event):
    """Every day of the event, first to last; empty while its dates are not set."""
    if event.start_date is None:
        return []
    last = event.end_date or event.start_date
    return [event.start_date + timedelta(days=n) for n in range((last - event.start_date).days + 1)]


def approved_participants(event):
    return (
        Participant.objects.filter(event=event, state=ParticipantState.APPROVED)
        .select_related("country")
        .order_by("full_name", "id")
    )


@dataclass
class AttendanceRow:
    participant: Participant
    present: dict  # day -> True, False, or None when nothing is recorded

    @property
    def days_present(self):
        return sum(1 for value in self.present.values() if value)


def attendance_grid(event):
    """The approved participants, each with what is recorded for each day of the event."""
    days = event_days(event)
    participants = list(approved_participants(event))
    recorded = {
        (row.participant_id, row.day): row.present
        for row in Attendance.objects.filter(participant__in=participants, day__in=days)
    }
    return days, [
        AttendanceRow(
            participant=participant,
            present={day: recorded.get((participant.pk, day)) for day in days},
        )
        for participant in participants
    ]


def no_shows(event):
    """Approved participants whose attendance is recorded and who were present on no day (those
    with nothing recorded yet are not counted as absent)."""
    present = Attendance.objects.filter(participant=OuterRef("pk"), present=True)
    return (
        approved_participants(event)
        .filter(attendance__isnull=False)
        .exclude(Exists(present))
        .distinct()
    )


def attended_participants(event):
    """The participants present on at least one day of the event."""
    present = Attendance.objects.filter(participant=OuterRef("pk"), present=True)
    return Participant.objects.filter(event=event).filter(Exists(present)).order_by("full_name")


def attended_participants_count(event):
    """How many people attended `event` (present on at least one day)."""
    return attended_participants(event).count()


def days_attended(participant) -> list[date]:
    return list(
        participant.attendance.filter(present=True).order_by("day").values_list("day", flat=True)
    )


def missing_attendance_by_day(event):
    """{day: number of approved participants with nothing recorded that day}, days with none
    missing left out."""
    days = event_days(event)
    approved = Participant.objects.filter(event=event, state=ParticipantState.APPROVED)
    total = approved.count()
    recorded = dict(
        Attendance.objects.filter(participant__in=approved, day__in=days)
        .values("day")
        .annotate(recorded=Count("id"))
        .values_list("day", "recorded")
    )
    return {day: total - recorded.get(day, 0) for day in days if total - recorded.get(day, 0)}


def certificate_holders(event):
    """The participants who get a certificate of attendance: present at least one day."""
    return attended_participants(event).select_related("country").prefetch_related("attendance")


def normalized_check_code(code):
    """A check code as printed may carry spaces or dashes and lower case; stored it has none."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def participant_by_check_code(code):
    """The participant whose letter or certificate carries `code`, with the event; None if no
    document carries it."""
    code = normalized_check_code(code)
    if not code:
        return None
    return Participant.objects.select_related("event", "country").filter(check_code=code).first()
