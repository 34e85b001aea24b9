"""A new visitor, without logging in, explores the public catalogue in Chromium: searches
"asylum" and finds the Azerbaijani study visits of the seeds first, narrows by year and type,
opens an event, downloads the result as XLSX, reads the statistics and downloads the annual
report as PDF; the search also works with JavaScript switched off."""

import io
from datetime import date, datetime

import pytest
from django.core.cache import caches
from openpyxl import load_workbook
from pypdf import PdfReader

from taiex.demo.seeds import create_seed_events
from taiex.portal.downloads import HEADER
from taiex.reference.models import Chapter, Country, Window
from tests.factories import EventFactory, ExpertFactory, UserFactory
from tests.factories.participants import ParticipantFactory
from tests.factories.reports import expert_on_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def country(code):
    return Country.objects.get(code=code)


def chapter(number):
    return Chapter.objects.get(number=number)


def catalogue():
    """The seeds' real events (14, closed, 2012-2022) and five implemented events of other
    years, types and countries, plus two that must stay hidden (planned, cancelled)."""
    recorder = UserFactory(full_name="Rita Recorder", email="rita.recorder@ec.example")
    seeds = {event.title.split(" (")[0]: event for event in create_seed_events(actor=recorder)}
    others = {}
    for key, fields, chapters in [
        (
            "judicial",
            {
                "reference": "WS-2018-0001",
                "title": "Judicial cooperation on international protection",
                "summary": "Judges of Kosovo discussed the case law of the Court of Justice.",
                "legislation": "Directive 2013/32/EU on common procedures (asylum procedures)",
                "start_date": date(2018, 3, 12),
                "end_date": date(2018, 3, 13),
                "place": "Pristina",
                "beneficiary": country("XK"),
                "participants_count": 35,
            },
            [23],
        ),
        (
            "reception",
            {
                "reference": "EM-2024-0001",
                "event_type": "expert_mission",
                "title": "Reception centres for applicants for international protection",
                "summary": "Reception conditions of asylum seekers in the new centre of Tirana.",
                "start_date": date(2024, 2, 5),
                "end_date": date(2024, 2, 7),
                "place": "Tirana",
                "beneficiary": country("AL"),
                "participants_count": 10,
            },
            [24],
        ),
        (
            "food",
            {
                "reference": "SV-2023-0001",
                "event_type": "study_visit",
                "title": "Official controls of food safety",
                "summary": "Veterinary inspectors of Ukraine visited border inspection posts.",
                "start_date": date(2023, 9, 18),
                "end_date": date(2023, 9, 20),
                "place": "Warsaw",
                "beneficiary": country("UA"),
                "window": Window.objects.get(code="neighbourhood-east"),
                "participants_count": 5,
            },
            [12],
        ),
        (
            "procurement",
            {
                "reference": "WS-2020-0001",
                "modality": "online",
                "title": "Public procurement remedies",
                "summary": "Review bodies and the remedies directives.",
                "start_date": date(2020, 6, 10),
                "end_date": date(2020, 6, 10),
                "place": "",
                "beneficiary": country("ME"),
                "participants_count": 50,
            },
            [5],
        ),
        (
            "statistics",
            {
                "reference": "WS-2023-0002",
                "title": "Migration statistics",
                "summary": "Statistics on migration and international protection.",
                "start_date": date(2023, 11, 20),
                "end_date": date(2023, 11, 21),
                "participants_count": 25,
            },
            [24],
        ),
    ]:
        others[key] = EventFactory(**fields)
        others[key].chapters.set([chapter(n) for n in chapters])
    EventFactory(
        reference="WS-2026-0001",
        state="planned",
        title="Planned asylum workshop",
        start_date=date(2026, 5, 4),
        end_date=date(2026, 5, 5),
    )
    EventFactory(
        reference="WS-2025-0009",
        state="cancelled",
        cancellation_reason="No venue.",
        title="Cancelled asylum workshop",
        start_date=date(2025, 9, 1),
        end_date=date(2025, 9, 1),
    )
    return seeds, others


def references_shown(page):
    """The references of the results on the page, in the order shown."""
    return [
        text.split(" · ")[0]
        for text in page.locator("ol.results li.result p.muted").all_inner_texts()
    ]


def facet_labels(page, group):
    """The values of a facet group with their counts, as shown ("2012 (3)")."""
    return page.get_by_role("group", name=group).locator("label").all_inner_texts()


def table_rows(page, caption):
    """The rows of the table with this caption, each as its cells' texts."""
    table = page.locator("main table", has=page.locator(f"caption:text-is('{caption}')"))
    return [
        row.locator("th, td").all_inner_texts() for row in table.locator("tbody tr, tfoot tr").all()
    ]


ASYLUM_RANKING = [
    "SV-2012-0002",  # Exchange of practices in the field of asylum (Azerbaijan, Bucharest)
    "EM-2012-0001",  # Tools and standards for ensuring quality in asylum procedure (Baku)
    "SV-2012-0001",  # Acquaintance with asylum procedures in Romania
    "EM-2024-0001",  # Albania: "asylum" in the summary only
    "WS-2018-0001",  # Kosovo*: "asylum" in the legislation only
]


def test_a_visitor_searches_narrows_opens_downloads_and_reads_the_statistics(
    live_server, browser_page, assert_accessible
):
    caches["shared"].clear()  # the statistics cache of an earlier test must not answer
    seeds, _others = catalogue()
    exchange, tools = (
        seeds["Exchange of practices in the field of asylum"],
        seeds["Tools and standards for ensuring quality in asylum procedure"],
    )
    ParticipantFactory(
        event=exchange,
        full_name="Leyla Mammadova",
        email="leyla.mammadova@migration.gov.az",
        country=country("AZ"),
        institution="State Migration Service",
    )
    type(exchange).objects.filter(pk=exchange.pk).update(
        case_handler=UserFactory(full_name="Carla Case Handler", email="carla@ec.example")
    )
    expert_on_event(
        tools,
        expert=ExpertFactory(
            user=UserFactory(full_name="Radu Ionescu", email="radu.ionescu@igi.example"),
            member_state=country("RO"),
        ),
    )
    page, base = browser_page, live_server.url

    # A new visitor opens the public search from the front page and searches "asylum".
    page.goto(f"{base}/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Implemented events"
    ).click()
    page.get_by_label("Search events").fill("asylum")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(f"{base}/public/events/?q=asylum&sort=relevance")
    assert page.get_by_role("heading", level=2, name="5 events").is_visible()
    assert references_shown(page) == ASYLUM_RANKING
    first = page.locator("ol.results li.result").first
    assert first.locator("h3 mark").all_inner_texts() == ["asylum", "asylum", "asylum"]
    assert (
        first.locator("p").last.inner_html()
        == "Practice of a Member State on the <mark>asylum</mark> procedure, the terms of "
        "admission and the notification of abuse of the <mark>asylum</mark> system."
    )
    assert page.locator("ol.results li.result").nth(4).locator("p").last.inner_html() == (
        "Directive 2013/32/EU on common procedures (<mark>asylum</mark> procedures)"
    )
    assert facet_labels(page, "Year") == ["2024 (1)", "2018 (1)", "2012 (3)"]
    assert facet_labels(page, "Type") == ["Workshop (1)", "Expert mission (2)", "Study visit (2)"]
    # Grouped by window: enlargement, then neighbourhood east.
    assert facet_labels(page, "Beneficiary") == ["Albania (1)", "Kosovo* (1)", "Azerbaijan (3)"]
    assert page.get_by_text("Planned asylum workshop").count() == 0
    assert page.get_by_text("Cancelled asylum workshop").count() == 0
    assert_accessible(page)

    # Narrow by year and type with the facet checkboxes.
    page.get_by_role("group", name="Year").get_by_label("2012").check()
    page.get_by_role("group", name="Type").get_by_label("Study visit").check()
    page.get_by_role("button", name="Apply the filters").click()
    narrowed = f"{base}/public/events/?q=asylum&sort=relevance&year=2012&type=study_visit"
    page.wait_for_url(narrowed)
    assert page.get_by_role("heading", level=2, name="2 events").is_visible()
    assert references_shown(page) == ["SV-2012-0002", "SV-2012-0001"]
    # Each facet counts with the other filters: years of asylum study visits, types in 2012.
    assert facet_labels(page, "Year") == ["2012 (2)"]
    assert facet_labels(page, "Type") == ["Expert mission (1)", "Study visit (2)"]
    assert facet_labels(page, "Beneficiary") == ["Azerbaijan (2)"]
    assert page.get_by_role("list", name="Chosen filters").locator("a").all_inner_texts() == [
        "Year: 2012 \u00d7",
        "Type: Study visit \u00d7",
    ]
    assert page.get_by_role("group", name="Year").get_by_label("2012").is_checked()
    assert_accessible(page)

    # The address is shareable: opened again, it gives the same page.
    page.goto(narrowed)
    assert page.get_by_role("heading", level=2, name="2 events").is_visible()
    assert references_shown(page) == ["SV-2012-0002", "SV-2012-0001"]
    assert page.get_by_label("Search events").input_value() == "asylum"
    assert page.get_by_role("group", name="Type").get_by_label("Study visit").is_checked()

    # The result downloads as XLSX, the same two events in the same order.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename == "implemented-events.xlsx"
    assert download.url == (
        f"{base}/public/events/export.xlsx?q=asylum&sort=relevance&year=2012&type=study_visit"
    )
    sheet = load_workbook(io.BytesIO(download_bytes(download))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(HEADER)
    assert [row[0] for row in rows[1:]] == references_shown(page)
    assert rows[1] == [
        "SV-2012-0002",
        "Study visit",
        None,  # no kind of expert mission
        "On site",
        exchange.title,
        "Practice of a Member State on the asylum procedure, the terms of admission and the "
        "notification of abuse of the asylum system.",
        None,
        datetime(2012, 8, 27),
        datetime(2012, 8, 31),
        "Bucharest",
        "AZ",
        "Azerbaijan",
        None,
        "Neighbourhood East",
        "24. Justice, freedom and security",
        "State Migration Service of the Republic of Azerbaijan",
        3,
        None,  # keywords, original title, summary and language: none recorded for this event
        None,
        None,
        None,
        None,  # no interpretation
    ]
    assert rows[2][:5] == [
        "SV-2012-0001",
        "Study visit",
        None,
        "On site",
        "Acquaintance with asylum procedures in Romania",
    ]
    assert len(rows) == 3

    # The first result's page shows its public facts, and nobody's name or address.
    page.get_by_role("link", name=exchange.title).click()
    page.wait_for_url(f"{base}/public/events/SV-2012-0002/")
    assert page.get_by_role("heading", level=1).inner_text() == exchange.title
    facts = page.locator("dl.facts")
    assert facts.locator("dt").all_inner_texts() == [
        "Reference", "Type", "Modality", "Dates", "Place", "Beneficiary", "Window", "Chapters",
        "Beneficiary institutions", "Participants",
    ]  # fmt: skip
    assert facts.locator("dd").all_inner_texts() == [
        "SV-2012-0002",
        "Study visit",
        "On site",
        "27 Aug 2012 to 31 Aug 2012",
        "Bucharest",
        "Azerbaijan",
        "Neighbourhood East",
        "24. Justice, freedom and security",
        "State Migration Service of the Republic of Azerbaijan",
        "3",
    ]
    body = page.locator("body").inner_text()
    for private in ("Leyla", "Mammadova", "migration.gov.az", "Carla", "Rita Recorder", "@"):
        assert private not in body
    assert_accessible(page)

    # Back to the results; dropping the type filter shows the expert mission of 2012, whose
    # page names the expert's Member State and role, not the expert.
    page.go_back()
    page.get_by_role("link", name="Remove the filter Type: Study visit").click()
    page.wait_for_url(f"{base}/public/events/?q=asylum&sort=relevance&year=2012")
    assert references_shown(page) == ["SV-2012-0002", "EM-2012-0001", "SV-2012-0001"]
    page.get_by_role("link", name=tools.title).click()
    page.wait_for_url(f"{base}/public/events/EM-2012-0001/")
    assert page.locator("ul.public-experts li").all_inner_texts() == ["Romania: expert"]
    body = page.locator("body").inner_text()
    for private in ("Radu", "Ionescu", "igi.example"):
        assert private not in body
    assert_accessible(page)

    # The open-data page explains the downloads.
    page.goto(f"{base}/public/events/")
    page.get_by_role("link", name="open data").click()
    page.wait_for_url(f"{base}/public/data/")
    assert page.get_by_role("link", name="catalog.jsonld").get_attribute("href") == (
        "/public/data/catalog.jsonld"
    )
    assert_accessible(page)

    # The statistics: a chart drawn in SVG beside its table, with the figures of this catalogue.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics").click()
    page.wait_for_url(f"{base}/public/statistics/")
    assert page.locator("main figure.chart-figure > svg[role=img]").count() == 9
    section = page.locator("section.statistic", has=page.locator("h2#events-per-year"))
    assert section.locator("svg[role=img]").count() == 1
    assert table_rows(page, "Events per year by type") == [
        ["2012", "0", "1", "3", "4"],
        ["2013", "0", "0", "0", "0"],
        ["2014", "0", "0", "0", "0"],
        ["2015", "0", "0", "2", "2"],
        ["2016", "0", "0", "1", "1"],
        ["2017", "1", "0", "0", "1"],
        ["2018", "1", "0", "0", "1"],
        ["2019", "1", "1", "0", "2"],
        ["2020", "1", "0", "0", "1"],
        ["2021", "1", "1", "0", "2"],
        ["2022", "2", "0", "0", "2"],
        ["2023", "1", "0", "1", "2"],
        ["2024", "0", "1", "0", "1"],
        ["Total", "8", "4", "7", "19"],
    ]
    assert table_rows(page, "Events by type") == [
        ["Workshop", "8", "315"],
        ["Expert mission", "4", "57"],
        ["Study visit", "7", "23"],
        ["Total", "19", "395"],
    ]
    assert table_rows(page, "Experts by Member State") == [
        ["Romania", "1", "1"],
        ["Total", "1", "1"],
    ]
    assert_accessible(page)
    # Narrowed to 2012, the key figures are those of the seeds' first year.
    page.get_by_label("From year").fill("2012")
    page.get_by_label("To year").fill("2012")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"{base}/public/statistics/?year_from=2012&year_to=2012&window=")
    assert page.locator("dl.facts dd").all_inner_texts() == ["4", "24", "1", "1", "1"]
    assert table_rows(page, "Events by type") == [
        ["Workshop", "0", "0"],
        ["Expert mission", "1", "15"],
        ["Study visit", "3", "9"],
        ["Total", "4", "24"],
    ]

    # The annual report of 2012, then its PDF.
    page.get_by_role("link", name="annual activity report").click()
    page.wait_for_url(f"{base}/public/statistics/annual-report/")
    assert_accessible(page)
    page.get_by_role("spinbutton", name="Year").fill("2012")
    page.get_by_role("button", name="Show the report").click()
    page.wait_for_url(f"{base}/public/statistics/annual-report/?year=2012")
    assert page.get_by_role("heading", level=1).inner_text() == "Annual activity report 2012"
    assert table_rows(page, "Key figures of 2012") == [
        ["Events", "4", "0"],
        ["Participants", "24", "0"],
        ["Expert participations", "1", "0"],
        ["Experts", "1", "0"],
        ["Beneficiaries with events", "1", "0"],
    ]
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the 2012 report as PDF").click()
    download = download_info.value
    assert download.suggested_filename == "annual-report-2012.pdf"
    pdf = PdfReader(io.BytesIO(download_bytes(download)))
    text = "\n".join(pdf_page.extract_text() for pdf_page in pdf.pages)
    lines = text.splitlines()
    assert lines[0] == "Annual activity report 2012"
    key_figures = lines.index("Figure 2012 2011")
    assert lines[key_figures + 1 : key_figures + 6] == [
        "Events 4 0",
        "Participants 24 0",
        "Expert participations 1 0",
        "Experts 1 0",
        "Beneficiaries with events 1 0",
    ]
    assert "Total 0 1 3 4 24" in lines  # events per month of 2012: the total row


def download_bytes(download):
    with open(download.path(), "rb") as file:
        return file.read()


def test_the_search_works_without_javascript(live_server, chromium):
    catalogue()
    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/public/events/")
        page.get_by_label("Search events").fill("asylum")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url(f"{live_server.url}/public/events/?q=asylum&sort=relevance")
        assert references_shown(page) == ASYLUM_RANKING
        page.get_by_role("group", name="Beneficiary").get_by_label("Azerbaijan").check()
        page.get_by_label("Sort by").select_option("date")
        page.get_by_role("button", name="Apply the filters").click()
        page.wait_for_url(f"{live_server.url}/public/events/?q=asylum&sort=date&country=AZ")
        assert references_shown(page) == ["SV-2012-0001", "EM-2012-0001", "SV-2012-0002"]
        assert page.get_by_role("heading", level=2, name="3 events").is_visible()
    finally:
        context.close()
