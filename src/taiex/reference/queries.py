"""Reads of the reference data: what is open, eligible and allowed on a given date."""

from datetime import date, timedelta

from django.db.models import Q

from taiex.core.dates import WorkingCalendar, add_working_days

from .enums import ConsulteeGroup
from .models import (
    AssistanceLimit,
    BeneficiaryPeriod,
    ConsultedService,
    Country,
    CountryHoliday,
    InstitutionKind,
    KindEligibility,
    PublicHoliday,
    ReminderDelay,
    Window,
    WorkingLanguageRule,
)
from .translation import translated

# When no rule covers a day (a database loaded without the reference data): a presenter must
# be fluent.
DEFAULT_WORKING_LEVEL = "C1"


def windows_open_for(country: Country, day: date):
    """The windows through which `country` may receive assistance on `day`."""
    return Window.objects.filter(
        pk__in=BeneficiaryPeriod.objects.valid_on(day).filter(country=country).values("window")
    )


def is_beneficiary_on(country: Country, day: date, window: Window | None = None) -> bool:
    """Whether `country` is a beneficiary on `day` (of `window` when given)."""
    periods = BeneficiaryPeriod.objects.valid_on(day).filter(country=country)
    if window is not None:
        periods = periods.filter(window=window)
    return periods.exists()


def beneficiary_countries(day: date | None = None):
    """Countries that are in at least one window on `day` (or ever, when no day is given)."""
    periods = (
        BeneficiaryPeriod.objects.all() if day is None else BeneficiaryPeriod.objects.valid_on(day)
    )
    return Country.objects.filter(pk__in=periods.values("country"))


def beneficiary_country_choices(day: date | None, *, empty_label: str, key="pk"):
    """The beneficiary countries on `day` (ever, when None) as grouped choices (`key`, name):
    the countries of the windows that are not peer-to-peer, then the EU Member States, which
    are beneficiaries only in the peer-to-peer strands (from the dated BeneficiaryPeriod rows)."""
    periods = (
        BeneficiaryPeriod.objects.all() if day is None else BeneficiaryPeriod.objects.valid_on(day)
    )
    regular = set(periods.filter(window__is_peer_to_peer=False).values_list("country", flat=True))
    peer = set(periods.filter(window__is_peer_to_peer=True).values_list("country", flat=True))
    countries = list(Country.objects.filter(pk__in=regular | peer).order_by("name"))
    groups = [
        (
            "Beneficiary countries",
            [(getattr(c, key), translated(c)) for c in countries if c.pk in regular],
        ),
        (
            "EU Member States (peer-to-peer strands only)",
            [(getattr(c, key), translated(c)) for c in countries if c.pk not in regular],
        ),
    ]
    return [("", empty_label), *[(label, items) for label, items in groups if items]]


def member_states_on(day: date):
    return Country.objects.filter(eu_member_since__lte=day).exclude(eu_member_until__lt=day)


def limit_for(assistance_type: str, *, peer_to_peer: bool, day: date):
    """The limits of `assistance_type` valid on `day` (peer-to-peer limits in those windows)."""
    limits = AssistanceLimit.objects.valid_on(day).filter(assistance_type=assistance_type)
    return (
        limits.filter(applies_to_peer_to_peer=peer_to_peer).order_by("-valid_from").first()
        or limits.filter(applies_to_peer_to_peer=False).order_by("-valid_from").first()
    )


def kind_is_eligible_on(kind: InstitutionKind, day: date) -> bool:
    """Whether institutions of `kind` may receive assistance on `day`: the dated rule of that
    day; a kind without any dated rule (added in the admin) keeps its own flag."""
    rules = KindEligibility.objects.filter(kind=kind)
    verdict = rules.valid_on(day).order_by("-valid_from").values_list("is_eligible", flat=True)
    found = verdict.first()
    if found is not None:
        return found
    return False if rules.exists() else kind.is_eligible


def eligible_kinds_on(day: date):
    """The institution kinds whose institutions may receive assistance on `day`."""
    dated = KindEligibility.objects.values("kind")
    return InstitutionKind.objects.filter(
        Q(pk__in=KindEligibility.objects.valid_on(day).filter(is_eligible=True).values("kind"))
        | (Q(is_eligible=True) & ~Q(pk__in=dated))
    )


def working_days_after(start: date, days: int) -> date:
    """The date `days` working days after `start`, skipping weekends and the Commission's
    public holidays (read for the weeks the count can span: two calendar days per working day
    and a fortnight for the Christmas closure)."""
    horizon = start + timedelta(days=2 * days + 14)
    holidays = frozenset(
        PublicHoliday.objects.filter(day__gt=start, day__lte=horizon).values_list("day", flat=True)
    )
    return add_working_days(start, days, holidays=holidays)


def working_calendar(start: date, end: date) -> WorkingCalendar:
    """A working-day calendar holding the Commission's holidays from `start` to `end` and a
    margin around them for counts that go a little beyond (one query)."""
    days = PublicHoliday.objects.filter(
        day__gte=start - timedelta(days=60), day__lte=end + timedelta(days=60)
    ).values_list("day", flat=True)
    return WorkingCalendar(days)


def reminder_delays():
    """Every reminder delay by kind, oldest first (one query; a handful of rows)."""
    delays = {}
    for delay in ReminderDelay.objects.order_by("kind", "valid_from"):
        delays.setdefault(delay.kind, []).append(delay)
    return delays


def reminder_delay_on(delays, kind: str, day: date):
    """The working days of the delay of `kind` valid on `day`, from `reminder_delays()`, or
    None when no delay covers that day (then nobody is reminded)."""
    for delay in delays.get(kind, []):
        if delay.valid_from <= day and (delay.valid_to is None or day <= delay.valid_to):
            return delay.working_days
    return None


def country_holidays_between(country: Country, start: date, end: date) -> list[tuple[date, str]]:
    """The public holidays of `country` from `start` to `end` (both included) as (day, name):
    an event planned on one of them is worth a second look."""
    return list(
        CountryHoliday.objects.filter(country=country, day__range=(start, end))
        .order_by("day")
        .values_list("day", "name")
    )


def minimum_working_levels() -> list[tuple[date, date | None, str]]:
    """Every dated minimum level in a working language as (from, to, level): one query, read
    once for a batch of events and looked up with `working_level_on`."""
    return list(WorkingLanguageRule.objects.values_list("valid_from", "valid_to", "minimum_level"))


def working_level_on(day: date, rules=None) -> str:
    """The minimum level in a working language for an event on `day`."""
    for valid_from, valid_to, level in minimum_working_levels() if rules is None else rules:
        if valid_from <= day and (valid_to is None or day <= valid_to):
            return level
    return DEFAULT_WORKING_LEVEL


def services_in_scope(*, countries, window, chapters):
    """The active services to consult on a request of these beneficiary `countries` (ids),
    funded by `window`, in these `chapters` (ids).

    In the peer-to-peer strands (Member States as beneficiaries) only the partner
    Directorate-General of the strand is consulted; otherwise the Delegations of the
    countries, the desks of their regions and the line Directorates-General of the chapters.
    """
    active = ConsultedService.objects.filter(is_active=True)
    if window is not None and window.is_peer_to_peer:
        return active.filter(group=ConsulteeGroup.PARTNER_DG, windows=window).distinct()
    return active.filter(
        Q(group=ConsulteeGroup.EU_DELEGATION, countries__in=countries)
        | Q(group=ConsulteeGroup.GEOGRAPHIC_DESK, countries__in=countries)
        | Q(group=ConsulteeGroup.LINE_DG, chapters__in=chapters)
    ).distinct()
