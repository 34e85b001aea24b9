"""What a participant, who has no account, does through the signed personal link of their
registration: reading it (the link lives as long as the registration's contact data is kept,
by the retention rule `participant_contact_data`), cancelling it ("I can no longer come", which
frees the seat for the first on the waiting list), and asking for the link again by e-mail.
The page itself is `portal:own_registration` (above events and evaluations: it shows the
evaluation too)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from taiex.core.audit import log_action
from taiex.core.mail import notify
from taiex.core.models import RetentionRule
from taiex.core.retention import cutoff_for

from ..enums import PREPARATION_STATES, ParticipantState
from ..models import Participant
from ..queries.participants import LIVE_STATES
from .participants import (
    ERASED_DOMAIN,
    ParticipantError,
    cancel_participant,
    locked_event,
)
from .personal_links import REGISTRATION_LINK_SALT, participant_of_token, registration_path

S = ParticipantState
# The retention kind whose rule ends the link: the day the registration's contact data is due
# for anonymising, the link stops (events/personal_data.py registers the kind).
RETENTION_KIND = "participant_contact_data"


class RegistrationLinkError(Exception):
    """A personal link that opens nothing: `expired` tells a link past its lifetime from an
    altered or unknown one (both get a page that says so, never an error)."""

    def __init__(self, message, *, expired=False):
        super().__init__(message)
        self.expired = expired


# English here (other modules and tests compare it); translated where it is raised.
INVALID_LINK = gettext_noop(
    "This link is not valid: it may have been cut or changed, or the registration no longer "
    "exists. Use the link exactly as it is in the e-mail, or ask for it again."
)


def link_rule():
    """The active retention rule of participants' contact data, or None (kept until erased)."""
    return RetentionRule.objects.filter(kind=RETENTION_KIND, is_active=True).first()


def link_has_expired(event, *, rule, today=None):
    """Past the retention period of the event's participants' data: the same day the sweep
    anonymises them (an event without dates has no end to count from)."""
    last = event.end_date or event.start_date
    if rule is None or last is None:
        return False
    return last < cutoff_for(rule, today or timezone.localdate())


@dataclass
class OwnRegistration:
    participant: Participant
    rule: RetentionRule | None


def registration_from_link(token, *, today=None) -> OwnRegistration:
    """The registration behind a personal link, with the rule that limits the link's life.
    RegistrationLinkError for an altered or unknown token, an erased registration, or a link
    past the retention period."""
    participant = participant_of_token(
        token,
        salt=REGISTRATION_LINK_SALT,
        queryset=Participant.objects.select_related("event__beneficiary", "country"),
    )
    if participant is None or participant.email.endswith("@" + ERASED_DOMAIN):
        raise RegistrationLinkError(gettext(INVALID_LINK))
    rule = link_rule()
    if link_has_expired(participant.event, rule=rule, today=today):
        raise RegistrationLinkError(
            gettext(
                "This link has expired: the details of the registration are kept for "
                "%(period)s, and that period is over."
            )
            % {"period": rule.describe_period()},
            expired=True,
        )
    return OwnRegistration(participant=participant, rule=rule)


def cancellation_refusal(participant, event, *, today):
    """Why `participant` cannot cancel their registration of `event` themself now, or ""."""
    if participant.state == S.CANCELLED:
        return gettext("Your registration is already cancelled; nothing was changed.")
    if participant.state not in LIVE_STATES:
        return gettext(
            "Your registration is %(state)s: there is nothing to cancel; nothing was changed."
        ) % {"state": participant.get_state_display().lower()}
    if event.state not in PREPARATION_STATES:
        return gettext(
            "The event is %(state)s: a registration can no longer be cancelled here; nothing was "
            "changed."
        ) % {"state": event.get_state_display().lower()}
    if event.start_date is not None and today >= event.start_date:
        return gettext(
            "The event started on %(day)s: a registration can no longer be cancelled here; "
            "nothing was changed. Tell the event's organisers."
        ) % {"day": date_format(event.start_date, "DATE_FORMAT")}
    return ""


def cancel_own_registration(participant, *, reason, today=None):
    """The participant cancels their registration through their personal link ("I can no
    longer come"), with a reason. Refused, changing nothing, without a reason, for a
    registration already cancelled or no longer live, and once the event has started or is no
    longer being prepared. The cancellation is the staff's one (`cancel_participant`): logged
    with no actor and the reason, the participant told by e-mail, and a freed seat goes to the
    first on the waiting list (moved up, logged and told)."""
    reason = (reason or "").strip()
    if not reason:
        raise ParticipantError(gettext("Say why you can no longer come."), "reason")
    today = today or timezone.localdate()
    with transaction.atomic():
        event = locked_event(participant.event)
        participant.refresh_from_db(fields=["state"])
        refusal = cancellation_refusal(participant, event, today=today)
        if refusal:
            raise ParticipantError(refusal)
        cancel_participant(
            participant,
            actor=None,
            reason=f"Cancelled by the participant through their personal link: {reason}",
        )
    return participant


def registrations_to_send(email, *, event_reference="", today=None):
    """The registrations under `email` (of the event `event_reference` when given) whose
    personal link still works, oldest first."""
    rows = (
        Participant.objects.filter(email__iexact=email.strip())
        .exclude(email__endswith="@" + ERASED_DOMAIN)
        .select_related("event")
        .order_by("registered_at", "pk")
    )
    if event_reference.strip():
        rows = rows.filter(event__reference__iexact=event_reference.strip())
    rule = link_rule()
    return [row for row in rows if not link_has_expired(row.event, rule=rule, today=today)]


def send_registration_links(email, *, event_reference="", today=None) -> int:
    """E-mail the personal links of the registrations under `email` (one e-mail, every link
    that still works) and log it on each registration; returns how many links were sent. An
    unknown address gets nothing: the page that asks answers the same either way."""
    try:
        validate_email(email.strip())
    except ValidationError:  # an invalid address has no registration either
        return 0
    registrations = registrations_to_send(email, event_reference=event_reference, today=today)
    if not registrations:
        return 0
    with transaction.atomic():
        notify(
            # The newest registration: its address, and the language the person chose last.
            [registrations[-1]],
            subject=gettext_lazy("Your registrations: your personal links"),
            template="events/participants/email/own_links.txt",
            context={
                "registrations": [
                    (registration, registration_path(registration))
                    for registration in registrations
                ],
            },
        )
        for registration in registrations:
            log_action(
                registration,
                actor=None,
                action="send_own_registration_link",
                note="Personal link sent again on request.",
            )
    return len(registrations)
