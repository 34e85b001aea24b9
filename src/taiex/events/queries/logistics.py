"""What the logistics contractor sees and what is still to book for an event.

What is still to book is derived from the event, never stored:

- travel and hotel nights for every travelling person: each expert on the event who does not
  live in the venue's country (nobody travels to an online event), and each travelling
  participant (`travelling_participants`); no hotel for a same-day trip;
- a venue (and its rooms) and catering for a workshop held on site or hybrid;
- interpretation when the event needs it (`interpretation_needed`, a language pair copied from
  the request or a session of the agenda with interpretation), covering every language of its
  pairs and every working language when there are two or more; the detail names the pairs and
  the booths (one per simultaneous pair of languages, either direction: decisions.md).

A need is met by a booking in the state "booked" (a requested booking is still to book).
`needs_of(event)` lists the needs of one event for its page; `with_missing_bookings(events)`
counts the unmet ones in SQL for the home, and both say the same (a test holds them together).
"""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, ngettext

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.reference.enums import AssistanceType, Modality

from ..enums import (
    PREPARATION_STATES,
    BookingKind,
    BookingState,
    ParticipantState,
    TravelMarking,
)
from ..models import (
    AgendaSession,
    Booking,
    Event,
    EventExpert,
    EventInterpretationPair,
    Participant,
    Travel,
)
from .fees import travelling_participants

__all__ = [
    "Need",
    "bookings_of",
    "events_assigned_to",
    "events_to_organise",
    "needs_of",
    "participants_travelling_to",
    "travelling_experts",
    "travelling_participants",
    "with_missing_bookings",
]


# The SQL twin of `fees.is_travelling` on Participant, for the count of every event at once:
# approved, and marked travelling, or left to the event's rule (everyone of a study visit; on a
# multi-country event, those from another country than the venue's).
def travelling_participant_q():
    multi_country = Exists(
        Event.other_beneficiaries.through.objects.filter(event=OuterRef("event"))
    )
    from_elsewhere = ~Q(country=Coalesce(F("event__venue_country"), F("event__beneficiary")))
    by_rule = Q(travel_marking=TravelMarking.AUTOMATIC) & (
        Q(event__event_type=AssistanceType.STUDY_VISIT) | (multi_country & from_elsewhere)
    )
    return Q(state=ParticipantState.APPROVED) & (
        Q(travel_marking=TravelMarking.TRAVELLING) | by_rule
    )


def events_assigned_to(user):
    """The events assigned to the user's contractor(s) (none for anyone else)."""
    roles = roles_of(user)
    if not roles.has(Role.LOGISTICS) or not roles.contractor_ids:
        return Event.objects.none()
    return Event.objects.filter(contractor_assignment__contractor__in=roles.contractor_ids)


def events_to_organise(user, today):
    """The contractor's events still being prepared that have not ended, soonest first, with
    their count of missing bookings."""
    events = (
        events_assigned_to(user)
        .filter(state__in=PREPARATION_STATES)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    return with_missing_bookings(events).order_by(F("start_date").asc(nulls_last=True), "pk")


def bookings_of(event):
    return (
        Booking.objects.filter(event=event)
        .select_related("event_expert__expert__user", "participant")
        .prefetch_related("languages")
        .order_by("kind", "starts_on", "pk")
    )


def travelling_experts(event):
    """The experts on the event who travel to it: all but those living in the venue's country;
    nobody for an online event."""
    if event.modality == Modality.ONLINE:
        return []
    experts = (
        EventExpert.objects.current()
        .filter(event=event)
        .select_related("expert__user", "expert__member_state")
        .order_by("expert__user__full_name", "pk")
    )
    return [
        place
        for place in experts
        if event.venue_country_id is None or place.expert.member_state_id != event.venue_country_id
    ]


def participants_travelling_to(event):
    """The participants who travel to the event at the programme's cost (the one place to switch
    when participants carry their own "travelling" mark)."""
    if event.modality == Modality.ONLINE:
        return []
    return list(travelling_participants(event))


def needs_venue(event):
    return event.event_type == AssistanceType.WORKSHOP and event.modality != Modality.ONLINE


def needs_interpretation(event):
    return (
        event.interpretation_needed
        or event.interpretation_pairs.exists()
        or event.sessions.filter(interpretation=True).exists()
    )


def interpretation_pairs_of(event):
    return list(event.interpretation_pairs.select_related("source", "target"))


def booths_for(pairs):
    """The booths of simultaneous pairs: one per pair of languages, whichever the direction
    (English into Serbian and back share a booth); consecutive interpretation needs none."""
    return len({frozenset((p.source_id, p.target_id)) for p in pairs if p.mode == "simultaneous"})


@dataclass
class Need:
    kind: str  # "travel" or a BookingKind
    label: str
    met: bool
    traveller: object = None  # an EventExpert or a Participant
    detail: str = ""


def interpretation_detail(languages, missing, pairs=()):
    """What an interpretation booking must cover: the language pairs asked for, the languages,
    those no booking covers yet and about how many booths (one per simultaneous pair; without
    pairs, one per language beyond the first)."""
    parts = []
    if pairs:
        parts.append(
            gettext("Pairs: %(pairs)s") % {"pairs": ", ".join(str(pair) for pair in pairs)}
        )
    names = ", ".join(sorted(language.name for language in languages.values()))
    parts.append(gettext("Languages: %(languages)s") % {"languages": names})
    if len(languages) > 1:
        if missing:
            parts.append(
                gettext("not yet covered: %(languages)s")
                % {"languages": ", ".join(sorted(missing))}
            )
        booths = booths_for(pairs) if pairs else len(languages) - 1
        if booths:
            parts.append(
                ngettext("about %(count)s booth", "about %(count)s booths", booths)
                % {"count": booths}
            )
    return "; ".join(parts)


def needs_of(event) -> list[Need]:
    """Everything the event needs booked, met or not, in the order of its page."""
    bookings = list(bookings_of(event).filter(state=BookingState.BOOKED))
    hotels_for = {(b.event_expert_id, b.participant_id) for b in bookings if b.kind == "hotel"}
    booked_kinds = {b.kind for b in bookings}
    needs = []
    travellers = [(place, "expert") for place in travelling_experts(event)] + [
        (participant, "participant") for participant in participants_travelling_to(event)
    ]
    travels = {
        (travel.event_expert_id, travel.participant_id): travel
        for travel in Travel.objects.filter(event=event)
    }
    for traveller, kind in travellers:
        key = (traveller.pk, None) if kind == "expert" else (None, traveller.pk)
        name = traveller.expert.user.full_name if kind == "expert" else traveller.full_name
        travel = travels.get(key)
        needs.append(
            Need(
                "travel",
                gettext("Travel of %(name)s") % {"name": name},
                travel is not None and travel.state == BookingState.BOOKED,
                traveller,
            )
        )
        if travel is None or travel.outbound_date != travel.return_date:
            needs.append(
                Need(
                    BookingKind.HOTEL,
                    gettext("Hotel of %(name)s") % {"name": name},
                    key in hotels_for,
                    traveller,
                )
            )
    if needs_venue(event):
        needs.append(
            Need(BookingKind.VENUE, gettext("Venue and rooms"), BookingKind.VENUE in booked_kinds)
        )
        needs.append(
            Need(BookingKind.CATERING, gettext("Catering"), BookingKind.CATERING in booked_kinds)
        )
    if needs_interpretation(event):
        pairs = interpretation_pairs_of(event)
        languages = {language.pk: language for language in event.working_languages.all()}
        for pair in pairs:
            languages.setdefault(pair.source_id, pair.source)
            languages.setdefault(pair.target_id, pair.target)
        covered = {
            language.pk
            for booking in bookings
            if booking.kind == BookingKind.INTERPRETATION
            for language in booking.languages.all()
        }
        missing = [languages[pk].name for pk in languages if pk not in covered]
        met = BookingKind.INTERPRETATION in booked_kinds and (len(languages) < 2 or not missing)
        needs.append(
            Need(
                BookingKind.INTERPRETATION,
                gettext("Interpretation"),
                met,
                detail=interpretation_detail(languages, missing, pairs),
            )
        )
    return needs


def _count(queryset):
    """A correlated count of `queryset` (already filtered on the outer event)."""
    counted = queryset.order_by().values("event").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_missing_bookings(events):
    """`events` annotated with `missing_bookings`: how many of `needs_of` are unmet (one query
    whatever the number of events)."""
    booked = BookingState.BOOKED
    on_site = ~Q(modality=Modality.ONLINE)
    experts = EventExpert.objects.filter(event=OuterRef("pk"), left_at__isnull=True).filter(
        Q(event__venue_country__isnull=True) | ~Q(expert__member_state=F("event__venue_country"))
    )
    participants = Participant.objects.filter(event=OuterRef("pk")).filter(
        travelling_participant_q()
    )
    same_day = {"outbound_date": F("return_date")}
    expert_travel = Travel.objects.filter(event_expert=OuterRef("pk"), state=booked)
    expert_same_day = Travel.objects.filter(event_expert=OuterRef("pk"), **same_day)
    expert_hotel = Booking.objects.filter(event_expert=OuterRef("pk"), kind="hotel", state=booked)
    guest_travel = Travel.objects.filter(participant=OuterRef("pk"), state=booked)
    guest_same_day = Travel.objects.filter(participant=OuterRef("pk"), **same_day)
    guest_hotel = Booking.objects.filter(participant=OuterRef("pk"), kind="hotel", state=booked)
    booked_kind = {
        kind: Exists(Booking.objects.filter(event=OuterRef("pk"), kind=kind, state=booked))
        for kind in BookingKind
    }
    working = Event.working_languages.through.objects.filter(event=OuterRef("pk"))

    def covered(language):
        return Exists(
            Booking.languages.through.objects.filter(
                booking__event=OuterRef("event"),
                booking__kind=BookingKind.INTERPRETATION,
                booking__state=booked,
                language=OuterRef(language),
            )
        )

    uncovered = working.exclude(covered("language"))
    pairs = EventInterpretationPair.objects.filter(event=OuterRef("pk"))
    # A pair's languages (always two) are to cover; with them the working languages too.
    uncovered_pair = pairs.filter(~covered("source") | ~covered("target"))
    interpretation = (
        Q(interpretation_needed=True)
        | Exists(pairs)
        | Exists(AgendaSession.objects.filter(event=OuterRef("pk"), interpretation=True))
    )
    one = Value(1)
    zero = Value(0)
    return events.annotate(
        missing_travel=Case(
            When(
                on_site,
                then=_count(experts.exclude(Exists(expert_travel)))
                + _count(participants.exclude(Exists(guest_travel))),
            ),
            default=zero,
        ),
        missing_hotels=Case(
            When(
                on_site,
                then=_count(experts.exclude(Exists(expert_hotel)).exclude(Exists(expert_same_day)))
                + _count(participants.exclude(Exists(guest_hotel)).exclude(Exists(guest_same_day))),
            ),
            default=zero,
        ),
        working_count=_count(working),
        missing_venue=Case(
            When(
                on_site & Q(event_type=AssistanceType.WORKSHOP),
                then=Case(When(booked_kind["venue"], then=zero), default=one)
                + Case(When(booked_kind["catering"], then=zero), default=one),
            ),
            default=zero,
        ),
        missing_interpretation=Case(
            When(
                interpretation & ~booked_kind["interpretation"],
                then=one,
            ),
            When(
                interpretation
                & (Q(working_count__gte=2) | Exists(pairs))
                & (Exists(uncovered) | Exists(uncovered_pair)),
                then=one,
            ),
            default=zero,
        ),
        missing_bookings=F("missing_travel")
        + F("missing_hotels")
        + F("missing_venue")
        + F("missing_interpretation"),
    )
