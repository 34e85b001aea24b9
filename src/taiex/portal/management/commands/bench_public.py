"""manage.py bench_public: the benchmark of the public face on the configured database (SQLite
or PostgreSQL), generated first when it is empty. `make bench` runs it on both."""

import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from taiex.applications.models import Application
from taiex.events.enums import PUBLIC_STATES
from taiex.events.models import Booking, Event, FeeStatement, Participant
from taiex.portal.bench import load, measure


class Command(BaseCommand):
    help = (
        "Benchmark the public search (in process and through HTTP), the statistics page, the "
        "annual report, the staff's figures on requests, the money pages, the cost of the "
        "table-scroll middleware and the public search under load "
        "(gunicorn + locust) on this database. "
        "With --prepare, first create the PostgreSQL database if missing, migrate, and generate "
        "the history when the database holds no event."
    )
    # The database may not exist yet (--prepare creates it): no checks before handle().
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--prepare", action="store_true")
        parser.add_argument(
            "--scale", default="1", help="generate_history --scale when generating (default 1)."
        )
        parser.add_argument("--iterations", type=int, default=100, help="Runs per search kind.")
        parser.add_argument("--report-year", type=int, default=2019)
        parser.add_argument("--report-runs", type=int, default=3)
        parser.add_argument("--users", type=int, default=20, help="locust users (default 20).")
        parser.add_argument("--seconds", type=int, default=20, help="Load duration (default 20).")
        parser.add_argument("--skip-load", action="store_true", help="No gunicorn/locust run.")

    def handle(self, *args, prepare, scale, iterations, report_year, report_runs, users,
               seconds, skip_load, **options):  # fmt: skip
        write = self.stdout.write
        # WeasyPrint and fontTools log every step of a PDF at INFO: keep the table readable.
        for name in ("weasyprint", "fontTools"):
            logging.getLogger(name).setLevel(logging.WARNING)
        if prepare:
            self.prepare(scale)
        if not Event.objects.filter(state__in=PUBLIC_STATES).exists():
            raise CommandError("No public event in this database: run with --prepare.")
        write("")
        write(self.style.MIGRATE_HEADING(f"taiex benchmark on {describe_database()}"))
        write(
            f"data: {Event.objects.filter(state__in=PUBLIC_STATES).count():,} public events "
            f"of {Event.objects.count():,}, {Participant.objects.count():,} participations"
        )
        # Timings without the debug cursor (which records every query in DEBUG mode).
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
            sections = [
                ("search in process (taiex.events.queries.search)", search_or_note(
                    lambda: measure.in_process_search(iterations))),
                ("search through HTTP (test client, same process)", search_or_note(
                    lambda: measure.http_search(max(10, iterations // 2)))),
                ("statistics page",
                 measure.statistics_page(max(10, iterations // 5))
                 + measure.statistics_after_change(iterations)),
                ("annual report (cache emptied before each run)",
                 measure.annual_report(report_year, report_runs)),
                (f"figures on requests, staff ({Application.objects.count():,} requests)",
                 measure.request_figures(max(10, iterations // 5))),
                (f"cost of events, staff ({FeeStatement.objects.count():,} fee statements, "
                 f"{Booking.objects.count():,} bookings)",
                 measure.cost_pages(report_year, max(10, iterations // 5))),
                ("payments, finance", measure.payment_pages(max(10, iterations // 5))),
                ("annual report with its cost section, cache emptied",
                 measure.staff_annual_report(report_year, report_runs)),
                ("table-scroll middleware (core/table_scroll.py), per response",
                 measure.table_scroll_cost(report_year, max(10, iterations // 5))),
            ]  # fmt: skip
        for title, timings in sections:
            print_timings(write, title, timings)
        if not skip_load:
            write("")
            write(self.style.MIGRATE_HEADING("load on the public search"))
            searched = load.run_load(users=users, seconds=seconds, write=write)
            print_load(write, searched)
            write(self.style.MIGRATE_HEADING("load on a Django hello-world (the yardstick)"))
            hello = load.run_load(users=users, seconds=seconds, write=write, app=load.HELLO_APP)
            print_load(write, hello)
            ratio = searched.requests_per_second / hello.requests_per_second
            write(
                f"  public search / hello-world: {searched.requests_per_second:.1f} / "
                f"{hello.requests_per_second:.1f} req/s = {ratio:.2f} (target: at least 0.5); "
                f"the users' pauses alone cap either at about "
                f"{load.pause_cap(users):.0f} req/s"
            )

    def prepare(self, scale):
        if connection.vendor == "postgresql":
            create_postgresql_database(self.stdout.write)
        call_command("migrate", verbosity=0, interactive=False)
        if not Event.objects.exists():
            self.stdout.write("No events: generating the history first (a few minutes).")
            call_command("generate_history", "--scale", scale, stdout=self.stdout)


def create_postgresql_database(write):
    """CREATE DATABASE for the configured name when it does not exist (on the server's
    maintenance database, with the same credentials)."""
    import psycopg
    from psycopg import sql

    settings = connection.settings_dict
    parameters = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**{k: v for k, v in parameters.items() if v}, autocommit=True) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))
            write(f"Created the database {settings['NAME']}.")


def describe_database():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        return f"PostgreSQL {version} (database {connection.settings_dict['NAME']})"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version} ({connection.settings_dict['NAME']})"


def search_or_note(run):
    """The timings, or a note when the search module is not there (yet)."""
    try:
        return run()
    except ImportError as error:
        return [measure.Timing("search not measured", [], note=f"the search module: {error}")]


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def print_timings(write, title, timings):
    """One line per timing: wall p50/p95, CPU p50/p95 of this process, the load average."""
    write("")
    write(
        f"{title:<58} {'runs':>6} {'p50 ms':>9} {'p95 ms':>9} {'cpu p50':>9} {'cpu p95':>9} "
        f"{'load':>5}"
    )
    for timing in timings:
        line = (
            f"  {timing.label:<56} {timing.count:>6} {ms(timing.p50):>9} {ms(timing.p95):>9} "
            f"{ms(timing.cpu_p50):>9} {ms(timing.cpu_p95):>9} {ms(timing.load):>5}"
        )
        write(line + (f"  {timing.note}" if timing.note else ""))


def print_load(write, result):
    write(f"{'requests':<58} {'count':>6} {'p50 ms':>9} {'p95 ms':>9} {'req/s':>8} failures")
    for name, count, failures, p50, p95, rate in result.rows:
        write(f"  {name:<56} {count:>6} {p50:>9.0f} {p95:>9.0f} {rate:>8.1f} {failures}")
    write(
        f"  {'all (' + str(result.users) + ' users, ' + str(result.seconds) + ' s)':<56} "
        f"{result.requests:>6} {result.p50:>9.0f} {result.p95:>9.0f} "
        f"{result.requests_per_second:>8.1f} {result.failures}"
    )
    write(f"  {load.describe_cpu(result)}")
