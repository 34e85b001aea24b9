"""Multi-country requests: the NCP of each partner country confirms its own country's
institutions before the NCP of the lead country may forward the request."""

from django.db import transaction
from django.utils import timezone

from taiex.accounts.roles import roles_of
from taiex.core.audit import log_action
from taiex.core.workflow import TransitionNotAllowed
from taiex.reference.models import Country

from .enums import ApplicationState as S
from .models import Application, CountryConfirmation


def partner_countries(application):
    """The beneficiary countries of the partner institutions, other than the lead country."""
    return (
        Country.objects.filter(institutions__partner_applications=application)
        .exclude(pk=application.country_id)
        .distinct()
        .order_by("name")
    )


def countries_awaiting_confirmation(application):
    """The partner countries whose NCP has not yet confirmed its institutions."""
    confirmed = CountryConfirmation.objects.filter(application=application).values("country")
    return partner_countries(application).exclude(pk__in=confirmed)


def countries_to_confirm_by(user, application):
    """The partner countries of the request that `user` is the NCP of and has to confirm."""
    if application.state != S.SUBMITTED:
        return Country.objects.none()
    return countries_awaiting_confirmation(application).filter(
        pk__in=roles_of(user).ncp_country_ids
    )


def require_every_partner_country_confirmed(application):
    """Refuse to go on while a partner country's NCP has not confirmed its institutions."""
    waiting = [country.name for country in countries_awaiting_confirmation(application)]
    if waiting:
        raise TransitionNotAllowed(
            f"{application} waits for the national contact point of {', '.join(waiting)} to "
            "confirm its country's institutions before it can be forwarded."
        )


def confirm_country_institutions(application, *, actor, country):
    """The NCP of `country`, a partner country of the submitted request, confirms that
    country's institutions. Writes the confirmation and an audit row; refuses (changing
    nothing) when the request is not with the NCPs, the country is not a partner of it, or
    it has already confirmed."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state != S.SUBMITTED:
            raise TransitionNotAllowed(f"{locked} is no longer with the national contact points.")
        if not countries_awaiting_confirmation(locked).filter(pk=country.pk).exists():
            raise TransitionNotAllowed(
                f"{country.name} has no institutions of {locked} left to confirm."
            )
        confirmation = CountryConfirmation.objects.create(
            application=locked, country=country, confirmed_by=actor, confirmed_at=timezone.now()
        )
        log_action(
            locked,
            actor=actor,
            action="confirm_country_institutions",
            note=f"The national contact point of {country.name} confirmed its institutions.",
            data={"country": country.code},
        )
    return confirmation
