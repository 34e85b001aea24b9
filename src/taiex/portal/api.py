"""Public API of implemented events (open data): the search with its filters and cursor
pagination, and one event.

Only public fields leave here: never the case handler, contacts or any personal data.
"""

import base64
import binascii
import json
import re
from datetime import date
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import field_validator

from taiex.core.api_schemas import Problem, problem_responses
from taiex.core.text import CleanInput
from taiex.events.enums import PUBLIC_STATES
from taiex.events.models import Event
from taiex.events.queries import public_event_row, public_event_rows
from taiex.events.queries.search import SearchFilters, search_events
from taiex.reference.keywords import split_keywords

router = Router(tags=["events"])

# The values of taiex.reference.enums.AssistanceType and Modality, spelled out so that the
# OpenAPI schema lists them and ninja answers 422 for any other value (a test keeps them in step).
EventType = Literal["workshop", "expert_mission", "study_visit"]
EventModality = Literal["on_site", "online", "hybrid"]
EventMissionKind = Literal["advice", "peer_review", "assessment"]
Sort = Literal["relevance", "-date", "date", "title"]
COUNTRY = re.compile(r"[A-Za-z]{2,3}")
WINDOW = re.compile(r"[a-z0-9_-]{1,30}")


class EventCountryOut(Schema):
    code: str
    name: str
    official_footnote: str


class WindowOut(Schema):
    code: str
    name: str


class EventChapterOut(Schema):
    number: int
    name: str


class HostOut(Schema):
    institution: str = Field(description="The Member State administration that hosted.")
    country: EventCountryOut


class EventOut(Schema):
    reference: str
    type: str
    type_label: str
    mission_kind: str | None = Field(
        description="Expert missions: advice, peer_review or assessment; null for other types."
    )
    mission_kind_label: str | None
    modality: str
    title: str
    summary: str
    legislation: str
    start_date: date | None
    end_date: date | None
    place: str
    beneficiary: EventCountryOut
    other_beneficiaries: list[EventCountryOut]
    window: WindowOut | None
    chapters: list[EventChapterOut]
    beneficiary_institutions: str
    participants_count: int | None
    keywords: list[str]
    original_title: str
    original_summary: str
    original_language: str | None = Field(description="ISO 639 code of the original texts.")
    follows: str | None = Field(
        description="Reference of the earlier public event of the same request that this one "
        "follows up (a series: a workshop, then an expert mission...)."
    )
    host: HostOut | None = Field(
        description="Study visits: the Member State administration that hosted the group."
    )


class CorrectionOut(Schema):
    typed: str = Field(description="A word of `q` that no event has.")
    searched: str = Field(description="The closest word events have, searched instead.")


class EventPage(Schema):
    count: int = Field(description="How many events match, on every page.")
    searched_for: str | None = Field(
        description="The words as searched: `q` with each correction made (null without q)."
    )
    corrections: list[CorrectionOut] = Field(
        description="The typos of `q` corrected (none with exact=true)."
    )
    suggestion: str | None = Field(
        description="A close query that finds many more events, when `q` finds few."
    )
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next: str | None = Field(description="The address of the next page; null on the last.")
    items: list[EventOut]


def country_of(code, name, footnote):
    """A country as the API gives it, from its values."""
    return {"code": code, "name": name, "official_footnote": footnote}


TYPE_LABELS = dict(Event._meta.get_field("event_type").flatchoices)
MISSION_KIND_LABELS = dict(Event._meta.get_field("mission_kind").flatchoices)


def event_out(row):
    """An event as the public API gives it, from its row of `public_event_rows`."""
    kind = row["mission_kind"]
    language = row["original_language__code"]
    host = row["host_institution__name"]
    return {
        "reference": row["reference"],
        "type": row["event_type"],
        "type_label": str(TYPE_LABELS.get(row["event_type"], row["event_type"])),
        "mission_kind": kind or None,
        "mission_kind_label": str(MISSION_KIND_LABELS.get(kind, kind)) if kind else None,
        "modality": row["modality"],
        "title": row["title"],
        "summary": row["summary"],
        "legislation": row["legislation"],
        "start_date": row["start_date"],
        "end_date": row["end_date"],
        "place": row["place"],
        "beneficiary": country_of(
            row["beneficiary__code"],
            row["beneficiary__name"],
            row["beneficiary__official_footnote"],
        ),
        "other_beneficiaries": [country_of(*c) for c in row["other_beneficiaries"]],
        "window": (
            {"code": row["window__code"], "name": row["window__name"]}
            if row["window__code"] is not None
            else None
        ),
        "chapters": [{"number": number, "name": name} for number, name in row["chapters"]],
        "beneficiary_institutions": row["beneficiary_institutions"],
        "participants_count": row["participants_count"],
        # Keywords and the texts in the beneficiary's language, as the downloads give them.
        "keywords": split_keywords(row["keywords"]),
        "original_title": row["original_title"],
        "original_summary": row["original_summary"],
        "original_language": language,
        # The public part of a series (the earlier event, when it is public itself) and the
        # host of a study visit (an administration, never a person).
        "follows": (row["follows__reference"] if row["follows__state"] in PUBLIC_STATES else None),
        "host": (
            {
                "institution": host,
                "country": country_of(
                    row["host_institution__country__code"],
                    row["host_institution__country__name"],
                    row["host_institution__country__official_footnote"],
                ),
            }
            if host is not None
            else None
        ),
    }


def page_keys(events):
    """What the API's pages need of an event before its row is read: the keys of the sorts."""
    return events.only("id", "title", "start_date")


def items_matching(pattern, description):
    return items_of({"type": "string", "pattern": f"^{pattern.pattern}$"}, description)


def items_of(schema, description):
    return Field(default_factory=list, description=description, json_schema_extra={"items": schema})


NUMBER = {"type": "integer", "minimum": 1, "maximum": 99}
YEAR = {"type": "integer", "minimum": 1990, "maximum": 2100}


def whole_numbers(values, low, high, message):
    try:
        numbers = [int(value) for value in values]
    except ValueError:
        raise ValueError(message) from None
    if any(not low <= number <= high for number in numbers):
        raise ValueError(message)
    return numbers


class EventQuery(CleanInput, Schema):
    """The filters of the public search; each facet may be repeated (?country=RS&country=AL:
    any of them), facets combine."""

    q: str | None = Field(
        None,
        max_length=200,
        description="Words in the title, summary, keywords, legislation, institutions or "
        "places (accents, word forms and spellings do not matter; events with all the words "
        'rank first, then those with most of them; "a phrase" must match as written, -word '
        "must not match; a word no event has is corrected to the closest one).",
    )
    exact: bool = Field(False, description="Search the words as typed: no correction of typos.")
    country: list[str] = items_matching(
        COUNTRY, "Beneficiary code (RS, XK, TCC...), main or other."
    )
    window: list[str] = items_matching(WINDOW, "Window code (enlargement, neighbourhood-east...).")
    # Checked by the validators below (not by item types) so that a 422 names the parameter
    # itself, not "query.year.0".
    type: list[str] = items_of({"enum": list(EventType.__args__)}, "Type of assistance.")
    kind: list[str] = items_of(
        {"enum": list(EventMissionKind.__args__)},
        "Kind of expert mission (advice, peer_review, assessment).",
    )
    modality: list[str] = items_of({"enum": list(EventModality.__args__)}, "Modality.")
    chapter: list[str] = items_of(NUMBER, "Chapter number (1-35).")
    cluster: list[str] = items_of(NUMBER, "Cluster number.")
    year: list[str] = items_of(YEAR, "Year the event started.")
    sort: Sort = Field(
        "relevance",
        description="relevance (best match first; newest first without q), -date (newest "
        "first), date (oldest first) or title.",
    )
    limit: int = Field(25, ge=1, le=100, description="Events per page.")
    cursor: str | None = Field(
        None, max_length=300, description="The `next_cursor` of the previous page."
    )

    @field_validator("country")
    @classmethod
    def check_countries(cls, values):
        if any(not COUNTRY.fullmatch(value) for value in values):
            raise ValueError("A country is a code of 2 or 3 letters (RS, XK, TCC).")
        return [value.upper() for value in values]

    @field_validator("window")
    @classmethod
    def check_windows(cls, values):
        if any(not WINDOW.fullmatch(value) for value in values):
            raise ValueError("A window is a code of lowercase letters, digits and dashes.")
        return values

    @field_validator("type")
    @classmethod
    def check_types(cls, values):
        if any(value not in EventType.__args__ for value in values):
            raise ValueError(f"A type is one of: {', '.join(EventType.__args__)}.")
        return values

    @field_validator("kind")
    @classmethod
    def check_kinds(cls, values):
        if any(value not in EventMissionKind.__args__ for value in values):
            raise ValueError(
                f"A kind of expert mission is one of: {', '.join(EventMissionKind.__args__)}."
            )
        return values

    @field_validator("modality")
    @classmethod
    def check_modalities(cls, values):
        if any(value not in EventModality.__args__ for value in values):
            raise ValueError(f"A modality is one of: {', '.join(EventModality.__args__)}.")
        return values

    @field_validator("chapter", "cluster")
    @classmethod
    def check_numbers(cls, values):
        return whole_numbers(values, 1, 99, "Give whole numbers from 1 to 99.")

    @field_validator("year")
    @classmethod
    def check_years(cls, values):
        return whole_numbers(values, 1990, 2100, "Give years from 1990 to 2100.")

    def to_filters(self):
        return SearchFilters(
            q=(self.q or "").strip(),
            country=tuple(self.country),
            window=tuple(self.window),
            type=tuple(self.type),
            kind=tuple(self.kind),
            modality=tuple(self.modality),
            chapter=tuple(self.chapter),
            cluster=tuple(self.cluster),
            year=tuple(self.year),
            sort=self.sort,
            exact=self.exact,
        )


def encode_cursor(sort, position):
    text = json.dumps({"sort": sort, "after": position}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor, sort):
    """The position a cursor points after, checked; a cursor of another sort or a forged
    one is a 422 naming `cursor`."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("sort") != sort:
            raise ValueError
        position = data["after"]
        if sort == "relevance":
            if type(position) is not int or not 0 <= position <= 10_000_000:
                raise ValueError
            return position
        value, pk = position
        if type(pk) is not int or not 0 < pk < 2**63:
            raise ValueError
        if sort == "title":
            if not isinstance(value, str) or "\x00" in value:
                raise ValueError
        elif value is not None:
            date.fromisoformat(value)
        return [value, pk]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
        raise ValidationError(
            [{"loc": ["query", "cursor"], "msg": "This cursor is not valid for this search."}]
        ) from None


@router.get(
    "",
    response={200: EventPage, 422: Problem},
    summary="Search implemented events",
    url_name="events",
    openapi_extra=problem_responses(422),
)
def list_events(request, query: Query[EventQuery]):
    """Implemented and closed events, filtered like the public search, one page after
    `cursor` (follow `next` until it is null)."""
    filters = query.to_filters()
    sort = filters.effective_sort
    position = decode_cursor(query.cursor, sort) if query.cursor else None
    results = search_events(filters, rows=page_keys)
    events, next_position = results.page_after(position, query.limit)
    rows = public_event_rows(Event.objects.filter(pk__in=[event.pk for event in events]))
    next_cursor = None if next_position is None else encode_cursor(sort, next_position)
    next_url = None
    if next_cursor:
        parameters = request.GET.copy()
        parameters["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")
    searched = results.query
    return {
        "count": results.count(),
        "searched_for": searched.corrected_text() if searched else None,
        "corrections": [
            {"typed": typed, "searched": shown} for typed, shown in searched.corrections
        ],
        "suggestion": searched.suggestion or None,
        "next_cursor": next_cursor,
        "next": next_url,
        "items": [event_out(rows[event.pk]) for event in events if event.pk in rows],
    }


@router.get(
    "/{reference}",
    response={200: EventOut, 404: Problem},
    summary="One implemented event",
    url_name="event",
    openapi_extra=problem_responses(404),
)
def get_event(request, reference: str):
    row = public_event_row(reference)
    if row is None:
        raise Http404
    return event_out(row)
