"""Retention as data: how long each kind of personal data is kept (`RetentionRule` rows, edited
by administrators) and the sweep that anonymises what is past its period.

Core knows no kind of data itself: each app registers its kinds here (`retention_kind`, from
its `AppConfig.ready`), saying which records a period counts from and how to anonymise them, so
core never imports the apps above it (docs/decisions.md "Retention as data").
"""

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import log_action
from .models import PeriodUnit, RetentionAnchor, RetentionRule

BATCH = 200
SHOWN_PER_KIND = 100


@dataclass(frozen=True)
class RetentionKind:
    """One kind of personal data that a retention rule can apply to.

    `due(cutoff, anchor)` gives the queryset of records not yet anonymised whose anchor day
    (the event's end, the last activity...) is before `cutoff`; `anonymise(records)` anonymises
    a list of them (inside a transaction the sweep opens); `describe(record)` names a record on
    the dry-run page."""

    key: str
    label: str
    audiences: tuple[str, ...]
    anchors: tuple[str, ...]
    due: Callable
    anonymise: Callable
    describe: Callable = str
    what_happens: str = ""


KINDS: dict[str, RetentionKind] = {}


def register_retention_kind(kind: RetentionKind):
    KINDS[kind.key] = kind
    return kind


def retention_kind(key, *, label, audiences, anchors, due, describe=str, what_happens=""):
    """Decorator on the anonymising function `fn(records)` of a kind of personal data."""

    def register(function):
        register_retention_kind(
            RetentionKind(
                key=key,
                label=label,
                audiences=tuple(audiences),
                anchors=tuple(anchors),
                due=due,
                anonymise=function,
                describe=describe,
                what_happens=what_happens,
            )
        )
        return function

    return register


def subtract_period(day: date, amount: int, unit: str) -> date:
    """`day` minus `amount` days, months or years; the 29th-31st of a month becomes the last
    day of a shorter month (29 February minus a year is 28 February)."""
    if unit == PeriodUnit.DAYS:
        return date.fromordinal(day.toordinal() - amount)
    months = amount * 12 if unit == PeriodUnit.YEARS else amount
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def cutoff_for(rule, today: date) -> date:
    """Records whose anchor day is before this day are past the period: a record is kept for
    the whole period after its anchor day and anonymised the day after the period ends."""
    return subtract_period(today, rule.period, rule.unit)


@dataclass
class RetentionOutcome:
    """What one rule does (or would do) today."""

    kind_key: str
    kind: RetentionKind | None
    rule: RetentionRule | None
    cutoff: date | None = None
    count: int = 0
    records: list = field(default_factory=list)
    problem: str = ""

    @property
    def label(self):
        return self.kind.label if self.kind else self.kind_key


def _rules_by_kind():
    return {rule.kind: rule for rule in RetentionRule.objects.all()}


def retention_report(today: date | None = None, *, shown=SHOWN_PER_KIND):
    """What the sweep would anonymise on `today`, per kind, changing nothing: the count and the
    first `shown` records of each kind. Kinds without a rule, inactive rules and rules naming
    a kind no app registers are listed with the reason they do nothing."""
    today = today or timezone.localdate()
    rules = _rules_by_kind()
    outcomes = []
    for key in sorted(set(KINDS) | set(rules)):
        kind, rule = KINDS.get(key), rules.get(key)
        outcome = RetentionOutcome(kind_key=key, kind=kind, rule=rule)
        outcomes.append(outcome)
        problem = _problem(kind, rule)
        if problem:
            outcome.problem = problem
            continue
        outcome.cutoff = cutoff_for(rule, today)
        due = kind.due(outcome.cutoff, rule.anchor)
        outcome.count = due.count()
        outcome.records = [(record, kind.describe(record)) for record in due[:shown]]
    return outcomes


def _problem(kind, rule):
    if kind is None:
        return _("No application part holds this kind of data any more: the rule does nothing.")
    if rule is None:
        return _("No retention rule: kept until erased on request.")
    if not rule.is_active:
        return _("The rule is switched off.")
    if rule.anchor not in kind.anchors:
        return _("The period cannot count from “%(anchor)s” for this kind.") % {
            "anchor": rule.get_anchor_display()
        }
    return ""


def apply_retention(today: date | None = None, *, actor=None):
    """Anonymise every record past its rule's period on `today`, in batches of `BATCH` (one
    transaction each), and write one audit row per batch on the rule (action
    `retention_anonymise`: the kind, the cutoff day, how many and which records). Returns the
    outcomes with the counts done. Idempotent: anonymised records are no longer due."""
    today = today or timezone.localdate()
    rules = _rules_by_kind()
    outcomes = []
    for key in sorted(KINDS):
        kind, rule = KINDS[key], rules.get(key)
        outcome = RetentionOutcome(kind_key=key, kind=kind, rule=rule)
        outcomes.append(outcome)
        problem = _problem(kind, rule)
        if problem:
            outcome.problem = problem
            continue
        outcome.cutoff = cutoff_for(rule, today)
        due = kind.due(outcome.cutoff, rule.anchor)
        pks = list(due.values_list("pk", flat=True))
        model = due.model
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            with transaction.atomic():
                records = list(model.objects.select_for_update().filter(pk__in=chunk))
                # A record anonymised meanwhile (on request) is no longer due.
                still_due = set(due.filter(pk__in=chunk).values_list("pk", flat=True))
                records = [record for record in records if record.pk in still_due]
                if not records:
                    continue
                kind.anonymise(records)
                outcome.count += len(records)
                log_action(
                    rule,
                    actor=actor,
                    action="retention_anonymise",
                    note=(
                        f"{len(records)} record(s) of “{kind.label}” anonymised: "
                        f"{rule.describe_period()}, before {outcome.cutoff.isoformat()}."
                    ),
                    data={
                        "kind": key,
                        "model": model._meta.label_lower,
                        "cutoff": outcome.cutoff.isoformat(),
                        "ids": [record.pk for record in records],
                    },
                )
    return outcomes


def rules_for_audience(audience):
    """The rules whose kind concerns `audience` (a privacy notice lists them), with the kind."""
    rules = _rules_by_kind()
    return [
        (kind, rules.get(kind.key))
        for kind in sorted(KINDS.values(), key=lambda kind: str(kind.label))
        if audience in kind.audiences
    ]


__all__ = [
    "KINDS",
    "PeriodUnit",
    "RetentionAnchor",
    "RetentionKind",
    "apply_retention",
    "cutoff_for",
    "retention_kind",
    "retention_report",
    "rules_for_audience",
    "subtract_period",
]
