"""Thirty years of events, planned in memory before anything is written: dates, types,
beneficiaries open on the day, subjects, places, states, experts and the size of each event."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from taiex.demo.people import PLACES
from taiex.demo.topics import WINDOW_CHAPTERS
from taiex.events.enums import REFERENCE_PREFIX, EventState, ExpertRole
from taiex.reference.enums import AssistanceType, MissionKind, Modality

from .places import BENEFICIARIES, MEMBER_STATES
from .population import stamp
from .scale import ONLINE_SINCE, PANDEMIC, events_per_year
from .subjects import ALL_TOPICS, topics_by_year

WS, EM, SV = AssistanceType.WORKSHOP, AssistanceType.EXPERT_MISSION, AssistanceType.STUDY_VISIT
LABELS = {WS: "Workshop", EM: "Expert mission", SV: "Study visit"}
MONTH_WEIGHTS = (7, 10, 11, 11, 11, 11, 6, 2, 11, 12, 12, 6)
CANCELLATIONS = (
    "The beneficiary asked to cancel: the law concerned was withdrawn from parliament.",
    "Cancelled: the experts could not travel and no other date suited the beneficiary.",
    "The beneficiary institution was reorganised and asked to cancel the event.",
)
PANDEMIC_CANCELLATION = "Cancelled because of the COVID-19 pandemic: travel was not possible."
# Participants (rows) and experts by type: (fewest, most).
PARTICIPANTS = {WS: (15, 60), EM: (5, 20), SV: (3, 6)}
EXPERTS = {WS: (2, 4), EM: (1, 3)}  # a study visit has a host, not experts


@dataclass(slots=True)
class PlannedEvent:
    start: date
    end: date
    event_type: str
    country: object
    window: object
    topic: object
    chapter_ids: list
    team_id: int | None
    modality: str
    place: str
    venue_country_id: int | None
    time_zone: str
    institution_id: int
    institutions: str
    others: list
    host_institution_id: int | None
    case_handler_id: int
    title: str
    summary: str
    state: str = EventState.CLOSED
    cancellation_reason: str = ""
    experts: list = field(default_factory=list)  # (expert id, role, invited day)
    size: int = 0  # participant rows
    approved: int = 0
    id: int = 0
    reference: str = ""
    application_id: int | None = None


def pick_day(rng, year):
    month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
    day = date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))
    while day.weekday() > 3:  # events start Monday to Thursday
        day -= timedelta(days=1)
    return day if day.year == year else date(year, 1, 7)


def pick_type(rng, year):
    weights = (50, 30, 20) if year < 2004 else (45, 35, 20)
    return rng.choices((WS, EM, SV), weights=weights)[0]


def pick_modality(rng, kind, day):
    if kind == SV or day < ONLINE_SINCE:
        return Modality.ON_SITE
    weights = (30, 15, 55) if day.year <= 2021 else (70, 15, 15)
    return rng.choices((Modality.ON_SITE, Modality.HYBRID, Modality.ONLINE), weights=weights)[0]


def pick_state(rng, day, end, modality, as_of):
    if PANDEMIC[0] <= day <= PANDEMIC[1] and modality == Modality.ON_SITE and rng.random() < 0.7:
        return EventState.CANCELLED, PANDEMIC_CANCELLATION
    if rng.random() < 0.03:
        return EventState.CANCELLED, rng.choice(CANCELLATIONS)
    # Files close a few months after the event (fees paid, reports accepted); a few stay open.
    if end >= as_of - timedelta(days=120) or rng.random() < 0.02:
        return EventState.IMPLEMENTED, ""
    return EventState.CLOSED, ""


def city_of(world, code, institution_name, rng):
    for prefix in ("City of ", "Municipality of "):
        if institution_name.startswith(prefix):
            return institution_name.removeprefix(prefix)
    if code in BENEFICIARIES:
        return rng.choice(BENEFICIARIES[code][1])
    if code in MEMBER_STATES:
        return MEMBER_STATES[code][0]
    return PLACES[code].city if code in PLACES else world.countries[code].name


def time_zone_of(code):
    if code in BENEFICIARIES:
        return BENEFICIARIES[code][0]
    if code in MEMBER_STATES:
        return MEMBER_STATES[code][1]
    return PLACES[code].time_zone if code in PLACES else "Europe/Brussels"


class EventPlanner:
    def __init__(self, world, population, scale, rng):
        self.world, self.population, self.scale, self.rng = world, population, scale, rng
        self.topics = topics_by_year(scale.first_year, scale.last_year)
        self.window_topics = {
            code: [t for t in ALL_TOPICS if t.chapter in chapters]
            for code, chapters in WINDOW_CHAPTERS.items()
        }

    def plan(self, sequences, taken=frozenset()):
        """Every event, in chronological order, with ids from 0 and references that continue
        the counters in `sequences` (key -> last value used), skipping the `taken` ones."""
        planned = []
        for year, count in events_per_year(self.scale).items():
            for _ in range(count):
                planned.append(self.plan_one(year))
        planned.sort(key=lambda e: (e.start, e.end, e.title, e.country.code))
        counters = {}
        for number, event in enumerate(planned):
            event.id = number
            key = f"{REFERENCE_PREFIX[event.event_type]}-{event.start.year}"
            value = counters.get(key, sequences.get(key, 0)) + 1
            while f"{key}-{value:04d}" in taken:
                value += 1
            counters[key] = value
            event.reference = f"{key}-{value:04d}"
        return planned, counters

    def topic_for(self, year, window):
        rng = self.rng
        if window.code in WINDOW_CHAPTERS:
            of_year = [t for t in self.topics[year] if t.chapter in WINDOW_CHAPTERS[window.code]]
            return rng.choice(of_year or self.window_topics[window.code] or self.topics[year])
        return rng.choice(self.topics[year])

    def plan_one(self, year):
        rng, world, population = self.rng, self.world, self.population
        kind = pick_type(rng, year)
        day = pick_day(rng, year)
        open_now, cumulative = world.open_on(day)
        country, window, _weight = rng.choices(open_now, cum_weights=cumulative)[0]
        code = country.code
        topic = self.topic_for(year, window)
        numbers = [topic.chapter]
        if rng.random() < 0.1:
            numbers.append(rng.choice(self.topics[year]).chapter)
        chapters = [world.chapters[n] for n in dict.fromkeys(numbers) if n in world.chapters]
        team_id = chapters[0].team_id if chapters and chapters[0].team_id else None
        length = {WS: rng.choice((1, 2, 2, 2, 3)), EM: rng.randint(2, 5), SV: rng.randint(3, 5)}
        end = day + timedelta(days=length[kind] - 1)
        modality = pick_modality(rng, kind, day)
        institution_id, institution = rng.choice(population.institutions[code])
        others = []
        if kind == WS and not window.is_peer_to_peer and rng.random() < 0.1:
            peers = [c for c, w, _ in open_now if w == window and c != country]
            others = rng.sample(peers, k=min(len(peers), rng.randint(2, 4)))
        host_code, host_institution_id = None, None
        if kind == SV:
            hosts = [c for c in world.member_state_codes_on(day) if c != code]
            host_code = rng.choice(hosts)
            host_institution_id = rng.choice(population.employers[host_code])
            place, venue, zone = MEMBER_STATES[host_code][0], host_code, MEMBER_STATES[host_code][1]
        else:
            place, venue, zone = city_of(world, code, institution, rng), code, time_zone_of(code)
        if modality == Modality.ONLINE:
            place, venue = "", None
        state, reason = pick_state(rng, day, end, modality, self.scale.as_of)
        title = self.title(kind, topic, place, others, host_code)
        summary = (
            f"{LABELS[kind]} for {topic.participants} of the {institution}: how Member State "
            f"administrations apply {topic.legislation}, with practitioners of {topic.expertise}."
        )
        if place:
            summary += f" Held in {place}."
        event = PlannedEvent(
            start=day,
            end=end,
            event_type=kind,
            country=country,
            window=window,
            topic=topic,
            chapter_ids=[c.pk for c in chapters],
            team_id=team_id,
            modality=modality,
            place=place,
            venue_country_id=world.countries[venue].pk if venue else None,
            time_zone=zone,
            institution_id=institution_id,
            institutions="; ".join(
                [institution] + [rng.choice(population.institutions[o.code])[1] for o in others]
            ),
            others=others,
            host_institution_id=host_institution_id,
            case_handler_id=rng.choice(population.handlers_of(team_id)),
            title=title,
            summary=summary,
            state=state,
            cancellation_reason=reason,
        )
        if state != EventState.CANCELLED:
            # A study visit has a host administration (its agreement: host_agreement_rows),
            # never Member State experts.
            event.experts = [] if kind == SV else self.experts_for(kind, day)
            event.size = rng.randint(*PARTICIPANTS[kind])
        return event

    def title(self, kind, topic, place, others, host_code):
        rng = self.rng
        if others:
            return f"Multi-country workshop on {topic.subject}"
        if kind == SV and host_code:
            return f"Study visit to {self.world.countries[host_code].name} on {topic.subject}"
        if place and rng.random() < 0.3:
            return f"{LABELS[kind]} on {topic.subject} in {place}"
        return f"{LABELS[kind]} on {topic.subject}"

    def experts_for(self, kind, day):
        """(expert id, role, day invited): experts of Member States that were members on the
        day, registered before they were invited."""
        rng, population = self.rng, self.population
        invited = day - timedelta(days=rng.randint(30, 70))
        states = self.world.member_state_codes_on(day)
        weights = [MEMBER_STATES[c][3] for c in states]
        wanted = rng.randint(*EXPERTS[kind])
        chosen = {}
        for _attempt in range(wanted * 4):
            if len(chosen) >= wanted:
                break
            code = rng.choices(states, weights=weights)[0]
            expert = population.expert_joined_by(code, invited, rng)
            if expert is not None:
                chosen.setdefault(expert, None)
        roles = []
        for position, expert in enumerate(chosen):
            if position == 0:
                role = ExpertRole.LEAD_EXPERT
            elif kind == WS and rng.random() < 0.4:
                role = ExpertRole.SPEAKER
            else:
                role = ExpertRole.EXPERT
            roles.append((expert, role, invited))
        return roles


def size_participations(events, total, rng):
    """Scale the planned sizes so that the participant rows add up to `total` exactly, then
    decide how many of each event's registrations were approved (the rest cancelled or
    rejected): the event's participants_count is that number."""
    held = [e for e in events if e.size]
    planned = sum(e.size for e in held)
    if not held or planned == 0:
        return
    factor = total / planned
    for event in held:
        event.size = int(event.size * factor)
    missing = total - sum(e.size for e in held)  # what rounding down left out
    order = rng.sample(held, k=len(held))
    for number in range(missing):
        order[number % len(order)].size += 1
    for event in held:
        dropped = int(event.size * rng.uniform(0.0, 0.1))
        event.approved = event.size - dropped


EVENT_COLUMNS = [
    "id", "reference", "application_id", "event_type", "modality", "state", "title", "summary",
    "legislation", "start_date", "end_date", "place", "venue_country_id", "time_zone",
    "beneficiary_id", "window_id", "team_id", "case_handler_id", "beneficiary_institutions",
    "participants_count", "experts_needed", "cancellation_reason", "host_institution_id",
    "created_at", "updated_at", "mission_kind",
]  # fmt: skip
# One expert mission in ten is a peer review, one in ten an assessment mission (by its number,
# so that the generator's random sequence stays as it was).
MISSION_KINDS = {0: MissionKind.PEER_REVIEW, 1: MissionKind.ASSESSMENT}


def mission_kind_of(event):
    if event.event_type != AssistanceType.EXPERT_MISSION:
        return ""
    return MISSION_KINDS.get(event.id % 10, MissionKind.ADVICE).value


def event_row(event, first_id, created):
    if event.state == EventState.CLOSED:
        updated = stamp(event.end + timedelta(days=75), 11)
    elif event.state == EventState.CANCELLED:
        updated = stamp(event.start - timedelta(days=10), 10)
    else:
        updated = stamp(event.end + timedelta(days=1), 17)
    held = event.state != EventState.CANCELLED
    return (
        first_id + event.id, event.reference, event.application_id, event.event_type,
        event.modality, event.state, event.title, event.summary, event.topic.legislation,
        event.start.isoformat(), event.end.isoformat(), event.place, event.venue_country_id,
        event.time_zone, event.country.pk, event.window.pk, event.team_id,
        event.case_handler_id, event.institutions, event.approved if held else None,
        len(event.experts), event.cancellation_reason, event.host_institution_id, created,
        updated, mission_kind_of(event),
    )  # fmt: skip


STAMP = "%Y-%m-%d %H:%M:%S"  # as population.stamp writes them (naive UTC)
HOST_AGREEMENT_COLUMNS = [
    "event_id", "institution_id", "state", "asked_by_id", "asked_at", "answered_at",
]  # fmt: skip


def host_agreement_rows(events, first_id, created):
    """The agreement of each study visit's host: asked by the case handler a week after the
    event was made, agreed three weeks later, both before its first day."""
    for event in events:
        if event.host_institution_id is None:
            continue
        made = datetime.fromisoformat(created.get(event.id) or stamp(event.start - timedelta(120)))
        eve = datetime.combine(event.start - timedelta(days=1), time(12))
        asked = min(made + timedelta(days=7), eve)
        agreed = max(min(asked + timedelta(days=21), eve), asked)
        yield (
            first_id + event.id, event.host_institution_id, "agreed", event.case_handler_id,
            asked.strftime(STAMP), agreed.strftime(STAMP),
        )  # fmt: skip
