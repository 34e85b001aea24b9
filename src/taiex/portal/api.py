"""Public API of implemented events (open data): a filtered, paginated list and one event.

Only public fields leave here: never the case handler, contacts or any personal data.
"""

from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema

from taiex.events.queries import EventFilters, event_by_public_reference, implemented_events

router = Router(tags=["events"])

# The values of taiex.reference.enums.AssistanceType, spelled out so that the OpenAPI schema
# lists them and ninja answers 422 for any other value (a test keeps the two in step).
EventType = Literal["workshop", "expert_mission", "study_visit"]
Sort = Literal["-date", "date", "title"]


class CountryOut(Schema):
    code: str
    name: str
    official_footnote: str


class WindowOut(Schema):
    code: str
    name: str


class ChapterOut(Schema):
    number: int
    name: str


class EventOut(Schema):
    reference: str
    type: str
    type_label: str
    modality: str
    title: str
    summary: str
    legislation: str
    start_date: date | None
    end_date: date | None
    place: str
    beneficiary: CountryOut
    other_beneficiaries: list[CountryOut]
    window: WindowOut | None
    chapters: list[ChapterOut]
    beneficiary_institutions: str
    participants_count: int | None


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EventOut]


def country_out(country):
    return {
        "code": country.code,
        "name": country.name,
        "official_footnote": country.official_footnote,
    }


def event_out(event):
    return {
        "reference": event.reference,
        "type": event.event_type,
        "type_label": event.get_event_type_display(),
        "modality": event.modality,
        "title": event.title,
        "summary": event.summary,
        "legislation": event.legislation,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "place": event.place,
        "beneficiary": country_out(event.beneficiary),
        "other_beneficiaries": [country_out(c) for c in event.other_beneficiaries.all()],
        "window": {"code": event.window.code, "name": event.window.name} if event.window else None,
        "chapters": [{"number": c.number, "name": c.name} for c in event.chapters.all()],
        "beneficiary_institutions": event.beneficiary_institutions,
        "participants_count": event.participants_count,
    }


class EventQuery(Schema):
    """The filters of the list: the same as the portal's, plus limit and offset."""

    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2,3}$", description="Beneficiary code (RS, XK, TCC...)."
    )
    type: EventType | None = Field(None, description="Type of assistance.")
    year: int | None = Field(None, ge=1990, le=2100, description="Year the event started.")
    q: str | None = Field(None, max_length=100, description="Words in the title or summary.")
    sort: Sort = Field("-date", description="-date (newest first), date, or title.")
    limit: int = Field(25, ge=1, le=100)
    offset: int = Field(0, ge=0)


@router.get("", response=EventPage, summary="Implemented events", url_name="events")
def list_events(request, query: Query[EventQuery]):
    """Implemented and closed events, filtered like the portal's list, newest first."""
    filters = EventFilters(
        country=(query.country or "").upper(),
        event_type=query.type or "",
        year=query.year,
        q=(query.q or "").strip(),
        sort=query.sort,
    )
    events = implemented_events(filters)
    return {
        "count": events.count(),
        "limit": query.limit,
        "offset": query.offset,
        "items": [event_out(event) for event in events[query.offset : query.offset + query.limit]],
    }


@router.get("/{reference}", response=EventOut, summary="One implemented event", url_name="event")
def get_event(request, reference: str):
    event = event_by_public_reference(reference)
    if event is None:
        raise Http404
    return event_out(event)
