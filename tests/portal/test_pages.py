import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.reference.models import Chapter, Country
from tests.factories import EventFactory

KOSOVO_FOOTNOTE = (
    "This designation is without prejudice to positions on status and is in line with "
    "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence."
)


def listed(response):
    return [result.event.reference for result in response.context["page_obj"].object_list]


def test_public_list_shows_only_implemented_and_closed_events_newest_first(client, catalogue):
    response = client.get(reverse("portal:events"))

    assert listed(response) == ["SV-2025-0003", "WS-2025-0001", "EM-2024-0007"]
    content = response.content.decode()
    assert "Planned asylum workshop" not in content
    assert "Cancelled asylum workshop" not in content
    assert '<h2 id="results-heading">3 events</h2>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=RS", ["WS-2025-0001"]),
        ("country=XK", ["EM-2024-0007"]),
        ("country=ME", ["SV-2025-0003"]),  # another beneficiary of the study visit
        ("type=study_visit", ["SV-2025-0003"]),
        ("type=workshop", ["WS-2025-0001"]),
        ("year=2024", ["EM-2024-0007"]),
        ("year=2025", ["SV-2025-0003", "WS-2025-0001"]),
        ("q=asylum", ["WS-2025-0001"]),
        ("q=CIRCULAR", ["SV-2025-0003"]),  # in the summary, any case
        ("q=Ljubljana", ["SV-2025-0003"]),  # the place
        ("q=kosovo", ["EM-2024-0007"]),  # the beneficiary's name
        ("country=RS&country=XK", ["WS-2025-0001", "EM-2024-0007"]),  # any of the values
        ("window=enlargement&modality=on_site&type=workshop", ["WS-2025-0001"]),
        ("chapter=24", ["WS-2025-0001"]),
        ("cluster=1", ["WS-2025-0001"]),
        ("year=2024&year=2025&type=study_visit", ["SV-2025-0003"]),
        ("country=RS&year=2024", []),
        ("type=workshop&year=2025&q=asylum&country=RS", ["WS-2025-0001"]),
        ("sort=title", ["WS-2025-0001", "SV-2025-0003", "EM-2024-0007"]),
        ("sort=date", ["EM-2024-0007", "WS-2025-0001", "SV-2025-0003"]),
    ],
)
def test_public_list_filters(client, catalogue, query, expected):
    response = client.get(f"{reverse('portal:events')}?{query}")

    assert listed(response) == expected


def test_public_list_reports_an_invalid_filter_next_to_its_field_and_ignores_it(client, catalogue):
    response = client.get(reverse("portal:events") + "?year=abc&type=workshop")

    assert listed(response) == ["WS-2025-0001"]
    assert response.context["form"].errors == {"year": ["“abc” is not a whole number."]}
    assert "<li>Year: “abc” is not a whole number.</li>" in response.content.decode()


def test_public_list_paginates_by_20_and_keeps_the_filters_in_page_links(client, db):
    for day in range(1, 22):
        EventFactory(start_date=date(2025, 1, day), end_date=date(2025, 1, day))

    first = client.get(reverse("portal:events") + "?type=workshop")
    second = client.get(reverse("portal:events") + "?type=workshop&page=2")

    assert len(listed(first)) == 20
    assert 'href="?type=workshop&amp;page=2" rel="next"' in first.content.decode()
    assert [result.event.start_date for result in second.context["page_obj"]] == [date(2025, 1, 1)]


def test_public_list_offers_the_downloads_of_the_same_filters(client, catalogue):
    response = client.get(reverse("portal:events") + "?country=RS&page=1")

    content = response.content.decode()
    assert 'href="/public/events/export.csv?country=RS"' in content
    assert 'href="/public/events/export.xlsx?country=RS"' in content
    assert 'href="/public/events/export.json?country=RS"' in content


def test_public_csv_export_has_the_filtered_public_events(client, catalogue):
    response = client.get(reverse("portal:events_export") + "?year=2025&sort=date")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="implemented-events.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        [
            "reference", "type", "mission_kind", "modality", "title", "summary", "legislation",
            "start_date", "end_date", "place", "beneficiary_code", "beneficiary",
            "other_beneficiaries", "window", "chapters", "beneficiary_institutions",
            "participants_count", "keywords", "original_title", "original_summary",
            "original_language", "interpretation",
        ],
        [
            "WS-2025-0001", "Workshop", "", "On site", "Asylum procedures",
            "Interview techniques for asylum officers.", "", "2025-03-10", "2025-03-11",
            "Belgrade", "RS", "Serbia", "", "Enlargement", "24. Justice, freedom and security",
            "", "40", "", "", "", "", "",
        ],
        [
            "SV-2025-0003", "Study visit", "", "On site", "Plastic waste management",
            "Circular economy in municipalities.", "", "2025-06-02", "2025-06-04", "Ljubljana",
            "AL", "Albania", "Montenegro", "Enlargement", "", "", "5", "", "", "", "", "",
        ],
    ]  # fmt: skip


def test_public_csv_neutralises_spreadsheet_formulas(client, db):
    EventFactory(title='=HYPERLINK("http://evil")')

    response = client.get(reverse("portal:events_export"))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'


def test_public_event_page_shows_the_public_facts(client, catalogue):
    event = catalogue["plastic"]
    event.legislation = "Directive (EU) 2019/904 on single-use plastics"
    event.beneficiary_institutions = "Ministry of Tourism and Environment"
    event.save()
    event.chapters.set([Chapter.objects.get(number=27)])

    response = client.get(reverse("portal:event", args=["SV-2025-0003"]))

    content = response.content.decode()
    assert response.context["event"] == event
    for text in [
        "<h1>Plastic waste management</h1>",
        "<dt>Reference</dt><dd>SV-2025-0003</dd>",
        "<dt>Type</dt><dd>Study visit</dd>",
        "<dt>Modality</dt><dd>On site</dd>",
        "<dt>Place</dt><dd>Ljubljana</dd>",
        '<span class="country">Albania</span>',
        '<span class="country">Montenegro</span>',
        "<dt>Window</dt><dd>Enlargement</dd>",
        "<li>27. Environment and climate change</li>",
        "<dt>Beneficiary institutions</dt><dd>Ministry of Tourism and Environment</dd>",
        "<dt>Participants</dt><dd>5</dd>",
        "<p>Circular economy in municipalities.</p>",
        "<p>Directive (EU) 2019/904 on single-use plastics</p>",
        '<time datetime="2025-06-02">2 Jun 2025</time> to <time datetime="2025-06-04">',
    ]:
        assert text in content, text


def test_public_event_page_never_shows_the_case_handler(client, catalogue, case_handler):
    assert catalogue["asylum"].case_handler == case_handler

    content = client.get(reverse("portal:event", args=["WS-2025-0001"])).content.decode()

    assert case_handler.full_name not in content
    assert case_handler.email not in content
    assert "Case handler" not in content


@pytest.mark.parametrize("reference", ["WS-2026-0001", "WS-2025-0009", "WS-1999-0404"])
def test_public_event_page_is_404_for_planned_cancelled_or_unknown_events(
    client, catalogue, reference
):
    response = client.get(reverse("portal:event", args=[reference]))

    assert response.status_code == 404
    assert "Planned asylum workshop" not in response.content.decode()


def test_kosovo_event_carries_the_official_footnote(client, catalogue):
    content = client.get(reverse("portal:event", args=["EM-2024-0007"])).content.decode()

    assert '<span class="country">Kosovo<a class="footnote-ref" href="#footnote-XK"' in content
    assert (
        f'<li id="footnote-XK"><span class="footnote-name">Kosovo*</span>: {KOSOVO_FOOTNOTE}</li>'
        in content
    )


def test_public_list_with_kosovo_in_its_filter_prints_the_footnote(client, catalogue):
    content = client.get(reverse("portal:events") + "?country=RS").content.decode()

    assert '<label for="facet-country-XK">Kosovo* <span class="muted">(1)</span></label>' in content
    assert KOSOVO_FOOTNOTE in content


def test_index_shows_key_figures_and_latest_events(client, catalogue):
    response = client.get(reverse("portal:index"))

    assert response.context["figures"] == {"implemented_events": 3, "beneficiary_countries": 4}
    assert [event.reference for event in response.context["latest_events"]] == [
        "SV-2025-0003",
        "WS-2025-0001",
        "EM-2024-0007",
    ]
    content = response.content.decode()
    assert "<dt>Implemented events</dt><dd>3</dd>" in content
    assert "<dt>Beneficiary countries</dt><dd>4</dd>" in content
    assert "Planned asylum workshop" not in content


def make_public_events(count):
    for _ in range(count):
        event = EventFactory()
        event.other_beneficiaries.set([Country.objects.get(code="ME")])
        event.chapters.set(Chapter.objects.filter(number__in=[23, 24]))


def queries_for(client, url, count):
    make_public_events(count)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        reverse("portal:index"),
        reverse("portal:events"),
        reverse("portal:events_export"),
        reverse("portal:events_xlsx"),
        reverse("portal:events_json"),
        reverse("portal:events") + "?q=migration&country=ME&chapter=24",
        reverse("portal:events") + "?q=migration&sort=date",
        "/api/v1/events/",
        "/api/v1/events/?q=migration&cluster=1",
    ],
)
def test_public_list_query_count_does_not_grow_with_events(client, db, url):
    one = queries_for(client, url, 1)
    three = queries_for(client, url, 2)  # now three events in all

    assert one == three
