"""The requests behind the events: most approved ones became an event (and point at it); the
others were rejected or withdrawn, and the last weeks' requests are still on their way."""

import json
from dataclasses import dataclass
from datetime import timedelta

from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, InterpretationPair
from taiex.demo.people import PLACES
from taiex.demo.topics import APPROVAL_REASONS, REJECTION_REASONS
from taiex.events.models import EventInterpretationPair
from taiex.reference.enums import InterpretationMode, Modality

from .bulk import Table
from .events import LABELS, PARTICIPANTS, SV, WS
from .population import applicant_of, stamp

APPROVED_SHARE = 0.72
# The requests not approved: historic outcomes, then those still open on the as-of day.
OTHER_STATES = {S.REJECTED: 45, S.WITHDRAWN: 30, "open": 25}
OPEN_STATES = {
    S.DRAFT: 4, S.SUBMITTED: 4, S.RETURNED: 2, S.CONSULTATION: 4, S.ASSESSMENT: 4,
    S.PROPOSED: 3, S.ON_HOLD: 2,
}  # fmt: skip


@dataclass(slots=True)
class PlannedRequest:
    state: str
    created: object  # date
    submitted: object  # date or None
    event: object  # the PlannedEvent it became, or the one it resembles
    start: object
    end: object
    forwarded: object = None  # date sent on by the NCP
    decided: object = None  # date of the decision
    id: int = 0
    reference: str | None = None


def plan_requests(events, count, rng, *, as_of, sequences):
    """`count` requests, the approved ones linked to the latest events; returns them in order
    of creation, ids from 0, with references continuing `sequences`, and the counters used."""
    approved = min(round(count * APPROVED_SHARE), len(events))
    planned = []
    for event in events[len(events) - approved :]:
        submitted = event.start - timedelta(days=rng.randint(75, 160))
        planned.append(
            PlannedRequest(S.APPROVED, submitted - timedelta(days=rng.randint(1, 20)), submitted,
                           event, event.start, event.end)
        )  # fmt: skip
    others = count - approved
    kinds = rng.choices(list(OTHER_STATES), weights=list(OTHER_STATES.values()), k=others)
    # Requests exist since the first approved one: the others resemble those years' events.
    asked = events[len(events) - approved :] if approved else events
    recent = events[-max(1, len(events) // 30) :]
    for kind in kinds:
        like = rng.choice(recent if kind == "open" else asked)
        if kind == "open":
            state = rng.choices(list(OPEN_STATES), weights=list(OPEN_STATES.values()))[0]
            created = as_of - timedelta(days=rng.randint(10, 60))
            submitted = None if state == S.DRAFT else created + timedelta(days=1)
            start = as_of + timedelta(days=rng.randint(45, 150))
        else:
            state = kind
            start = like.start
            submitted = start - timedelta(days=rng.randint(75, 160))
            created = submitted - timedelta(days=rng.randint(1, 20))
        end = start + (like.end - like.start)
        planned.append(PlannedRequest(state, created, submitted, like, start, end))
    for request in planned:
        decide(request, rng)
    planned.sort(key=lambda r: (r.created, r.start, r.event.id, r.state))
    for number, request in enumerate(planned):
        request.id = number
    counters = {}
    for request in sorted((r for r in planned if r.submitted), key=lambda r: (r.submitted, r.id)):
        key = f"APP-{request.submitted.year}"
        counters[key] = counters.get(key, sequences.get(key, 0)) + 1
        request.reference = f"{key}-{counters[key]:05d}"
    return planned, counters


FORWARDED = {S.CONSULTATION, S.ASSESSMENT, S.PROPOSED, S.ON_HOLD, S.APPROVED, S.REJECTED}


def decide(request, rng):
    """When the NCP forwarded the request and when it was decided, as its state implies."""
    state = request.state
    if state in FORWARDED or (state == S.WITHDRAWN and rng.random() < 0.5):
        request.forwarded = request.submitted + timedelta(days=rng.randint(2, 7))
    if state in {S.APPROVED, S.REJECTED}:
        request.decided = request.forwarded + timedelta(days=rng.randint(10, 40))


APPLICATION_COLUMNS = [
    "id", "reference", "state", "assistance_type", "modality", "title", "objectives",
    "legislation", "celex_numbers", "preferred_start", "preferred_end", "place",
    "participants_count", "participants_profile", "experts_count", "expertise_wished",
    "lead_institution_id", "country_id", "window_id", "team_id", "case_handler_id",
    "created_by_id", "created_at", "updated_at", "version", "submitted_at", "forwarded_at",
    "consultation_deadline", "decided_at", "decision_reason", "held_from_state", "eligibility",
    "host_country_id", "host_left_to_programme",
]  # fmt: skip


def application_row(request, first_id, world, population, rng):
    """The row of one request; the approved ones carry their event's facts."""
    event, state = request.event, request.state
    topic, kind = event.topic, event.event_type
    submitted, forwarded, decided = request.submitted, request.forwarded, request.decided
    deadline = stamp(forwarded + timedelta(days=10), 17) if forwarded else None
    reason = ""
    if state in {S.APPROVED, S.REJECTED}:
        reason = rng.choice(APPROVAL_REASONS if state == S.APPROVED else REJECTION_REASONS)
    held_from = S.ASSESSMENT if state == S.ON_HOLD else ""
    last = decided or forwarded or submitted or request.created
    handler = event.case_handler_id if forwarded else None
    expected = event.approved if state == S.APPROVED and event.approved else None
    # A study visit names its host Member State (one request in five leaves the choice to the
    # programme) and asks for no experts.
    study_visit = kind == SV
    leaves_host = study_visit and request.id % 5 == 0
    return (
        first_id + request.id, request.reference, state, kind, event.modality,
        event.title if state == S.APPROVED else f"{LABELS[kind]} on {topic.subject}",
        f"To learn how Member State administrations apply the EU rules on {topic.subject}, and "
        "to agree the changes our institution needs to make.",
        topic.legislation, json.dumps(list(topic.celex)), request.start.isoformat(),
        request.end.isoformat(), event.place,
        expected or rng.randint(*PARTICIPANTS[kind]), topic.participants.capitalize(),
        None if study_visit else max(1, len(event.experts)),
        f"How a Member State administration organises {topic.expertise}." if study_visit
        else f"Practitioners of {topic.expertise}.",
        event.institution_id, event.country.pk, event.window.pk, event.team_id, handler,
        applicant_of(population, world, event.country.code, event.institution_id, rng),
        stamp(request.created, rng.randint(8, 17), rng.randint(0, 59)),
        stamp(last, 16), 1, stamp(submitted, 10) if submitted else None,
        stamp(forwarded, 11) if forwarded else None, deadline,
        stamp(decided, 15) if decided else None, reason, held_from, "[]",
        None if leaves_host or not study_visit else event.venue_country_id, leaves_host,
    )  # fmt: skip


def interpretation_pairs(requests_, world):
    """(request pairs, event pairs) rows: one request in four held on site or hybrid asks
    English into the beneficiary's language and back (simultaneous for a workshop, else
    consecutive); an approved request's event has the same pairs (copied when it was created).
    Drawn from the request's number, not the random sequence, so the rest stays the same."""
    english = world.languages.get("en")
    for request in requests_:
        event = request.event
        place = PLACES.get(event.country.code)
        if request.id % 4 or event.modality == Modality.ONLINE or not place or not english:
            continue
        local = next((world.languages[c] for c in place.languages if c in world.languages), None)
        if local is None or local == english:
            continue
        mode = (
            InterpretationMode.SIMULTANEOUS
            if event.event_type == WS
            else InterpretationMode.CONSECUTIVE
        )
        for source, target in ((english, local), (local, english)):
            yield "request", (request.id, source, target, mode)
            if request.state == S.APPROVED:
                yield "event", (event.id, source, target, mode)


def tables():
    return {
        "requests": Table(Application, APPLICATION_COLUMNS),
        "request chapters": Table(Application.chapters.through, ["application_id", "chapter_id"]),
        "request interpretation pairs": Table(
            InterpretationPair, ["application_id", "source_id", "target_id", "mode"]
        ),
        "event interpretation pairs": Table(
            EventInterpretationPair, ["event_id", "source_id", "target_id", "mode"]
        ),
    }
