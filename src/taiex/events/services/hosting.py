"""The host of a study visit: the case handler asks a Member State administration, records its
answer (agreed, or declined with a reason) or withdraws the ask to ask another host.

A study visit brings a group of the beneficiary to a Member State administration, which is paid a
host fee; no Member State expert travels (DOMAIN.md, "The forms of assistance"). The agreed host
is `Event.host_institution`: the event is confirmed only once it is set, and the host fee
statement is made for it. Every move writes the audit log of the ask (the workflow) and of the
event (its timeline).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taiex.core.audit import log_action
from taiex.core.languages import active_offered_language, is_offered
from taiex.reference.enums import AssistanceType
from taiex.reference.time_zones import capital_time_zone

from ..enums import OPEN_HOST_STATES, STAFFING_STATES, EventState
from ..enums import HostAgreementState as H
from ..host_notifications import notify_host_move
from ..host_workflow import transition
from ..models import Event, HostAgreement
from .errors import EventError

NOT_A_STUDY_VISIT = gettext_noop("Only a study visit has a host administration.")
NOT_A_MEMBER_STATE = gettext_noop(
    "The host of a study visit must be an administration of an EU Member State."
)
NO_EXPERTS_ON_STUDY_VISIT = gettext_noop(
    "A study visit has no Member State experts: a Member State administration hosts the "
    "visiting group. Ask the host on the event's page instead."
)
HOST_NOT_AGREED = gettext_noop(
    "The host of the study visit has not agreed yet: ask a Member State administration and "
    "record its agreement."
)


def is_study_visit(event):
    return event.event_type == AssistanceType.STUDY_VISIT


def open_agreement(event):
    """The ask of `event` that is waiting for an answer or agreed, or None."""
    return HostAgreement.objects.filter(event=event, state__in=OPEN_HOST_STATES).first()


def host_has_agreed(event):
    """Whether the study visit's host agreed: `Event.host_institution` is set and its ask is
    agreed. False for any other type of event."""
    return bool(
        is_study_visit(event)
        and event.host_institution_id
        and HostAgreement.objects.filter(
            event=event, institution_id=event.host_institution_id, state=H.AGREED
        ).exists()
    )


def host_missing(event):
    """What stops a study visit from being confirmed on its host's side, as sentences (empty
    when its host agreed, and for other types)."""
    if not is_study_visit(event) or host_has_agreed(event):
        return []
    waiting = open_agreement(event)
    if waiting is not None and waiting.state == H.ASKED:
        return [
            _("%(name)s was asked to host the study visit and has not answered: record its answer.")
            % {"name": waiting.institution.name}
        ]
    return [_(HOST_NOT_AGREED)]


def locked_event(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def ask_host(event, institution, *, actor, note="", contact_email="", contact_language=""):
    """The case handler asks `institution` (an administration of a Member State on the event's
    first day, else today) to host the study visit `event`; with `contact_email`, the
    administration is written to there (and about its answer later) in `contact_language` (an
    offered language; the active one, the page's, when not given or not offered).

    Refused with EventError (nothing stored): another type of event, an event no longer being
    staffed (planned or postponed), an institution outside the Member States, or an ask already
    waiting for an answer or agreed (record its answer or withdraw it first)."""
    if not is_study_visit(event):
        raise EventError(_(NOT_A_STUDY_VISIT), "institution")
    contact_email = (contact_email or "").strip()
    if not contact_email:
        contact_language = ""
    elif not is_offered(contact_language):
        contact_language = active_offered_language()
    if institution is None:
        raise EventError(_("Choose the Member State administration to ask."), "institution")
    with transaction.atomic():
        current = locked_event(event)
        if current.state not in STAFFING_STATES:
            raise EventError(
                _(
                    "The event is %(state)s: its host can be asked only while it is planned or "
                    "postponed."
                )
                % {"state": current.get_state_display().lower()}
            )
        day = current.start_date or date.today()
        if not institution.country.is_member_state_on(day):
            raise EventError(_(NOT_A_MEMBER_STATE), "institution")
        waiting = open_agreement(current)
        if waiting is not None:
            raise EventError(
                _(
                    "%(name)s is already %(state)s for this study visit: record its answer or "
                    "withdraw the ask first."
                )
                % {"name": waiting.institution.name, "state": waiting.get_state_display().lower()},
                "institution",
            )
        try:
            with transaction.atomic():
                agreement = HostAgreement.objects.create(
                    event=current,
                    institution=institution,
                    asked_by=actor,
                    contact_email=contact_email,
                    contact_language=contact_language,
                )
        except IntegrityError:
            raise EventError(
                _("Another host is already asked for this study visit."), "institution"
            ) from None
        note = (note or "").strip()
        log_action(agreement, actor=actor, action="ask_host", to_state=H.ASKED, note=note)
        log_action(
            current,
            actor=actor,
            action="ask_host",
            note=f"{institution.name} ({institution.country.name}) asked to host the study "
            f"visit.{' ' + note if note else ''}",
            data={"host_agreement": agreement.pk, "institution": institution.pk},
        )
        notify_host_move(agreement, actor=actor, note=note)
    return agreement


def record_host_answer(agreement, *, actor, agreed, reason=""):
    """Record the host's answer: agreed (it becomes the event's host; an event without a venue
    takes the host's country and its capital's time zone) or declined with a reason (required).
    A host that agreed may withdraw later (declined) while the event is planned or postponed;
    the event then has no host until another agrees."""
    reason = (reason or "").strip()
    if not agreed and not reason:
        raise EventError(_("Give the reason the host declined."), "reason")
    with transaction.atomic():
        event = locked_event(agreement.event)
        if event.state not in STAFFING_STATES:
            raise EventError(
                _(
                    "The event is %(state)s: its host's answer can be recorded only while it is "
                    "planned or postponed; postpone the event to change its host."
                )
                % {"state": event.get_state_display().lower()}
            )
        institution = agreement.institution
        target = H.AGREED if agreed else H.DECLINED
        moved = transition(
            agreement,
            target,
            actor=actor,
            note=reason,
            changes={"answered_at": timezone.now(), "reason": reason},
        )
        event_changes = {}
        if agreed:
            event.host_institution = institution
            event_changes["host_institution"] = institution.pk
            fields = ["host_institution", "updated_at"]
            if event.venue_country_id is None:
                event.venue_country = institution.country
                event.time_zone = capital_time_zone(institution.country.code) or event.time_zone
                fields += ["venue_country", "time_zone"]
                event_changes["venue_country"] = institution.country.code
            event.save(update_fields=fields)
            note = f"{institution.name} agreed to host the study visit."
        else:
            if event.host_institution_id == institution.pk:
                event.host_institution = None
                event.save(update_fields=["host_institution", "updated_at"])
                event_changes["host_institution"] = None
            note = f"{institution.name} declined to host the study visit. Reason: {reason}"
        log_action(
            event,
            actor=actor,
            action="host_agreed" if agreed else "host_declined",
            note=note,
            data={"host_agreement": moved.pk, **event_changes},
        )
        notify_host_move(moved, actor=actor, note=reason)
    return moved


def withdraw_host_request(agreement, *, actor, reason):
    """The case handler withdraws an ask still waiting for an answer (to ask another host), for
    a reason (required)."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError(_("Give the reason the ask is withdrawn."), "reason")
    with transaction.atomic():
        event = locked_event(agreement.event)
        moved = transition(
            agreement,
            H.WITHDRAWN,
            actor=actor,
            note=reason,
            changes={"answered_at": timezone.now(), "reason": reason},
        )
        log_action(
            event,
            actor=actor,
            action="withdraw_host_request",
            note=f"The ask to {moved.institution.name} is withdrawn. Reason: {reason}",
            data={"host_agreement": moved.pk},
        )
        notify_host_move(moved, actor=actor, note=reason)
    return moved


def may_arrange_host(event):
    """Whether the host section offers its forms: a study visit planned or postponed."""
    return is_study_visit(event) and event.state in (EventState.PLANNED, EventState.POSTPONED)
