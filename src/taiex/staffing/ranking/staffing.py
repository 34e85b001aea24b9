"""Staffing many events at once: the proposal that fills the most places with the most relevant
experts under the rules (dates, experts' quarterly limit, conflicts of interest, Member State
diversity), solved as an integer programme, and a plain explanation for each gap."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from taiex.events.enums import EventState
from taiex.events.models import Event
from taiex.reference.enums import AssistanceType

from .candidates import Need, Pool, needs_of, pool_for
from .explain import date_span, names_joined
from .index import NOT_PROPOSABLE, TermIndex, term_index
from .scoring import (
    RankedExpert,
    attach_experts,
    availability_of,
    evaluation_points,
    explain,
    rank_need,
    relevance_for,
)

# Filling a place always beats a better score elsewhere: the solver first maximises the number
# of places filled, then the total relevance (scores stay far below this).
PLACE_WEIGHT = 1000.0
CANDIDATES_PER_PLACE = 5
MIN_CANDIDATES = 15
TIME_LIMIT_SECONDS = 20
ROUNDS = 3


@dataclass
class StaffingResult:
    assignments: dict[int, list[RankedExpert]]
    problems: list[str]
    events: list[Event] = field(default_factory=list)
    total_score: float = 0.0


def events_to_staff(start: date, end: date):
    """Planned events starting in [start, end] that still need experts."""
    return (
        Event.objects.filter(
            state=EventState.PLANNED,
            start_date__gte=start,
            start_date__lte=end,
            experts_needed__gt=0,
        )
        .exclude(event_type=AssistanceType.STUDY_VISIT)
        .order_by("start_date", "reference")
    )


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def propose_staffing(events, *, per_quarter=3) -> StaffingResult:
    """Propose experts for all `events` together; report each event left short and why."""
    needs = needs_of(events)
    index = term_index()
    pool = pool_for(needs, index)
    # Each expert's evaluations part once for all needs, instead of once per need and candidate.
    pool.evaluations = evaluation_points(np.arange(index.size), index)
    # Each event offers the solver its best candidates; an event left short whose list was cut
    # offers four times more in the next round (the best proposal usually needs few).
    sizes = {
        need.event.pk: max(MIN_CANDIDATES, CANDIDATES_PER_PLACE * need.event.experts_needed)
        for need in needs
    }
    relevances = {need.event.pk: relevance_for(need, index, pool) for need in needs}
    candidates = {}
    to_rank = needs
    for _round in range(ROUNDS):
        for need in to_rank:
            candidates[need.event.pk] = rank_need(
                need,
                pool,
                index,
                limit=sizes[need.event.pk],
                relevance=relevances[need.event.pk],
                explain_rows=False,
            )
        chosen = solve(needs, candidates, pool, per_quarter=per_quarter)
        to_rank = [
            need
            for need in needs
            if len(chosen.get(need.event.pk, [])) < need.event.experts_needed
            and len(candidates[need.event.pk]) == sizes[need.event.pk]
        ]
        if not to_rank:
            break
        for need in to_rank:
            sizes[need.event.pk] *= 4
    assignments = {need.event.pk: chosen.get(need.event.pk, []) for need in needs}
    for need in needs:
        availability = availability_of(need)
        for row in assignments[need.event.pk]:
            explain(row, need, pool, index, relevances[need.event.pk], availability=availability)
    attach_experts([row for rows in assignments.values() for row in rows])
    problems = [
        diagnose(need, pool, index, len(assignments[need.event.pk]))
        for need in needs
        if len(assignments[need.event.pk]) < need.event.experts_needed
    ]
    return StaffingResult(
        assignments=assignments,
        problems=problems,
        events=[need.event for need in needs],
        total_score=round(sum(row.score for rows in assignments.values() for row in rows), 1),
    )


def solve(needs: list[Need], candidates, pool: Pool, *, per_quarter: int):
    """The best assignment as {event id: [RankedExpert]}, by scipy's MILP solver (HiGHS)."""
    variables = [
        (need, row) for need in needs for row in candidates[need.event.pk]
    ]  # x[i] = 1: expert row.expert_id goes to need.event
    if not variables:
        return {}
    rows: list[list[int]] = []
    upper: list[float] = []

    def at_most(indices, limit):
        rows.append(indices)
        upper.append(limit)

    by_event = defaultdict(list)
    by_event_state = defaultdict(list)
    by_expert = defaultdict(list)
    for i, (need, row) in enumerate(variables):
        by_event[need.event.pk].append(i)
        by_event_state[need.event.pk, int(pool.member_state[row.expert_id])].append(i)
        by_expert[row.expert_id].append(i)
    for need in needs:
        if by_event[need.event.pk]:
            at_most(by_event[need.event.pk], need.event.experts_needed)
    for indices in by_event_state.values():  # Member State diversity on an event
        if len(indices) > 1:
            at_most(indices, 1)
    upper_bounds = np.ones(len(variables))
    starts = [need.start for need, _row in variables]
    ends = [need.end for need, _row in variables]
    for expert_id, indices in by_expert.items():
        # Never on two overlapping events: at each event start, the events covering that day.
        cliques = set()
        for i in indices:
            day = starts[i]
            clique = tuple(j for j in indices if starts[j] <= day <= ends[j])
            if len(clique) > 1:
                cliques.add(clique)
        for clique in cliques:
            at_most(list(clique), 1)
        # At most `per_quarter` events a quarter, counting the invitations already accepted.
        by_quarter = defaultdict(list)
        for i in indices:
            by_quarter[quarter_of(variables[i][0].start)].append(i)
        for quarter, quarter_indices in by_quarter.items():
            proposed_events = {variables[i][0].event.pk for i in quarter_indices}
            already = sum(
                1
                for start, _end, event_id in pool.accepted.get(expert_id, ())
                if quarter_of(start) == quarter and event_id not in proposed_events
            )
            room = per_quarter - already
            if room <= 0:
                upper_bounds[quarter_indices] = 0
            elif len(quarter_indices) > room:
                at_most(quarter_indices, room)
    constraint_rows = [r for r, indices in enumerate(rows) for _ in indices]
    columns = [i for indices in rows for i in indices]
    matrix = coo_array(
        (np.ones(len(columns)), (constraint_rows, columns)), shape=(len(rows), len(variables))
    ).tocsr()
    # The preferred Member State only breaks ties: all its bonuses together stay below 0.1, the
    # smallest difference between two scores, so it never outweighs a better score.
    tie_break = 0.05 / len(variables)
    objective = -np.array(
        [
            PLACE_WEIGHT + row.score + (tie_break if row.is_preferred_member_state else 0.0)
            for _need, row in variables
        ]
    )
    result = milp(
        objective,
        constraints=[LinearConstraint(matrix, -np.inf, np.array(upper))],
        integrality=np.ones(len(variables)),
        bounds=Bounds(0, upper_bounds),
        options={"time_limit": TIME_LIMIT_SECONDS},
    )
    if result.x is None:
        return {}
    chosen = defaultdict(list)
    for i in np.flatnonzero(result.x > 0.5):
        need, row = variables[i]
        chosen[need.event.pk].append(row)
    for rows_of_event in chosen.values():
        rows_of_event.sort(key=lambda row: (-row.score, row.expert_id))
    return chosen


def diagnose(need: Need, pool: Pool, index: TermIndex, filled: int) -> str:
    """Why `need` got fewer experts than it needs: the experts are checked against each rule in
    turn and the first rule that leaves too few names the problem."""
    event = need.event
    reference, needed = event.reference, event.experts_needed
    languages = names_joined([pool.languages[language] for language in need.language_ids])
    level = need.minimum_level
    names = {"event": reference, "languages": languages, "level": level}
    relevant = np.zeros(pool.size, dtype=bool)
    for term in need.terms:
        ids = index.array_of(term)
        relevant[ids[ids < pool.size]] = True
    for chapter in need.chapter_ids:
        ids = pool.experts_in_chapter(chapter)
        relevant[ids[ids < pool.size]] = True
    stages = []
    if need.language_ids:
        stages.append(
            (
                "language",
                lambda ids: pool.level_ranks(ids, need.language_ids) >= need.minimum_rank,
            )
        )
    stages.append(("expertise", lambda ids: relevant[ids]))
    if need.is_peer_to_peer:
        names["beneficiary"] = pool.countries.get(event.beneficiary_id, "")
        stages.append(
            (
                "peer_to_peer",
                lambda ids: pool.member_state[ids] != event.beneficiary_id,
            )
        )
    if need.requesting_institution_ids:
        stages.append(
            (
                "conflict",
                lambda ids: ~np.isin(pool.employer[ids], list(need.requesting_institution_ids)),
            )
        )
    if need.start:
        blocked = np.concatenate([
            pool.unavailable_on(need.start, need.end),
            pool.busy_on(need.start, need.end, event.pk),
        ])  # fmt: skip
        stages.append(("free", lambda ids: ~np.isin(ids, blocked)))
    names["dates"] = date_span(need.start, need.end)
    speaking = bool(need.language_ids)
    remaining = np.flatnonzero(pool.member_state != NOT_PROPOSABLE)
    for stage, keeps in stages:
        remaining = remaining[keeps(remaining)]
        if not len(remaining):
            return NO_EXPERT[stage][speaking] % names
    count = len(remaining)
    names.update(needed=needed, count=count)
    if count < needed:
        message = ngettext(
            "%(event)s: needs %(needed)s experts but only %(count)s verified expert speaking "
            "%(languages)s at %(level)s or better with matching expertise is free on %(dates)s",
            "%(event)s: needs %(needed)s experts but only %(count)s verified experts speaking "
            "%(languages)s at %(level)s or better with matching expertise are free on %(dates)s",
            count,
        )
        if not speaking:
            message = ngettext(
                "%(event)s: needs %(needed)s experts but only %(count)s verified expert with "
                "matching expertise is free on %(dates)s",
                "%(event)s: needs %(needed)s experts but only %(count)s verified experts with "
                "matching expertise are free on %(dates)s",
                count,
            )
        return message % names
    member_states = len(set(pool.member_state[remaining].tolist()))
    if member_states < needed:
        return ngettext(
            "%(event)s: needs %(needed)s experts but the %(count)s suitable experts come from "
            "%(member_states)s Member State (at most one expert per Member State on an event)",
            "%(event)s: needs %(needed)s experts but the %(count)s suitable experts come from "
            "%(member_states)s Member States (at most one expert per Member State on an event)",
            member_states,
        ) % {**names, "member_states": member_states}
    return _(
        "%(event)s: %(filled)s of %(needed)s places filled; the other suitable experts are "
        "proposed for overlapping events or reached their events per quarter"
    ) % {**names, "filled": filled}


# Why no expert is left after a rule of `diagnose`, by rule and by whether the event asks for
# working languages (the experts are then those speaking them).
NO_EXPERT = {
    "language": {
        True: gettext_lazy(
            "%(event)s: no verified expert speaks %(languages)s at %(level)s or better"
        ),
    },
    "expertise": {
        True: gettext_lazy(
            "%(event)s: no verified expert speaking %(languages)s at %(level)s or better has "
            "expertise or chapters matching the request"
        ),
        False: gettext_lazy(
            "%(event)s: no verified expert has expertise or chapters matching the request"
        ),
    },
    "peer_to_peer": {
        True: gettext_lazy(
            "%(event)s: no verified expert speaking %(languages)s at %(level)s or better comes "
            "from a Member State other than %(beneficiary)s (peer-to-peer window)"
        ),
        False: gettext_lazy(
            "%(event)s: no verified expert comes from a Member State other than %(beneficiary)s "
            "(peer-to-peer window)"
        ),
    },
    "conflict": {
        True: gettext_lazy(
            "%(event)s: no verified expert speaking %(languages)s at %(level)s or better is free "
            "of conflicts of interest (not employed by a requesting institution)"
        ),
        False: gettext_lazy(
            "%(event)s: no verified expert is free of conflicts of interest (not employed by a "
            "requesting institution)"
        ),
    },
    "free": {
        True: gettext_lazy(
            "%(event)s: no verified expert speaking %(languages)s at %(level)s or better is free "
            "on %(dates)s"
        ),
        False: gettext_lazy("%(event)s: no verified expert is free on %(dates)s"),
    },
}
