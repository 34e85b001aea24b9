"""The run: plan in memory, then stream each table into the database in one transaction, set
the reference counters so that new events continue the numbering, and rebuild the search index.

Each part draws from its own random stream (seeded from the seed and the part's name), so the
same seed gives the same rows, and switching the optional attendance on changes nothing else.
"""

import random
from contextlib import nullcontext
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain

from django.db import connection, transaction

from taiex.accounts.models import User
from taiex.applications.enums import ApplicationState
from taiex.applications.models import Application
from taiex.core.models import Sequence
from taiex.events.models import Event, EventExpert, HostAgreement, Participant
from taiex.experts.models import Expert

from . import costs, delivery, evaluations, population, requests
from .bulk import (
    Table,
    Timer,
    next_ids,
    prepare_session,
    reset_id_sequences,
    user_triggers_paused,
)
from .events import (
    EVENT_COLUMNS,
    HOST_AGREEMENT_COLUMNS,
    EventPlanner,
    event_row,
    host_agreement_rows,
    size_participations,
)
from .population import Population, World, stamp

OtherBeneficiary = Event.other_beneficiaries.through


def holds_data():
    """What the database already holds that a generated history would mix with."""
    found = {
        "events": Event.objects.count(),
        "requests": Application.objects.count(),
        "experts": Expert.objects.count(),
    }
    return {name: count for name, count in found.items() if count}


class HistoryGenerator:
    def __init__(self, scale, *, seed, write=print):
        self.scale, self.seed, self.write = scale, seed, write
        self.counts = {}

    def rng(self, part):
        return random.Random(f"{self.seed}:{part}")

    def run(self):
        """Generate and load everything; returns the Timer (one line per table)."""
        scale = self.scale
        timer = Timer(self.write)
        with transaction.atomic():
            prepare_session()
            world, people = World(), Population()
            ids = next_ids(User, Expert, Application, Event, Participant)
            sequences = dict(Sequence.objects.values_list("key", "value"))
            opening = date(scale.first_year, 1, 1) - timedelta(days=1)
            tables = {**population.tables(), **requests.tables(), **delivery.tables(),
                      **evaluations.tables(), **costs.tables()}  # fmt: skip
            tables["events"] = Table(Event, EVENT_COLUMNS)
            tables["event chapters"] = Table(Event.chapters.through, ["event_id", "chapter_id"])
            tables["other beneficiaries"] = Table(OtherBeneficiary, ["event_id", "country_id"])
            tables["host agreements"] = Table(HostAgreement, HOST_AGREEMENT_COLUMNS)

            with timer.table("institutions") as step:
                step.rows = population.create_institutions(
                    world, people, created=datetime.combine(opening, time(9), tzinfo=UTC)
                )
            with timer.table("people (in memory)") as step:
                staff, staff_memberships = population.staff_and_applicants(
                    world, people, self.rng("people"), next_user=ids[User], joined=opening
                )
                verifier = next(iter(people.handlers.values()))[0]
                users, memberships, experts, languages, chapters = population.expert_rows(
                    world, people, self.rng("experts"), count=scale.experts,
                    next_user=ids[User] + len(staff), next_expert=ids[Expert], scale=scale,
                    verifier=verifier,
                )  # fmt: skip
                step.rows = len(staff) + len(users)
            self.load(timer, tables, "users", chain(staff, users), len(staff) + len(users))
            self.load(timer, tables, "memberships", chain(staff_memberships, memberships))
            self.load(timer, tables, "experts", experts)
            self.load(timer, tables, "expert languages", languages)
            self.load(timer, tables, "expert chapters", chapters)
            del users, memberships, experts, languages, chapters

            with timer.table("planning (in memory)") as step:
                events, event_counters = EventPlanner(
                    world, people, scale, self.rng("events")
                ).plan(sequences, taken=set(Event.objects.values_list("reference", flat=True)))
                size_participations(events, scale.participations, self.rng("sizes"))
                planned_requests, request_counters = requests.plan_requests(
                    events, scale.requests, self.rng("requests"), as_of=scale.as_of,
                    sequences=sequences,
                )  # fmt: skip
                created = {}
                for request in planned_requests:
                    if request.state == ApplicationState.APPROVED:
                        request.event.application_id = ids[Application] + request.id
                        created[request.event.id] = stamp(request.decided, 16)
                step.rows = len(events) + len(planned_requests)

            rows_rng = self.rng("request rows")
            self.load(timer, tables, "requests", (
                requests.application_row(r, ids[Application], world, people, rows_rng)
                for r in planned_requests
            ), len(planned_requests))  # fmt: skip
            self.load(timer, tables, "request chapters", (
                (ids[Application] + r.id, chapter)
                for r in planned_requests for chapter in r.event.chapter_ids
            ))  # fmt: skip
            # The search index is rebuilt once at the end rather than row by row.
            rebuild = search_index_rebuild()
            with user_triggers_paused(Event, OtherBeneficiary) if rebuild else nullcontext():
                self.load(timer, tables, "events", (
                    event_row(e, ids[Event], created.get(e.id) or stamp(e.start - timedelta(120)))
                    for e in events
                ), len(events))  # fmt: skip
                self.load(timer, tables, "event chapters", (
                    (ids[Event] + e.id, chapter) for e in events for chapter in e.chapter_ids
                ))  # fmt: skip
                self.load(timer, tables, "other beneficiaries", (
                    (ids[Event] + e.id, country.pk) for e in events for country in e.others
                ))  # fmt: skip
            pairs = list(requests.interpretation_pairs(planned_requests, world))
            first = {"request": ids[Application], "event": ids[Event]}
            for kind in ("request", "event"):
                self.load(timer, tables, f"{kind} interpretation pairs", (
                    (first[kind] + owner, source, target, mode)
                    for of, (owner, source, target, mode) in pairs if of == kind
                ))  # fmt: skip
            self.load(timer, tables, "host agreements", host_agreement_rows(
                events, ids[Event], created
            ))  # fmt: skip
            self.load(timer, tables, "invitations", delivery.invitation_rows(
                events, ids[Event], self.rng("invitations")
            ))  # fmt: skip
            self.load(timer, tables, "event experts", delivery.event_expert_rows(
                events, ids[Event], self.rng("invitations")
            ))  # fmt: skip
            with timer.table("costs (in memory)") as step:
                places = EventExpert.objects.filter(event_id__gte=ids[Event]).order_by("pk")
                money = costs.CostRows(
                    events, list(places.values_list("pk", "event_id")), self.rng("costs"),
                    first_event_id=ids[Event], as_of=scale.as_of, sequences=sequences,
                ).build()  # fmt: skip
                step.rows = len(money.statements) + len(money.travels)
            self.load(timer, tables, "fee statements", money.statements, len(money.statements))
            self.load(timer, tables, "travel", money.travels, len(money.travels))
            self.load(timer, tables, "bookings", money.booking_rows())
            del money.statements, money.travels
            participants = delivery.ParticipantRows(
                events, people, self.rng("participants"), first_event_id=ids[Event],
                first_id=ids[Participant], attendance=scale.attendance,
            )  # fmt: skip
            self.load(timer, tables, "participants", participants, scale.participations)
            with timer.table("travellers' costs (in memory)") as step:
                statements, journeys = money.participant_rows(participants.travellers)
                step.rows = len(statements) + len(journeys)
            del participants.travellers
            self.load(timer, tables, "travellers' statements", statements, len(statements))
            self.load(timer, tables, "travellers' travel", journeys, len(journeys))
            del statements, journeys
            if scale.attendance:
                self.load(timer, tables, "attendance",
                          participants.attendance_rows(self.rng("attendance")))  # fmt: skip
            with timer.table("evaluations (in memory)") as step:
                evaluated = evaluations.EvaluationRows(
                    events, self.rng("evaluations"), first_event_id=ids[Event], as_of=scale.as_of
                ).build()
                step.rows = len(evaluated.requests)
            self.load(timer, tables, "evaluation rounds", evaluated.rounds)
            self.load(timer, tables, "evaluation requests", evaluated.requests)
            self.load(timer, tables, "evaluation responses", evaluated.responses)
            self.load(timer, tables, "evaluation answers", evaluated.answers)
            del evaluated

            with timer.table("counters and id sequences") as step:
                counters = {**event_counters, **request_counters, **money.counters}
                for key, value in sorted(counters.items()):
                    Sequence.objects.update_or_create(key=key, defaults={"value": value})
                reset_id_sequences(User, Expert, Application, Event, Participant)
                step.rows = len(counters)
            if rebuild is not None:
                with timer.table("search index") as step:
                    rebuild()
                    step.rows = len(events)
        with timer.table("planner statistics (ANALYZE)"):
            analyze()
        if rebuild is None:
            self.write(
                "The search module (taiex.events.search.rebuild_index) is not there: the "
                "events are not indexed for full-text search."
            )
        return timer

    def load(self, timer, tables, name, rows, expected=None):
        with timer.table(name, expected) as step:
            step.rows = tables[name].write(rows, progress=step.progress)
        self.counts[name] = step.rows


def analyze():
    """Fresh statistics for the query planner: without them, the first searches on a million
    new rows are planned as if the tables were empty. On PostgreSQL also a VACUUM, as
    autovacuum would do on a live database: it marks the new rows visible to all, without which
    every count reads the tables' rows instead of their indexes (the statistics' version took
    37 ms instead of 8 on the events of the full history; docs/bench.md). Not inside a
    transaction (a test's), where PostgreSQL refuses a VACUUM."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")  # sample, do not scan every index
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")


def search_index_rebuild():
    """The search module's rebuild_index, or None when the module is not installed."""
    try:
        from taiex.events.search import rebuild_index
    except ImportError:
        return None
    return rebuild_index
