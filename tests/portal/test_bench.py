"""The benchmark's harness (not its timings): its searches are valid searches of the page and
the API, percentiles are computed as documented, and locust's statistics are read right."""

from urllib.parse import urlencode

import pytest

from taiex.events.queries.search import SearchFilters
from taiex.portal.bench.load import parse_stats
from taiex.portal.bench.measure import Timing, search_filters, statistics_page
from taiex.portal.bench.scenarios import SCENARIOS, query_pairs
from tests.factories import EventFactory

EVERY_SCENARIO = [
    pytest.param(params, id=f"{kind}-{number}")
    for kind, scenarios in SCENARIOS.items()
    for number, params in enumerate(scenarios)
]


@pytest.mark.parametrize("params", EVERY_SCENARIO)
def test_benchmark_searches_are_valid_on_the_page_and_the_api(client, db, params):
    EventFactory()
    query = urlencode(query_pairs(params))

    page = client.get(f"/public/events/?{query}")
    api = client.get(f"/api/v1/events/?{query}")

    assert (page.status_code, api.status_code) == (200, 200)
    assert page.context["form"].errors == {}


def test_search_filters_of_a_combined_scenario():
    params = {"q": "border", "year": ["2019", "2020"], "modality": "on_site", "chapter": "24"}

    assert search_filters(params) == SearchFilters(
        q="border", year=(2019, 2020), modality=("on_site",), chapter=(24,)
    )


def test_query_pairs_repeat_a_listed_parameter():
    assert query_pairs({"country": ["TR", "AL"], "year": "2005"}) == [
        ("country", "TR"),
        ("country", "AL"),
        ("year", "2005"),
    ]


def test_timing_percentiles():
    timing = Timing("search", [float(n) for n in range(100, 0, -1)])

    assert (timing.count, timing.p50, timing.p95) == (100, 50.5, 95.05)
    assert Timing("one run", [12.0]).p95 == 12.0
    assert Timing("none", []).p50 is None


def test_parse_stats_reads_each_kind_and_the_aggregate(tmp_path):
    stats = tmp_path / "load_stats.csv"
    header = (
        "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
        "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
        "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
    )
    stats.write_text(
        f"{header}\n"
        "GET,/public/events/ keyword,400,0,38,45.1,12,300,21000,20.0,0.0,"
        "38,44,50,55,70,90,120,150,300,300,300\n"
        ",Aggregated,600,2,40,47.9,12,310,20000,30.5,0.1,"
        "40,46,52,57,72,95,125,160,310,310,310\n",
        encoding="utf-8",
    )

    result = parse_stats(stats, users=20, seconds=20)

    assert (result.requests, result.failures, result.requests_per_second) == (600, 2, 30.5)
    assert (result.p50, result.p95) == (40.0, 95.0)
    assert result.rows == [("/public/events/ keyword", 400, 0, 38.0, 90.0, 20.0)]


def test_statistics_pages_are_measured_cold_and_warm(client, db):
    timings = statistics_page(10, client)

    assert all(len(timing.samples) >= 1 for timing in timings)

    assert [timing.label for timing in timings] == [
        "/public/statistics/ cold cache",
        "/public/statistics/ warm cache",
        "/public/statistics/evaluations/ cold cache",
        "/public/statistics/evaluations/ warm cache",
    ]


def test_request_figures_are_measured_signed_in_as_a_case_handler(client, case_handler):
    from taiex.portal.bench.measure import request_figures

    timings = request_figures(10, client)

    assert [timing.label for timing in timings] == [
        "by year cold cache",
        "by year warm cache",
        "by country, 2015-2024 cold cache",
        "by country, 2015-2024 warm cache",
        "by team, workshops cold cache",
        "by team, workshops warm cache",
        "XLSX by country, cold cache",
    ]
    assert all(len(timing.samples) >= 3 for timing in timings)
