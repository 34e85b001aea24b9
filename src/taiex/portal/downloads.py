"""Open data files of the portal: a search result as CSV, XLSX or JSON rows, the ICS of
upcoming public events, and the DCAT-AP catalogue (JSON-LD) that describes the datasets."""

from datetime import timedelta
from io import BytesIO
from itertools import islice

from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as CalendarEntry
from openpyxl import Workbook

from taiex.core.csv_export import csv_cell
from taiex.reference.keywords import split_keywords

HEADER = [
    "reference", "type", "mission_kind", "modality", "title", "summary", "legislation",
    "start_date", "end_date", "place", "beneficiary_code", "beneficiary", "other_beneficiaries",
    "window", "chapters", "beneficiary_institutions", "participants_count", "keywords",
    "original_title", "original_summary", "original_language", "interpretation",
]  # fmt: skip
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "taiex: technical assistance and information exchange"


def with_interpretation(events, chunk=1000):
    """The events with their interpretation pairs (`pairs`, with the languages), fetched one
    query per `chunk` events: a download of tens of thousands of events stays a few queries."""
    from taiex.events.models import EventInterpretationPair

    events = iter(events)
    while batch := list(islice(events, chunk)):
        pairs = {}
        for pair in EventInterpretationPair.objects.filter(
            event__in=[event.pk for event in batch]
        ).select_related("source", "target"):
            pairs.setdefault(pair.event_id, []).append(pair)
        for event in batch:
            event.pairs = pairs.get(event.pk, [])
            yield event


def pair_code(pair):
    """A pair in codes: "en>sr simultaneous" (no names: the same in every language)."""
    return f"{pair.source.code}>{pair.target.code} {pair.mode}"


def names(countries):
    return "; ".join(country.name for country in countries)


def event_row(event):
    """One event as the cells of a download (public fields only)."""
    return [
        event.reference,
        event.get_event_type_display(),
        event.get_mission_kind_display() if event.mission_kind else "",
        event.get_modality_display(),
        event.title,
        event.summary,
        event.legislation,
        event.start_date or "",
        event.end_date or "",
        event.place,
        event.beneficiary.code,
        event.beneficiary,
        names(event.other_beneficiaries.all()),
        event.window.name if event.window else "",
        "; ".join(str(chapter) for chapter in event.chapters.all()),
        event.beneficiary_institutions,
        "" if event.participants_count is None else event.participants_count,
        event.keywords,
        event.original_title,
        event.original_summary,
        event.original_language.code if event.original_language else "",
        "; ".join(pair_code(pair) for pair in getattr(event, "pairs", [])),
    ]


def xlsx_bytes(rows, *, title="Events"):
    """`rows` under HEADER as an XLSX workbook (formula-like text is neutralised, countries'
    official footnotes are listed under the table)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(HEADER)
    footnotes = {}
    for row in rows:
        sheet.append([csv_cell(cell, footnotes) for cell in row])
    for name, text in sorted(footnotes.items()):
        sheet.append([f"{name}: {text}"])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def country_json(country):
    return {
        "code": country.code,
        "name": country.name,
        "official_footnote": country.official_footnote,
    }


def event_json(event):
    return {
        "reference": event.reference,
        "type": event.event_type,
        "mission_kind": event.mission_kind or None,
        "modality": event.modality,
        "title": event.title,
        "summary": event.summary,
        "legislation": event.legislation,
        "start_date": event.start_date.isoformat() if event.start_date else None,
        "end_date": event.end_date.isoformat() if event.end_date else None,
        "place": event.place,
        "beneficiary": country_json(event.beneficiary),
        "other_beneficiaries": [country_json(c) for c in event.other_beneficiaries.all()],
        "window": {"code": event.window.code, "name": event.window.name} if event.window else None,
        "chapters": [{"number": c.number, "name": c.name} for c in event.chapters.all()],
        "beneficiary_institutions": event.beneficiary_institutions,
        "participants_count": event.participants_count,
        "keywords": split_keywords(event.keywords),
        "original_title": event.original_title,
        "original_summary": event.original_summary,
        "original_language": event.original_language.code if event.original_language else None,
        "interpretation": [
            {"source": pair.source.code, "target": pair.target.code, "mode": pair.mode}
            for pair in getattr(event, "pairs", [])
        ],
    }


def upcoming_calendar(events, *, domain):
    """The ICS of upcoming public events: all-day entries with the title, type, place and
    beneficiary only (no meeting link, no person)."""
    calendar = Calendar()
    calendar.add("prodid", "-//taiex//Upcoming technical assistance events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "taiex: upcoming events")
    for event in events:
        entry = CalendarEntry()
        entry.add("uid", f"{event.reference}@{domain}")
        entry.add("dtstamp", event.updated_at)
        entry.add("last-modified", event.updated_at)
        entry.add("status", "CONFIRMED")
        entry.add("summary", f"{event.get_event_type_display()}: {event.title}")
        entry.add("dtstart", event.start_date)
        entry.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
        location = ", ".join(
            part for part in [event.place, event.venue_country.name if event.venue_country else ""]
            if part
        )  # fmt: skip
        if location:
            entry.add("location", location)
        entry.add(
            "description",
            f"{event.title}\nReference: {event.reference}\nBeneficiary: {event.beneficiary.name}",
        )
        calendar.add_component(entry)
    return calendar.to_ical()


def distribution(request, *, title, url_name, media_type, description="", query=""):
    url = request.build_absolute_uri(reverse(url_name)) + query
    return {
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dct:description": description,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": f"http://www.iana.org/assignments/media-types/{media_type}"},
        "dct:license": {"@id": LICENSE},
    }


def catalog(request, *, statistics_url_name=None, issued):
    """The DCAT-AP 3 description of the open data (JSON-LD) for data portals to harvest."""
    home = request.build_absolute_uri(reverse("portal:index"))
    publisher = {"@type": "foaf:Agent", "foaf:name": PUBLISHER, "foaf:homepage": {"@id": home}}
    events_distributions = [
        distribution(request, title="Implemented events (CSV)", url_name="portal:events_export",
                     media_type="text/csv"),
        distribution(request, title="Implemented events (XLSX)", url_name="portal:events_xlsx",
                     media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        distribution(request, title="Implemented events (JSON)", url_name="portal:events_json",
                     media_type="application/json"),
        {
            **distribution(request, title="Implemented events (API)", url_name="api:events",
                           media_type="application/json",
                           description="Filtered, cursor-paginated JSON API; its OpenAPI "
                           "description is at /api/v1/openapi.json."),
            "dcat:accessService": {
                "@type": "dcat:DataService",
                "dct:title": "taiex API",
                "dcat:endpointURL": {"@id": request.build_absolute_uri("/api/v1/")},
                "dcat:endpointDescription": {
                    "@id": request.build_absolute_uri("/api/v1/openapi.json")
                },
            },
        },
    ]  # fmt: skip
    datasets = [
        {
            "@type": "dcat:Dataset",
            "@id": request.build_absolute_uri(reverse("portal:events")),
            "dct:identifier": "taiex-implemented-events",
            "dct:title": "Implemented technical assistance events",
            "dct:description": "Workshops, expert missions and study visits that were "
            "implemented: title, summary, legislation, dates, place, beneficiary countries, "
            "window, chapters, beneficiary institutions and number of participants. No "
            "personal data.",
            "dcat:keyword": ["technical assistance", "public administration", "EU acquis"],
            "dct:publisher": publisher,
            "dct:license": {"@id": LICENSE},
            "dct:accessRights": {
                "@id": "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
            },
            "dct:accrualPeriodicity": {
                "@id": "http://publications.europa.eu/resource/authority/frequency/CONT"
            },
            "dcat:landingPage": {"@id": request.build_absolute_uri(reverse("portal:events"))},
            "dcat:distribution": events_distributions,
        },
        {
            "@type": "dcat:Dataset",
            "@id": request.build_absolute_uri(reverse("portal:events_upcoming")),
            "dct:identifier": "taiex-upcoming-events",
            "dct:title": "Upcoming technical assistance events",
            "dct:description": "Confirmed events that have not ended: dates, type, title, "
            "place and beneficiary, as an iCalendar feed.",
            "dct:publisher": publisher,
            "dct:license": {"@id": LICENSE},
            "dcat:distribution": [
                distribution(
                    request,
                    title="Upcoming events (ICS)",
                    url_name="portal:events_upcoming",
                    media_type="text/calendar",
                ),
            ],
        },
    ]
    if statistics_url_name:
        datasets.append(
            {
                "@type": "dcat:Dataset",
                "@id": request.build_absolute_uri(reverse(statistics_url_name)),
                "dct:identifier": "taiex-statistics",
                "dct:title": "Statistics of the technical assistance instrument",
                "dct:description": "Events per year by type, participants, experts by Member "
                "State, events by beneficiary, window, chapter and cluster.",
                "dct:publisher": publisher,
                "dct:license": {"@id": LICENSE},
                "dcat:landingPage": {
                    "@id": request.build_absolute_uri(reverse(statistics_url_name))
                },
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": "Statistics (API)",
                        "dcat:accessURL": {
                            "@id": request.build_absolute_uri("/api/v1/statistics/")
                        },
                        "dcat:mediaType": {
                            "@id": "http://www.iana.org/assignments/media-types/application/json"
                        },
                        "dct:license": {"@id": LICENSE},
                    }
                ],
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": request.build_absolute_uri(reverse("portal:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": "taiex open data",
        "dct:description": "Open data of the technical assistance instrument: its implemented "
        "events, upcoming events and statistics.",
        "dct:publisher": publisher,
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ENG"},
        "dct:issued": issued.isoformat(),
        "dct:license": {"@id": LICENSE},
        "foaf:homepage": {"@id": home},
        "dcat:dataset": datasets,
    }
