"""Measure the expert ranking and the staffing of many events on the current database and print
the figures: `manage.py bench_experts --runs 50 --events 300`. The benchmark's events are
created in a transaction that is rolled back at the end; run `generate_experts` first."""

import random
import statistics
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
from taiex.staffing.ranking.scoring import experts_ranked_for
from taiex.staffing.ranking.staffing import propose_staffing

BENEFICIARIES = ["RS", "AL", "MK", "ME", "BA", "TR", "UA", "MD", "GE"]


class Command(BaseCommand):
    help = "Time experts_ranked_for (percentiles) and propose_staffing on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--events", type=int, default=300)
        parser.add_argument("--per-quarter", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, runs, events, per_quarter, seed, **options):
        rng = random.Random(seed)
        verified = Expert.objects.filter(verification_state="verified", is_active=True).count()
        self.stdout.write(
            f"Database: {connection.vendor}; experts: {Expert.objects.count()}, "
            f"verified and active: {verified}"
        )
        with transaction.atomic():
            planned = self.make_events(rng, max(events, 10))
            self.bench_ranking(planned[:10], runs)
            if events:
                self.bench_staffing(planned[:events], per_quarter)
            transaction.set_rollback(True)

    def bench_ranking(self, sample, runs):
        started = time.perf_counter()
        experts_ranked_for(sample[0])
        cold = (time.perf_counter() - started) * 1000
        timings = []
        for run in range(runs):
            event = sample[run % len(sample)]
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                ranked = experts_ranked_for(event)
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"Ranking one event ({runs} runs over {len(sample)} events): "
            f"first call (builds the term index) {cold:.0f} ms; then median "
            f"{statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms; "
            f"{len(queries)} queries per ranking; {len(ranked)} experts returned"
        )

    def bench_staffing(self, planned, per_quarter):
        started = time.perf_counter()
        result = propose_staffing(planned, per_quarter=per_quarter)
        elapsed = time.perf_counter() - started
        places = sum(event.experts_needed for event in planned)
        filled = sum(len(rows) for rows in result.assignments.values())
        self.stdout.write(
            f"Staffing {len(planned)} events ({places} places, at most {per_quarter} events per "
            f"expert and quarter): {elapsed:.1f} s; {filled} places filled, total score "
            f"{result.total_score}; {len(result.problems)} events short"
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
        planned = []
        for n in range(count):
            number = rng.choice(sorted(TOPICS))
            topics = rng.sample(TOPICS[number], k=min(2, len(TOPICS[number])))
            is_peer = rng.random() < 0.1
            beneficiary = countries["PL" if is_peer else rng.choice(BENEFICIARIES)]
            window = peer_to_peer if is_peer else enlargement
            start = first + timedelta(days=rng.randint(0, 85))
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
