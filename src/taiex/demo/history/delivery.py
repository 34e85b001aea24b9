"""What hangs on each held event: the experts who accepted their invitation, the registered
participants (approved, or cancelled and rejected), and optionally a day-by-day attendance.
Rows are produced lazily: a million participants are never all in memory at once."""

from datetime import timedelta

from taiex.demo.people import PLACES
from taiex.events.enums import EventState, ParticipantState
from taiex.events.models import Attendance, EventExpert, Participant
from taiex.reference.enums import AssistanceType
from taiex.staffing.enums import INVITATION_VALID_DAYS, InvitationState
from taiex.staffing.models import Invitation

from .bulk import Table
from .places import MEMBER_STATES, OTHER_FIRST, OTHER_LAST, PARTICIPANT_POSITIONS
from .population import DOMAIN, stamp

# An odd 64-bit multiplier: n -> n * M mod 2**64 is a bijection, so distinct participant ids
# give distinct check codes that do not look sequential.
CODE_MULTIPLIER = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1

INVITATION_COLUMNS = [
    "event_id", "expert_id", "role", "state", "invited_by_id", "invited_at", "expires_at",
    "responded_at", "decline_reason", "updated_at",
]  # fmt: skip
EVENT_EXPERT_COLUMNS = ["event_id", "expert_id", "role", "joined_at", "updated_at"]
PARTICIPANT_COLUMNS = [
    "id", "event_id", "full_name", "email", "phone", "position", "institution", "country_id",
    "state", "registered_at", "check_code", "note", "updated_at",
]  # fmt: skip


def invitation_rows(events, first_event_id, rng):
    for event in events:
        for expert_id, role, invited in event.experts:
            answered = invited + timedelta(days=rng.randint(1, 6))
            yield (
                first_event_id + event.id, expert_id, role, InvitationState.ACCEPTED,
                event.case_handler_id, stamp(invited, 10), stamp(invited + timedelta(
                    days=INVITATION_VALID_DAYS), 10), stamp(answered, 14), "",
                stamp(answered, 14),
            )  # fmt: skip


def event_expert_rows(events, first_event_id, rng):
    """The experts on each event, joined when they answered: give it a generator seeded like
    `invitation_rows`'s so that the dates are the same."""
    for event in events:
        for expert_id, role, invited in event.experts:
            answered = stamp(invited + timedelta(days=rng.randint(1, 6)), 14)
            yield (first_event_id + event.id, expert_id, role, answered, answered)


def names_of(code):
    if code in PLACES:
        return PLACES[code].first_names, PLACES[code].last_names
    if code in MEMBER_STATES:
        return MEMBER_STATES[code][4], MEMBER_STATES[code][5]
    return OTHER_FIRST, OTHER_LAST


class ParticipantRows:
    """Participant rows event after event; remembers the approved ones' ids and days for
    the attendance."""

    def __init__(self, events, population, rng, *, first_event_id, first_id, attendance):
        self.events, self.population, self.rng = events, population, rng
        self.first_event_id, self.next_id = first_event_id, first_id
        self.attendance = attendance
        self.present = []  # (participant id, first day, last day)
        # The approved participants who may travel at the programme's cost (a study visit's
        # group, a multi-country event's): (participant id, event id, country id, its name).
        self.travellers = []

    def __iter__(self):
        # random() and int() instead of choice() and randint(): a few times faster, and this
        # loop runs a million times.
        draw, population = self.rng.random, self.population
        approved = ParticipantState.APPROVED
        dropped = (ParticipantState.CANCELLED, ParticipantState.REJECTED)
        positions = PARTICIPANT_POSITIONS
        for event in self.events:
            if not event.size or event.state == EventState.CANCELLED:
                continue
            event_id = self.first_event_id + event.id
            origins = []
            for country in [event.country, *event.others]:
                firsts, lasts = names_of(country.code)
                bodies = [name for _pk, name in population.institutions[country.code]]
                origins.append((country.pk, firsts, lasts, bodies))
            names = {country.pk: country.name for country in [event.country, *event.others]}
            may_travel = event.event_type == AssistanceType.STUDY_VISIT or bool(event.others)
            days = [(event.start - timedelta(days=back)).isoformat() for back in range(5, 41)]
            for seat in range(event.size):
                # A multi-country event: every third seat goes to the partner countries.
                country_id, firsts, lasts, bodies = (
                    origins[seat % len(origins)] if seat % 3 == 0 else origins[0]
                )
                pk = self.next_id
                self.next_id += 1
                if seat < event.approved:
                    state = approved
                    if self.attendance:
                        self.present.append((pk, event.start, event.end))
                    if may_travel:
                        self.travellers.append((pk, event_id, country_id, names[country_id]))
                else:
                    state = dropped[int(draw() * 2)]
                registered = (
                    f"{days[int(draw() * 36)]} {7 + int(draw() * 13):02d}:{int(draw() * 60):02d}:00"
                )
                yield (
                    pk, event_id,
                    f"{firsts[int(draw() * len(firsts))]} {lasts[int(draw() * len(lasts))]}",
                    f"participant.{pk}@{DOMAIN}", "", positions[int(draw() * len(positions))],
                    bodies[int(draw() * len(bodies))], country_id, state, registered,
                    f"{(pk * CODE_MULTIPLIER) & MASK:016X}", "", registered,
                )  # fmt: skip

    def attendance_rows(self, rng):
        for participant_id, first, last in self.present:
            day = first
            while day <= last:
                yield (participant_id, day.isoformat(), rng.random() < 0.96,
                       stamp(day, 17, 30))  # fmt: skip
                day += timedelta(days=1)


def tables():
    return {
        "invitations": Table(Invitation, INVITATION_COLUMNS),
        "event experts": Table(EventExpert, EVENT_EXPERT_COLUMNS),
        "participants": Table(Participant, PARTICIPANT_COLUMNS),
        "attendance": Table(Attendance, ["participant_id", "day", "present", "recorded_at"]),
    }
