"""Downloads of a search result (XLSX, JSON), the ICS of upcoming events, the DCAT-AP
catalogue, the facets and highlighted snippets of the search page."""

import io
import json
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from taiex.events.queries.search import SearchFilters, facet_counts
from tests.factories import EventFactory


def test_xlsx_download_has_the_filtered_events(client, catalogue):
    response = client.get(reverse("portal:events_xlsx") + "?year=2025&sort=date")

    assert response["Content-Disposition"] == 'attachment; filename="implemented-events.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [row[0] for row in rows] == ["reference", "WS-2025-0001", "SV-2025-0003"]
    assert rows[2][4] == "Plastic waste management"
    assert rows[2][12] == "Montenegro"


def test_json_download_has_the_searched_events_best_first(client, catalogue):
    response = client.get(reverse("portal:events_json") + "?q=asylum")

    body = json.loads(response.content)
    assert body["count"] == 1
    assert body["events"][0]["reference"] == "WS-2025-0001"
    assert body["events"][0]["chapters"] == [
        {"number": 24, "name": "Justice, freedom and security"}
    ]
    assert "case_handler" not in body["events"][0]


def test_ics_lists_confirmed_upcoming_events_with_public_facts_only(client, db):
    today = timezone.localdate()
    EventFactory(
        reference="WS-2099-0001",
        state="confirmed",
        title="Upcoming workshop on asylum",
        start_date=today + timedelta(days=10),
        end_date=today + timedelta(days=11),
        meeting_link="https://meet.example.org/secret",
    )
    soon = today + timedelta(days=5)
    EventFactory(reference="WS-2099-0002", state="planned", start_date=soon, end_date=soon)
    EventFactory(reference="WS-2020-0003", state="confirmed", start_date=date(2020, 1, 1),
                 end_date=date(2020, 1, 2))  # fmt: skip

    response = client.get(reverse("portal:events_upcoming"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert [str(entry["uid"]) for entry in entries] == ["WS-2099-0001@testserver"]
    assert str(entries[0]["summary"]) == "Workshop: Upcoming workshop on asylum"
    assert entries[0]["dtstart"].dt == today + timedelta(days=10)
    assert entries[0]["dtend"].dt == today + timedelta(days=12)
    assert b"secret" not in response.content


def test_catalog_describes_the_datasets_in_dcat_ap(client, db):
    response = client.get(reverse("portal:catalog"))

    assert response["Content-Type"] == "application/ld+json"
    body = json.loads(response.content)
    assert body["@type"] == "dcat:Catalog"
    assert body["@id"] == "http://testserver/public/data/catalog.jsonld"
    datasets = {dataset["dct:identifier"]: dataset for dataset in body["dcat:dataset"]}
    assert sorted(datasets) == [
        "taiex-implemented-events", "taiex-statistics", "taiex-upcoming-events",
    ]  # fmt: skip
    events = datasets["taiex-implemented-events"]
    assert [d["dct:title"] for d in events["dcat:distribution"]] == [
        "Implemented events (CSV)",
        "Implemented events (XLSX)",
        "Implemented events (JSON)",
        "Implemented events (API)",
    ]
    assert events["dcat:distribution"][0]["dcat:downloadURL"] == {
        "@id": "http://testserver/public/events/export.csv"
    }
    assert events["dct:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert body["dct:publisher"]["foaf:name"] == (
        "taiex: technical assistance and information exchange"
    )


def test_open_data_page_links_every_distribution(client, db):
    content = client.get(reverse("portal:open_data")).content.decode()

    for url in ["export.csv", "export.xlsx", "export.json", "upcoming.ics", "catalog.jsonld"]:
        assert url in content


def values(facet):
    return [(value.value, value.count, value.is_selected) for value in facet]


def test_facets_count_with_the_other_filters_but_not_their_own(db, catalogue):
    facets = facet_counts(SearchFilters(type=("workshop",), year=(2025,)))

    # Types counted within 2025 (their own filter left out): the workshop and the study visit.
    assert values(facets.type) == [("workshop", 1, True), ("study_visit", 1, False)]
    # Years counted among workshops only.
    assert values(facets.year) == [("2025", 1, True)]
    assert values(facets.country) == [("RS", 1, False)]
    assert values(facets.chapter) == [("24", 1, False)]
    assert values(facets.cluster) == [("1", 1, False)]
    assert values(facets.window) == [("enlargement", 1, False)]
    assert values(facets.modality) == [("on_site", 1, False)]


def test_country_facet_counts_main_and_other_beneficiaries(db, catalogue):
    facets = facet_counts(SearchFilters())

    assert [(v.label, v.count) for v in facets.country] == [
        ("Albania", 1), ("Kosovo*", 1), ("Montenegro", 1), ("Serbia", 1),
    ]  # fmt: skip


def test_a_chosen_value_without_events_stays_listed_to_be_unchosen(db, catalogue):
    facets = facet_counts(SearchFilters(country=("TR",)))

    assert values(facets.country)[-1] == ("TR", 0, True)


def test_search_page_highlights_the_words_found_and_escapes_the_rest(client, db):
    EventFactory(
        reference="WS-2025-0042",
        title="Migration <script>alert(1)</script> statistics",
        summary="Data on migrants & refugees in Čačak.",
    )

    content = client.get(reverse("portal:events") + "?q=migrant+cacak").content.decode()

    assert (
        '<a href="/public/events/WS-2025-0042/"><mark>Migration</mark> &lt;script&gt;alert(1)'
        "&lt;/script&gt; statistics</a>"
    ) in content
    assert "<p>Data on <mark>migrants</mark> &amp; refugees in <mark>Čačak</mark>.</p>" in content


def test_search_page_facet_links_toggle_and_keep_the_other_filters(client, catalogue):
    response = client.get(reverse("portal:events") + "?q=asylum&type=workshop&page=1")

    content = response.content.decode()
    assert 'href="?q=asylum" aria-label="Remove the filter Type: Workshop"' in content
    assert 'id="facet-type-workshop" checked' in content
