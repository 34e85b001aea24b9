"""Reads of the reference data: what is open, eligible and allowed on a given date."""

from datetime import date

from django.db.models import Q

from .enums import ConsulteeGroup
from .models import AssistanceLimit, BeneficiaryPeriod, ConsultedService, Country, Window


def windows_open_for(country: Country, day: date):
    """The windows through which `country` may receive assistance on `day`."""
    return Window.objects.filter(
        pk__in=BeneficiaryPeriod.objects.valid_on(day).filter(country=country).values("window")
    )


def beneficiary_countries(day: date | None = None):
    """Countries that are in at least one window on `day` (or ever, when no day is given)."""
    periods = (
        BeneficiaryPeriod.objects.all() if day is None else BeneficiaryPeriod.objects.valid_on(day)
    )
    return Country.objects.filter(pk__in=periods.values("country"))


def member_states_on(day: date):
    return Country.objects.filter(eu_member_since__lte=day).exclude(eu_member_until__lt=day)


def limit_for(assistance_type: str, *, peer_to_peer: bool, day: date):
    """The limits of `assistance_type` valid on `day` (peer-to-peer limits in those windows)."""
    limits = AssistanceLimit.objects.valid_on(day).filter(assistance_type=assistance_type)
    return (
        limits.filter(applies_to_peer_to_peer=peer_to_peer).order_by("-valid_from").first()
        or limits.filter(applies_to_peer_to_peer=False).order_by("-valid_from").first()
    )


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
