"""The benchmark's harness (not its timings): its searches are valid searches of the page and
the API, percentiles are computed as documented, and locust's statistics are read right."""

from urllib.parse import urlencode

import pytest

from taiex.events.queries.search import SearchFilters
from taiex.portal.bench.load import LoadResult, describe_cpu, parse_stats, pause_cap
from taiex.portal.bench.measure import Timing, measured, search_filters, statistics_page
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


def test_a_measured_timing_has_the_cpu_time_of_each_run_and_the_load_average():
    calls = []

    timing = measured("sum", lambda i: calls.append(sum(range(20_000))), 5, warmup=1)

    assert (timing.label, timing.count, len(timing.cpu), len(calls)) == ("sum", 5, 5, 6)
    assert all(cpu >= 0 for cpu in timing.cpu)
    assert timing.cpu_p50 <= timing.cpu_p95
    assert timing.load >= 0


def test_cpu_percentiles_are_computed_like_the_wall_clock_ones():
    timing = Timing("search", [1.0], cpu=[float(n) for n in range(1, 101)])

    assert (timing.cpu_p50, timing.cpu_p95) == (50.5, 95.05)
    assert Timing("none", []).cpu_p50 is None


def test_the_servers_cpu_per_request_and_the_load_are_described():
    result = LoadResult(
        users=20, seconds=20, requests=1000, failures=0, requests_per_second=50.0,
        p50=40.0, p95=90.0, rows=[], server_cpu=25.0, load_before=1.5, load_after=2.25,
    )  # fmt: skip

    assert result.cpu_per_request == 25.0
    assert describe_cpu(result) == (
        "server CPU (the workers' process time): 25.0 s, 25.0 ms per request; "
        "load average 1.5 -> 2.2"
    )
    result.server_cpu = None
    assert describe_cpu(result) == "server CPU not measured; load average 1.5 -> 2.2"


def test_the_users_pauses_cap_the_requests_per_second():
    assert pause_cap(20) == 160.0


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


def test_the_statistics_page_is_measured_after_a_change_that_is_then_undone(client, db):
    from taiex.events.models import Event
    from taiex.portal.bench.measure import statistics_after_change

    EventFactory(state="closed", participants_count=12)
    EventFactory(state="closed", participants_count=30)
    before = sorted(Event.objects.values_list("participants_count", "updated_at"))

    timings = statistics_after_change(30, client)

    assert [(timing.label, timing.count, timing.note) for timing in timings] == [
        ("/public/statistics/ after a change", 3, "an event's participants")
    ]
    assert len(timings[0].cpu) == 3
    assert sorted(Event.objects.values_list("participants_count", "updated_at")) == before
    page = client.get("/public/statistics/")
    assert sum(row.participants for row in page.context["statistics"].by_type) == 42


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
