"""Reads of the reference data: what is open, eligible and allowed on a given date."""

from datetime import date

from .models import AssistanceLimit, BeneficiaryPeriod, Country, Window


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
