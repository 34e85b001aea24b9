"""Dated rate tables: the fee rules and the daily subsistence allowances of host countries.

Reads them by date for the fee computation (`rate_table_for`), and changes them the one way
staff may: edit a period, add a dated period that closes the one in force, import a CSV of
allowances; no two periods of the same table may overlap.
"""

import csv
import io
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.core.audit import log_action
from taiex.core.dates import day_label

from .models import Country, FeeRule, SubsistenceRate

IMPORT_COLUMNS = ["country", "daily_amount", "valid_from", "valid_to"]
REQUIRED_COLUMNS = IMPORT_COLUMNS[:3]  # valid_to may be left out: open-ended rates
MAX_DAILY_AMOUNT = Decimal("9999.99")


class RateError(Exception):
    """A change that would leave a rate table inconsistent; `field` names the form field."""

    def __init__(self, field_name, message):
        super().__init__(message)
        self.field = field_name
        self.message = message


class RateImportFailed(Exception):
    """An import refused as a whole; `errors` lists every problem with its row and column."""

    def __init__(self, errors):
        super().__init__(
            ngettext(
                "%(count)s problem in the file; nothing was imported.",
                "%(count)s problems in the file; nothing was imported.",
                len(errors),
            )
            % {"count": len(errors)}
        )
        self.errors = errors


# Reads ------------------------------------------------------------------------------------


@dataclass
class RateTable:
    """The fee rules and subsistence rates that cover a period, looked up by day in memory."""

    fee_rules: list = field(default_factory=list)
    subsistence: dict = field(default_factory=dict)  # country id -> rates by valid_from

    @staticmethod
    def _on(periods, day):
        starts = [period.valid_from for period in periods]
        index = bisect_right(starts, day) - 1
        if index < 0:
            return None
        period = periods[index]
        return period if period.valid_to is None or day <= period.valid_to else None

    def fee_rule_on(self, day: date):
        return self._on(self.fee_rules, day)

    def subsistence_rate_on(self, country_id: int, day: date):
        return self._on(self.subsistence.get(country_id, []), day)


def overlapping(queryset, valid_from: date, valid_to: date | None):
    """The periods of `queryset` that share at least one day with [valid_from, valid_to]."""
    queryset = queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        queryset = queryset.filter(valid_from__lte=valid_to)
    return queryset


def rate_table_for(start: date, end: date, country_ids=()) -> RateTable:
    """The fee rules and the subsistence rates of `country_ids` valid on any day from `start`
    to `end`, in two queries."""
    rules = list(overlapping(FeeRule.objects.all(), start, end).order_by("valid_from"))
    subsistence = {}
    if country_ids:
        rates = overlapping(
            SubsistenceRate.objects.filter(country__in=list(country_ids)), start, end
        ).order_by("country_id", "valid_from")
        for rate in rates:
            subsistence.setdefault(rate.country_id, []).append(rate)
    return RateTable(fee_rules=rules, subsistence=subsistence)


def fee_rules_listed():
    return FeeRule.objects.order_by("-valid_from")


def subsistence_rates_listed(country=None):
    rates = SubsistenceRate.objects.select_related("country").order_by(
        "country__name", "valid_from"
    )
    return rates.filter(country=country) if country is not None else rates


# Writes -----------------------------------------------------------------------------------


def _describe(period, what):
    if period.valid_to:
        return _("%(what)s valid from %(start)s to %(end)s") % {
            "what": what,
            "start": day_label(period.valid_from),
            "end": day_label(period.valid_to),
        }
    return _("%(what)s valid from %(start)s (open-ended)") % {
        "what": what,
        "start": day_label(period.valid_from),
    }


def _place_new_period(siblings, *, valid_from, valid_to, what):
    """Check that a new period [valid_from, valid_to] fits among `siblings` (locked), closing the
    period in force on `valid_from` the day before. Returns the closed period or None."""
    if valid_to is not None and valid_to < valid_from:
        raise RateError("valid_to", _("The end of validity cannot be before its start."))
    siblings = list(siblings.select_for_update().order_by("valid_from"))
    for period in siblings:
        if period.valid_from == valid_from:
            raise RateError(
                "valid_from",
                _("%(period)s already starts on %(day)s: edit that one instead.")
                % {"period": _describe(period, what), "day": day_label(valid_from)},
            )
    later = [
        period
        for period in siblings
        if period.valid_from > valid_from and (valid_to is None or period.valid_from <= valid_to)
    ]
    if later:
        raise RateError(
            "valid_to",
            _("The new period overlaps %(period)s: end it before %(day)s.")
            % {"period": _describe(later[0], what), "day": day_label(later[0].valid_from)},
        )
    previous = next(
        (
            period
            for period in siblings
            if period.valid_from < valid_from
            and (period.valid_to is None or period.valid_to >= valid_from)
        ),
        None,
    )
    if previous is None:
        return None
    if previous.valid_to is not None and valid_to is not None and valid_to < previous.valid_to:
        raise RateError(
            "valid_from",
            _(
                "The new period falls inside %(period)s: change that one instead, or leave the "
                "new period open-ended."
            )
            % {"period": _describe(previous, what)},
        )
    previous.valid_to = valid_from - timedelta(days=1)
    previous.save(update_fields=["valid_to"])
    return previous


def _check_edited_period(siblings, period, *, what):
    if period.valid_to is not None and period.valid_to < period.valid_from:
        raise RateError("valid_to", _("The end of validity cannot be before its start."))
    clash = (
        overlapping(siblings.exclude(pk=period.pk), period.valid_from, period.valid_to)
        .order_by("valid_from")
        .first()
    )
    if clash is not None:
        field_name = "valid_from" if clash.valid_from <= period.valid_from else "valid_to"
        raise RateError(
            field_name, _("The period overlaps %(period)s.") % {"period": _describe(clash, what)}
        )


def add_fee_rule(*, actor, **values) -> FeeRule:
    """Add fee rules valid from `values["valid_from"]`; the rules in force that day end the
    day before. Logged."""
    with transaction.atomic():
        closed = _place_new_period(
            FeeRule.objects.all(),
            valid_from=values["valid_from"],
            valid_to=values.get("valid_to"),
            what=_("The fee rules"),
        )
        rule = FeeRule.objects.create(**values)
        log_action(rule, actor=actor, action="add_rate", note=_closed_note(closed))
    return rule


def change_fee_rule(rule: FeeRule, *, actor, **values) -> FeeRule:
    """Change the figures or the validity of fee rules; refused when the period would overlap
    another. Logged with the fields that changed."""
    with transaction.atomic():
        locked = FeeRule.objects.select_for_update().get(pk=rule.pk)
        changed = _assign(locked, values)
        _check_edited_period(FeeRule.objects.all(), locked, what=_("The fee rules"))
        locked.save(update_fields=changed or ["valid_from"])
        log_action(locked, actor=actor, action="edit", data={"fields": changed})
    return locked


def add_subsistence_rate(country: Country, *, actor, **values) -> SubsistenceRate:
    """Add a daily allowance of `country` valid from `values["valid_from"]`; the rate in force
    that day ends the day before. Logged."""
    with transaction.atomic():
        closed = _place_new_period(
            SubsistenceRate.objects.filter(country=country),
            valid_from=values["valid_from"],
            valid_to=values.get("valid_to"),
            what=_("The rate of %(country)s") % {"country": country},
        )
        rate = SubsistenceRate.objects.create(country=country, **values)
        log_action(rate, actor=actor, action="add_rate", note=_closed_note(closed))
    return rate


def change_subsistence_rate(rate: SubsistenceRate, *, actor, **values) -> SubsistenceRate:
    """Change the amount or the validity of a daily allowance; refused when the period would
    overlap another of the same country. Logged with the fields that changed."""
    with transaction.atomic():
        locked = (
            SubsistenceRate.objects.select_for_update().select_related("country").get(pk=rate.pk)
        )
        changed = _assign(locked, values)
        _check_edited_period(
            SubsistenceRate.objects.filter(country=locked.country_id),
            locked,
            what=_("The rate of %(country)s") % {"country": locked.country},
        )
        locked.save(update_fields=changed or ["valid_from"])
        log_action(locked, actor=actor, action="edit", data={"fields": changed})
    return locked


def _assign(instance, values):
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _closed_note(closed):
    if closed is None:
        return ""
    return _("The previous period now ends on %(day)s.") % {"day": day_label(closed.valid_to)}


# Import -----------------------------------------------------------------------------------


def _read_text(file_or_path):
    if isinstance(file_or_path, (str, Path)):
        return Path(file_or_path).read_text(encoding="utf-8-sig")
    content = file_or_path.read()
    if isinstance(content, bytes):
        try:
            return content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RateImportFailed([_("The file is not UTF-8 encoded text.")]) from error
    return content


def _parse_rows(text, countries):
    """The rows of the file as dicts of clean values, and the problems found, each naming the
    row (the header is row 1) and the column."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [name for name in REQUIRED_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        return [], [
            _("Row 1: missing column(s) %(missing)s; expected %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(IMPORT_COLUMNS)}
        ]
    rows, errors = [], []
    for number, raw in enumerate(reader, start=2):
        values = {key: (raw.get(key) or "").strip() for key in IMPORT_COLUMNS}
        if not any(values.values()):
            continue
        row_errors = []
        country = countries.get(values["country"].upper())
        if country is None:
            row_errors.append(
                _("Row %(row)s, column country: unknown country code “%(code)s”.")
                % {"row": number, "code": values["country"]}
            )
        amount = None
        try:
            amount = Decimal(values["daily_amount"])
            if not amount.is_finite() or amount < 0 or amount > MAX_DAILY_AMOUNT:
                raise InvalidOperation
            if amount.as_tuple().exponent < -2:
                raise InvalidOperation
        except InvalidOperation:
            row_errors.append(
                _(
                    "Row %(row)s, column daily_amount: “%(value)s” is not an amount in EUR "
                    "between 0 and 9999.99 with at most two decimals."
                )
                % {"row": number, "value": values["daily_amount"]}
            )
        dates = {}
        for column in ("valid_from", "valid_to"):
            if not values[column]:
                if column == "valid_from":
                    row_errors.append(
                        _("Row %(row)s, column valid_from: a date is required.") % {"row": number}
                    )
                dates[column] = None
                continue
            try:
                dates[column] = date.fromisoformat(values[column])
            except ValueError:
                row_errors.append(
                    _("Row %(row)s, column %(column)s: “%(value)s” is not a date (YYYY-MM-DD).")
                    % {"row": number, "column": column, "value": values[column]}
                )
                dates[column] = None
        if dates["valid_from"] and dates["valid_to"] and dates["valid_to"] < dates["valid_from"]:
            row_errors.append(
                _("Row %(row)s, column valid_to: ends before valid_from.") % {"row": number}
            )
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append({"row": number, "country": country, "daily_amount": amount, **dates})
    if not rows and not errors:
        errors.append(_("The file has no rates."))
    return rows, errors


def import_subsistence_rates(file_or_path, *, is_demo=False, actor=None) -> dict:
    """Import daily allowances from a CSV (columns country, daily_amount, valid_from, valid_to;
    country by its code). A row whose country and start already exist updates that rate; a new
    row closes the period in force on its start, as adding a rate does. Every row is checked
    first; on any problem nothing is stored and RateImportFailed lists them all by row and
    column. Returns {"created": n, "updated": n}."""
    text = _read_text(file_or_path)
    countries = {country.code.upper(): country for country in Country.objects.all()}
    rows, errors = _parse_rows(text, countries)
    if errors:
        raise RateImportFailed(errors)
    counts = {"created": 0, "updated": 0}
    with transaction.atomic():
        rows.sort(key=lambda row: (row["country"].code, row["valid_from"]))
        for row in rows:
            values = {
                "daily_amount": row["daily_amount"],
                "valid_from": row["valid_from"],
                "valid_to": row["valid_to"],
                "is_demo": is_demo,
            }
            existing = SubsistenceRate.objects.filter(
                country=row["country"], valid_from=row["valid_from"]
            ).first()
            try:
                if existing is not None:
                    change_subsistence_rate(existing, actor=actor, **values)
                    counts["updated"] += 1
                else:
                    add_subsistence_rate(row["country"], actor=actor, **values)
                    counts["created"] += 1
            except RateError as error:
                errors.append(
                    _("Row %(row)s, column %(column)s: %(problem)s")
                    % {"row": row["row"], "column": error.field, "problem": error.message}
                )
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise RateImportFailed(errors)
    return counts
