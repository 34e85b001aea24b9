"""Timings taken in the benchmark's own process: the search query functions called directly,
the same searches through the HTTP views (Django's test client: routing, forms, templates and
JSON, no network), the statistics page with a cold and a warm cache, and the annual report."""

import os
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import caches
from django.test import Client

from .scenarios import SCENARIOS, query_pairs

PAGE_SIZE = 25


@dataclass
class Timing:
    """Milliseconds of `count` runs of one thing: wall-clock `samples`, and `cpu`, the CPU
    time of this process for each run (on SQLite it includes the database's work, on
    PostgreSQL not the server's), which other processes on a busy machine disturb much less;
    `load`: the load average (1 minute) when the runs ended."""

    label: str
    samples: list
    note: str = ""
    cpu: list = field(default_factory=list)
    load: float | None = None

    @property
    def count(self):
        return len(self.samples)

    def percentile(self, share):
        ordered = sorted(self.samples)
        if not ordered:
            return None
        if len(ordered) == 1:
            return ordered[0]
        return statistics.quantiles(ordered, n=100, method="inclusive")[share - 1]

    @property
    def p50(self):
        return self.percentile(50)

    @property
    def p95(self):
        return self.percentile(95)

    @property
    def cpu_p50(self):
        return percentile_of(self.cpu, 50)

    @property
    def cpu_p95(self):
        return percentile_of(self.cpu, 95)


def percentile_of(samples, share):
    return Timing("", samples).percentile(share)


def load_average():
    """The load average of the last minute (None where the system does not tell)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def run_times(call, iterations, *, warmup=2):
    """([wall ms], [CPU ms of this process]) of `iterations` calls of `call(i)` after `warmup`
    untimed calls."""
    for i in range(warmup):
        call(i)
    wall, cpu = [], []
    for i in range(iterations):
        started, started_cpu = time.perf_counter(), time.process_time()
        call(i)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def timed(call, iterations, *, warmup=2):
    """The wall-clock milliseconds of `iterations` calls of `call(i)` after `warmup` untimed
    calls."""
    return run_times(call, iterations, warmup=warmup)[0]


def measured(label, call, iterations, *, warmup=2, note=""):
    """A Timing of `iterations` calls of `call(i)`: wall and CPU time, and the load average."""
    wall, cpu = run_times(call, iterations, warmup=warmup)
    return Timing(label, wall, note, cpu=cpu, load=load_average())


def search_filters(params):
    """The SearchFilters of a scenario (the in-process entry point of the public search)."""
    from taiex.events.queries.search import SearchFilters

    def values(name, kind=str):
        value = params.get(name, [])
        return tuple(kind(v) for v in (value if isinstance(value, list) else [value]))

    return SearchFilters(
        q=params.get("q", ""),
        country=values("country"),
        window=values("window"),
        type=values("type"),
        modality=values("modality"),
        chapter=values("chapter", int),
        cluster=values("cluster", int),
        year=values("year", int),
        sort=params.get("sort", "relevance"),
    )


def in_process_search(iterations):
    """Per scenario kind: the results' first page with its count (what a result list needs),
    then the same with the facet counts (what the search page needs)."""
    from taiex.events.queries.search import facet_counts, search_events

    timings = []
    for kind, scenarios in SCENARIOS.items():
        filters = [search_filters(params) for params in scenarios]

        def results(i, filters=filters):
            found = search_events(filters[i % len(filters)])
            found.count()
            list(found[0:PAGE_SIZE])
            return found

        def page(i, filters=filters):
            # As the search page does: the facets reuse the results' full-text match.
            facet_counts(filters[i % len(filters)], results(i))

        timings.append(measured(f"{kind}: results", results, iterations))
        timings.append(measured(f"{kind}: results + facets", page, iterations))
    return timings


def http_search(iterations, client=None):
    """The public search page and the API endpoint, through the test client."""
    client = client or Client()
    timings = []
    for path in ("/public/events/", "/api/v1/events/"):
        for kind, scenarios in SCENARIOS.items():
            urls = [f"{path}?{urlencode(query_pairs(params))}" for params in scenarios]
            failures = []

            def get(i, urls=urls, failures=failures):
                response = client.get(urls[i % len(urls)])
                if response.status_code != 200:
                    failures.append(f"{urls[i % len(urls)]}: {response.status_code}")

            timing = measured(f"{path} {kind}", get, iterations)
            if failures:
                timing.note = f"{len(failures)} failed, e.g. {failures[0]}"
            timings.append(timing)
    return timings


STATISTICS_PAGES = ("/public/statistics/", "/public/statistics/evaluations/")


def statistics_page(iterations, client=None):
    """The statistics page and the evaluations' statistics page, each right after the cache is
    emptied (cold) and when cached (warm)."""
    client = client or Client()
    timings = []
    for url in STATISTICS_PAGES:

        def cold(_i, url=url):
            caches["shared"].clear()
            check(client.get(url), url)

        def warm(_i, url=url):
            check(client.get(url), url)

        timings += [
            measured(f"{url} cold cache", cold, max(3, iterations // 10), warmup=1),
            measured(f"{url} warm cache", warm, iterations, warmup=1),
        ]
    return timings


def statistics_after_change(iterations, client=None):
    """The statistics page on the first request after a change: in each run, one closed
    event's participants change (saved, as a case handler's form saves it), then the page is
    timed, then the change is rolled back and the facts kept in the process are read again, as
    a server reads them at start-up (`warm_statistics_facts`), so that each run starts from the
    stored data."""
    from django.db import transaction

    from taiex.events.models import Event
    from taiex.events.queries.statistics import version_parts
    from taiex.events.queries.statistics_facts import current_facts, forget

    client = client or Client()
    url = STATISTICS_PAGES[0]
    runs = max(3, iterations // 10)
    events = list(
        Event.objects.filter(state="closed", participants_count__gt=0)
        .order_by("-pk")
        .values_list("pk", flat=True)[: runs + 1]
    )
    forget()
    current_facts(version_parts())
    wall, cpu = [], []
    for i in range(runs + 1):
        with transaction.atomic():
            event = Event.objects.get(pk=events[i % len(events)])
            event.participants_count += 1
            event.save()
            started, started_cpu = time.perf_counter(), time.process_time()
            check(client.get(url), url)
            if i:  # the first run warms up
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
        forget()
        current_facts(version_parts())
    return [
        Timing(f"{url} after a change", wall, "an event's participants", cpu=cpu,
               load=load_average())
    ]  # fmt: skip


def annual_report(year, runs, client=None):
    """The annual report of `year` as PDF and XLSX, each after emptying the cache."""
    client = client or Client()
    timings = []
    for extension in ("pdf", "xlsx"):
        url = f"/public/statistics/annual-report/{year}.{extension}"

        def get(_i, url=url):
            caches["shared"].clear()
            check(client.get(url), url)

        timings.append(measured(f"annual report {year} {extension.upper()}", get, runs, warmup=1))
    return timings


def check(response, url):
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}.")


FIGURE_PAGES = (
    ("by year", {}),
    ("by country, 2015-2024", {"by": "country", "year_from": 2015, "year_to": 2024}),
    ("by team, workshops", {"by": "team", "assistance_type": "workshop"}),
)


def request_figures(iterations, client=None):
    """The managers' figures on requests (`/staff/request-figures/`), signed in as a case
    handler: each grouping right after the cache is emptied (cold) and when cached (warm), and
    the XLSX download."""
    from django.contrib.auth import get_user_model

    from taiex.accounts.enums import Role
    from taiex.accounts.second_factor_middleware import BY_IDENTITY_PROVIDER, STATE_KEY

    client = client or Client()
    handler = get_user_model().objects.filter(memberships__role=Role.CASE_HANDLER).first()
    if handler is None:
        return [Timing("figures on requests not measured", [], note="no case handler")]
    client.force_login(handler)
    # The benchmark measures the page, not the sign-in: its session counts as having given the
    # second factor (as a session from a trusted identity provider does).
    session = client.session
    session[STATE_KEY] = BY_IDENTITY_PROVIDER
    session.save()
    timings = []
    for label, params in FIGURE_PAGES:
        url = f"/staff/request-figures/?{urlencode(params)}"

        def cold(_i, url=url):
            caches["shared"].clear()
            check(client.get(url), url)

        def warm(_i, url=url):
            check(client.get(url), url)

        timings += [
            measured(f"{label} cold cache", cold, max(3, iterations // 10), warmup=1),
            measured(f"{label} warm cache", warm, iterations, warmup=1),
        ]
    url = "/staff/request-figures.xlsx?by=country"

    def xlsx(_i):
        caches["shared"].clear()
        check(client.get(url), url)

    timings.append(measured("XLSX by country, cold cache", xlsx, 3, warmup=1))
    return timings


def signed_in_as(client, role):
    """`client` signed in as the first user holding `role` (its session counts as having given
    the second factor, as one from a trusted identity provider does); the user, or None."""
    from django.contrib.auth import get_user_model

    from taiex.accounts.second_factor_middleware import BY_IDENTITY_PROVIDER, STATE_KEY

    user = get_user_model().objects.filter(memberships__role=role).order_by("pk").first()
    if user is None:
        return None
    client.force_login(user)
    session = client.session
    session[STATE_KEY] = BY_IDENTITY_PROVIDER
    session.save()
    return user


def cost_pages(year, iterations, client=None):
    """The pages of the cost of events, signed in as the head of unit (who sees the money of
    every event), else finance, else a case handler (their team's events): the staff cost page
    of every year by year, of one year by event and by chapter, its CSV and XLSX exports, and
    the cost page of the year's costliest event whose money they see."""
    from taiex.accounts.enums import Role
    from taiex.events.models import FeeStatement
    from taiex.events.queries.fees import events_with_money_visible_to

    client = client or Client()
    # The generated history has a head of unit and a finance officer (older databases only
    # case handlers: then their team's events are their money).
    who, user = None, None
    for role in (Role.HEAD_OF_UNIT, Role.FINANCE, Role.CASE_HANDLER):
        user = signed_in_as(client, role)
        if user is not None:
            who = role
            break
    if who is None:
        return [Timing("cost pages not measured", [], note="nobody who sees money")]
    statement = (
        FeeStatement.objects.filter(
            event__start_date__year=year, event__in=events_with_money_visible_to(user)
        )
        .order_by("-total", "pk")
        .first()
    )
    if statement is None:
        return [Timing("cost pages not measured", [], note=f"no fee statement in {year}")]
    one_year = {"year_from": year, "year_to": year}
    pages = [
        ("staff cost page, every year by year", "/events/costs/", {"by": "year"}),
        (f"staff cost page, {year} by event", "/events/costs/", {"by": "event", **one_year}),
        (f"staff cost page, {year} by chapter", "/events/costs/", {"by": "chapter", **one_year}),
        ("export CSV, every year by month", "/events/costs/costs.csv", {"by": "month"}),
        (f"export XLSX, {year} by event", "/events/costs/costs.xlsx", one_year),
        (f"event cost page ({statement.event.reference})",
         f"/events/{statement.event_id}/cost/", {}),
    ]  # fmt: skip
    timings = []
    for label, path, params in pages:
        url = f"{path}?{urlencode(params)}" if params else path

        def get(_i, url=url):
            check(client.get(url), url)

        runs = max(3, iterations // 10) if "every year" in label or "XLSX" in label else iterations
        timings.append(measured(label, get, runs, warmup=1, note=f"as {who.label.lower()}"))
    return timings


def signed_in_first(client, roles):
    """`client` signed in as the first user of the first of `roles` that someone holds:
    (role, user), or (None, None)."""
    for role in roles:
        user = signed_in_as(client, role)
        if user is not None:
            return role, user
    return None, None


def payment_pages(iterations, client=None):
    """The payments of every event, signed in as finance (the role that pays), else the head of
    unit: the list of statements approved and not yet paid (the page, then with a period), and
    its XLSX payment list with the bank details."""
    from taiex.accounts.enums import Role
    from taiex.events.enums import UNPAID_STATEMENT_STATES
    from taiex.events.models import FeeStatement

    client = client or Client()
    who, _user = signed_in_first(client, (Role.FINANCE, Role.HEAD_OF_UNIT))
    if who is None:
        return [Timing("payments not measured", [], note="no finance officer or head of unit")]
    unpaid = FeeStatement.objects.filter(state__in=UNPAID_STATEMENT_STATES)
    latest = unpaid.order_by("-approved_at").values_list("approved_at", flat=True).first()
    if latest is None:
        return [Timing("payments not measured", [], note="no statement waiting for payment")]
    period = {"approved_from": f"{latest.year}-01-01", "approved_until": latest.date().isoformat()}
    count = unpaid.count()
    pages = [
        (f"payments list ({count:,} statements to pay)", "/events/payments/", {}),
        (f"payments list, approved in {latest.year}", "/events/payments/", period),
        ("payment list XLSX (with bank details)", "/events/payments/payment-list.xlsx", {}),
    ]
    timings = []
    for label, path, params in pages:
        url = f"{path}?{urlencode(params)}" if params else path

        def get(_i, url=url):
            check(client.get(url), url)

        timings.append(measured(label, get, iterations, warmup=1, note=f"as {who.label.lower()}"))
    return timings


def staff_annual_report(year, runs, client=None):
    """The annual report of `year` with its staff cost section (planned, actual and difference
    by kind, month, window, country, type and chapter), signed in as the head of unit: the page,
    the PDF and the XLSX, each after emptying the cache."""
    from taiex.accounts.enums import Role

    client = client or Client()
    who, _user = signed_in_first(client, (Role.HEAD_OF_UNIT, Role.ADMINISTRATOR))
    if who is None:
        return [Timing("staff annual report not measured", [], note="no head of unit")]
    pages = [
        (
            f"annual report {year} page, with costs",
            f"/public/statistics/annual-report/?year={year}",
        ),
        (f"annual report {year} PDF, with costs", f"/public/statistics/annual-report/{year}.pdf"),
        (f"annual report {year} XLSX, with costs", f"/public/statistics/annual-report/{year}.xlsx"),
    ]
    timings = []
    for label, url in pages:

        def get(_i, url=url):
            caches["shared"].clear()
            check(client.get(url), url)

        timings.append(measured(label, get, runs, warmup=1, note=f"as {who.label.lower()}"))
    return timings


TABLE_SCROLL = "taiex.core.table_scroll.TableScrollMiddleware"


def table_scroll_cost(year, iterations, client=None):
    """The cost of the table-scroll middleware (core/table_scroll.py) on real pages, signed in
    as the head of unit (else a case handler): a page without a table (the public search: the
    middleware only looks for "<table"), the staff event list, the staff cost page of `year` by
    event (a long table), the page and the participants page of the event of `year` with the
    most participants. For each: the page through the test client with the middleware (p50
    ms), the middleware alone on the same page's HTML (p50 µs per response: decoding, wrapping
    the tables, encoding) and its share of the page's time."""
    from django.db.models import Count
    from django.http import HttpResponse
    from django.test import RequestFactory, modify_settings

    from taiex.accounts.enums import Role
    from taiex.core.table_scroll import TableScrollMiddleware
    from taiex.events.models import Event

    client = client or Client()
    who, _user = signed_in_first(client, (Role.HEAD_OF_UNIT, Role.CASE_HANDLER))
    if who is None:
        return [Timing("table-scroll middleware not measured", [], note="no staff member")]
    event = (
        Event.objects.filter(start_date__year=year)
        .annotate(people=Count("participants"))
        .order_by("-people", "pk")
        .first()
    )
    if event is None:
        return [Timing("table-scroll middleware not measured", [], note=f"no event in {year}")]
    pages = [
        ("public search, no table", "/public/events/?q=asylum"),
        ("staff event list (25 rows)", "/events/"),
        (f"staff cost page, {year} by event", f"/events/costs/?by=event&year_from={year}"
         f"&year_to={year}"),
        (f"event page ({event.reference})", f"/events/{event.pk}/"),
        (f"participants page ({event.reference}, {event.people} people)",
         f"/events/{event.pk}/participants/"),
    ]  # fmt: skip
    timings = []
    for label, url in pages:

        def get(_i, url=url):
            check(client.get(url), url)

        page_ms = statistics.median(timed(get, iterations, warmup=1))
        with modify_settings(MIDDLEWARE={"remove": TABLE_SCROLL}):
            response = client.get(url)
        check(response, url)
        raw, content_type = response.content, response["Content-Type"]
        request = RequestFactory().get(url)
        middleware_ms = []
        for _i in range(max(20, iterations * 5)):
            fresh = HttpResponse(raw, content_type=content_type)
            middleware = TableScrollMiddleware(lambda _request, fresh=fresh: fresh)
            started = time.perf_counter()
            middleware(request)
            middleware_ms.append((time.perf_counter() - started) * 1000)
        median = statistics.median(middleware_ms)
        tables = raw.count(b"<table")
        timings.append(
            Timing(
                f"{label}: middleware alone",
                middleware_ms,
                note=f"{median * 1000:,.0f} µs per response, {median / page_ms:.2%} of the "
                f"page's {page_ms:,.1f} ms; {len(raw) // 1024} KiB, {tables} table(s); "
                f"as {who.label.lower()}",
            )
        )
    return timings
