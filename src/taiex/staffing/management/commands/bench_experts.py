"""Measure the expert ranking and the staffing of many events on the current database and print
the figures: `manage.py bench_experts --runs 50 --events 1000`. The ranking is timed on an idle
process and again while a second process (`bench_search_load`) keeps the public search busy. The
benchmark's events are created in a transaction that is rolled back at the end; run
`generate_experts` or `generate_history` first."""

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from taiex.accounts.models import User
from taiex.applications.models import Application
from taiex.events.models import Event
from taiex.experts.management.commands.generate_experts import TOPICS
from taiex.experts.models import Expert
from taiex.reference.models import Chapter, Country, Language, Window
from taiex.staffing.ranking.index import reset_term_index, term_index
from taiex.staffing.ranking.scoring import experts_ranked_for
from taiex.staffing.ranking.staffing import propose_staffing

BENEFICIARIES = ["RS", "AL", "MK", "ME", "BA", "TR", "UA", "MD", "GE"]


def percentiles(timings) -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms"


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): on a shared machine, wall-clock figures
    grow with it while CPU figures barely move."""
    return "load average {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())


class SearchLoad:
    """A second process loading the public search (`bench_search_load`): started before the
    benchmark's transaction (on SQLite a new connection would wait for its lock), paused while
    the idle figures are taken, resumed for the figures under load, then stopped."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "bench_search_load", "--seconds", "1800"],
            stdout=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        self.process.stdout.readline()  # "ready": connected, first search done
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)
        time.sleep(2)

    def stop(self) -> str:
        os.kill(self.process.pid, signal.SIGCONT)
        self.process.terminate()
        output, _ = self.process.communicate(timeout=30)
        return output.strip()


class Command(BaseCommand):
    help = "Time experts_ranked_for (percentiles) and propose_staffing on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--events", type=int, default=1000)
        parser.add_argument("--no-load", action="store_true", help="Skip the run under load.")
        parser.add_argument("--per-quarter", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, runs, events, per_quarter, seed, no_load, **options):
        rng = random.Random(seed)
        verified = Expert.objects.filter(verification_state="verified", is_active=True).count()
        self.stdout.write(
            f"Database: {connection.vendor}; experts: {Expert.objects.count()}, "
            f"verified and active: {verified}"
        )
        load = None if no_load else SearchLoad()
        try:
            self.bench(rng, runs, events, per_quarter, load)
        finally:
            if load:
                self.stdout.write(f"Load process: {load.stop()}")

    def bench(self, rng, runs, events, per_quarter, load):
        with transaction.atomic():
            planned = self.make_events(rng, max(events, 10))
            self.bench_index()
            self.bench_ranking(planned[:10], runs, "idle")
            if load:
                load.resume()
                self.bench_ranking(planned[:10], runs, "public search under load")
                os.kill(load.process.pid, signal.SIGSTOP)
            if events:
                self.bench_staffing(planned[:events], per_quarter)
            transaction.set_rollback(True)

    def bench_index(self):
        reset_term_index()
        started, cpu_started = time.perf_counter(), time.process_time()
        term_index()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        self.stdout.write(
            f"Term index and EuroVoc fields of {len(term_index().terms_by_expert)} profiles: "
            f"built in {elapsed:.1f} s wall, {cpu:.1f} s CPU ({load_average()}), once per "
            "process at start-up "
            "(warm_term_index in wsgi/asgi), then kept current from updated_at"
        )

    def bench_ranking(self, sample, runs, condition):
        experts_ranked_for(sample[0])
        timings, cpu_timings = [], []
        for run in range(runs):
            event = sample[run % len(sample)]
            # The log keeps 9,000 queries; creating the events filled it, and a full log would
            # count 0 queries.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                ranked = experts_ranked_for(event)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_timings.append((time.process_time() - cpu_started) * 1000)
        self.stdout.write(
            f"Ranking one event, {condition} ({runs} runs over {len(sample)} events): "
            f"wall {percentiles(timings)}; CPU {percentiles(cpu_timings)}; {len(queries)} "
            f"queries per ranking; {len(ranked)} experts returned; {load_average()}"
        )

    def bench_staffing(self, planned, per_quarter):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = propose_staffing(planned, per_quarter=per_quarter)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        places = sum(event.experts_needed for event in planned)
        filled = sum(len(rows) for rows in result.assignments.values())
        self.stdout.write(
            f"Staffing {len(planned)} events ({places} places, at most {per_quarter} events per "
            f"expert and quarter): wall {elapsed:.1f} s, CPU {cpu:.2f} s (target: under 5 s); "
            f"{filled} places filled, total score {result.total_score}; {len(result.problems)} "
            f"events short; {load_average()}"
        )
        for problem in result.problems[:5]:
            self.stdout.write(f"  {problem}")

    def make_events(self, rng, count):
        """`count` planned events over one quarter, with requests in varied fields."""
        user = User.objects.create(email="bench@example.org", full_name="Bench", password="!")
        countries = {c.code: c for c in Country.objects.filter(code__in=[*BENEFICIARIES, "PL"])}
        enlargement = Window.objects.get(code="enlargement")
        peer_to_peer = Window.objects.get(code="regio-peer-2-peer")
        chapters = {chapter.number: chapter for chapter in Chapter.objects.all()}
        languages = {language.code: language for language in Language.objects.all()}
        first = timezone.localdate() + timedelta(days=60)
        spread = 85 if count <= 300 else 364  # a quarter, or a full year of events
        planned = []
        for n in range(count):
            number = rng.choice(sorted(TOPICS))
            topics = rng.sample(TOPICS[number], k=min(2, len(TOPICS[number])))
            is_peer = rng.random() < 0.1
            beneficiary = countries["PL" if is_peer else rng.choice(BENEFICIARIES)]
            window = peer_to_peer if is_peer else enlargement
            start = first + timedelta(days=rng.randint(0, spread))
            application = Application.objects.create(
                created_by=user,
                title=f"Workshop on {topics[0]}",
                objectives=f"Share Member State practice on {' and '.join(topics)}.",
                expertise_wished=topics[-1],
                country=beneficiary,
                window=window,
            )
            application.chapters.set([chapters[number]])
            spoken = rng.choices([["en"], ["en", "fr"], ["fr"], ["de"], ["ar"]], [80, 8, 5, 5, 2])
            application.working_languages.set([languages[code] for code in spoken[0]])
            if rng.random() < 0.2:
                application.member_state_preference.set(
                    Country.objects.filter(code__in=rng.sample(["DE", "FR", "SI", "HR", "NL"], 2))
                )
            event = Event.objects.create(
                reference=f"BENCH-{n:04d}",
                application=application,
                event_type="workshop",
                state="planned",
                title=application.title,
                summary=application.objectives,
                start_date=start,
                end_date=start + timedelta(days=rng.randint(0, 2)),
                beneficiary=beneficiary,
                window=window,
                experts_needed=rng.choice([1, 2, 2, 3]),
            )
            event.chapters.set([chapters[number]])
            planned.append(event)
        return planned
