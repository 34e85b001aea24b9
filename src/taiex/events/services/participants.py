"""Writes on an event's participants: registration (by the focal point, the NCP, staff or the
private link), approval, the waiting list, cancellation, last-minute replacement, the
registration link and capacity, and attendance; and what is missing before the event closes."""

import secrets

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.core.personal_data import run_address_erasure_steps
from taiex.reference.enums import AssistanceType
from taiex.reference.translation import translated

from .. import participant_notifications as notifications
from ..enums import (
    PREPARATION_STATES,
    SEATED_STATES,
    EventState,
    LimitCode,
    ParticipantState,
)
from ..models import Attendance, BankAccount, Booking, Event, Participant, Travel, TravelReceipt
from ..participant_workflow import transition
from ..queries.participants import (
    LIVE_STATES,
    beneficiary_countries_of,
    event_days,
    missing_attendance_by_day,
    seated_count,
    waiting_list,
)
from .limits import allowed_maximum

S = ParticipantState
# Check codes avoid letters and digits that read alike (0/O, 1/I/L): 31 symbols, 12 of them
# give about 10^18 codes, which nobody guesses.
CHECK_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHECK_CODE_LENGTH = 12
NOT_IN_PREPARATION = gettext_lazy(
    "Registrations can change only while the event is being prepared (planned, confirmed or "
    "postponed)."
)


class ParticipantError(Exception):
    """A change to a registration that cannot be made, with a message a person can act on."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def new_check_code():
    while True:
        code = "".join(secrets.choice(CHECK_CODE_ALPHABET) for _ in range(CHECK_CODE_LENGTH))
        if not Participant.objects.filter(check_code=code).exists():
            return code


def locked_event(event):
    """The event row locked for the rest of the transaction: seats are counted and taken one
    registration at a time."""
    return Event.objects.select_for_update().get(pk=event.pk)


def require_preparation(event):
    if event.state not in PREPARATION_STATES:
        raise ParticipantError(NOT_IN_PREPARATION)


def study_visit_limit(event):
    """The most participants the study visit's type allows on its dates (or a granted
    exception above it)."""
    return allowed_maximum(event, LimitCode.MAX_PARTICIPANTS)


def check_country(event, country):
    countries = list(beneficiary_countries_of(event))
    if country not in countries:
        names = ", ".join(translated(each) for each in countries)
        raise ParticipantError(
            _("%(country)s is not a beneficiary of this event; participants come from: %(names)s.")
            % {"country": translated(country), "names": names},
            "country",
        )


def check_not_registered(event, email, *, exclude=None):
    live = Participant.objects.filter(event=event, email__iexact=email, state__in=LIVE_STATES)
    if exclude is not None:
        live = live.exclude(pk=exclude.pk)
    if live.exists():
        raise ParticipantError(
            _("%(email)s is already registered for this event.") % {"email": email}, "email"
        )


def state_for_new_registration(event):
    """requested while a seat is free, waitlisted beyond the capacity; a study visit's group
    refuses one more above its type's limit (it has no waiting list)."""
    seated = seated_count(event)
    if event.event_type == AssistanceType.STUDY_VISIT:
        limit = study_visit_limit(event)
        if limit is not None and seated >= limit:
            raise ParticipantError(
                _(
                    "The study visit group is full: a study visit takes at most %(limit)s "
                    "participants, and %(seated)s are registered."
                )
                % {"limit": limit, "seated": seated}
            )
        if event.capacity is not None and seated >= event.capacity:
            raise ParticipantError(
                _("The study visit group is full: its %(capacity)s places are taken.")
                % {"capacity": event.capacity}
            )
        return S.REQUESTED
    if event.capacity is not None and seated >= event.capacity:
        return S.WAITLISTED
    return S.REQUESTED


def register_participant(event, *, actor, via_link=False, **details):
    """Register one person for `event` and return the registration.

    `details`: full_name, email, institution, country, and optionally position, phone and
    language (the code of the language of the e-mails and documents sent to the person).
    Refused while the event is not being prepared, through a closed link, for a country that
    is not a beneficiary, for an e-mail already registered, and above a study visit's limit.
    Beyond the capacity the registration goes to the waiting list and the person is told by
    e-mail. Writes the audit log.
    """
    email = details["email"].strip()
    with transaction.atomic():
        event = locked_event(event)
        require_preparation(event)
        if via_link and not event.registration_open:
            raise ParticipantError(_("Registration through this link is closed."))
        check_country(event, details["country"])
        check_not_registered(event, email)
        state = state_for_new_registration(event)
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    event=event,
                    full_name=details["full_name"].strip(),
                    email=email,
                    institution=details["institution"].strip(),
                    country=details["country"],
                    position=details.get("position", "").strip(),
                    phone=details.get("phone", "").strip(),
                    language=details.get("language", ""),
                    state=state,
                    registered_by=None if via_link else actor,
                    check_code=new_check_code(),
                )
        except IntegrityError as error:
            message = _("%(email)s is already registered for this event.") % {"email": email}
            raise ParticipantError(message, "email") from error
        log_action(
            participant,
            actor=None if via_link else actor,
            action="register",
            to_state=state,
            note="Through the private registration link." if via_link else "",
        )
        if state == S.WAITLISTED:
            notifications.notify_participant(participant, "waitlisted")
    return participant


def approve_participant(participant, *, actor):
    """Approve a registration waiting for approval (or one on the waiting list when a seat is
    free). Refused when no seat is free. The participant gets the approval by e-mail."""
    with transaction.atomic():
        event = locked_event(participant.event)
        require_preparation(event)
        participant.refresh_from_db(fields=["state"])
        if event.capacity is not None:
            if participant.state == S.WAITLISTED:
                taken = seated_count(event)
            else:
                taken = (
                    Participant.objects.filter(event=event, state=S.APPROVED)
                    .exclude(pk=participant.pk)
                    .count()
                )
            if taken >= event.capacity:
                raise ParticipantError(
                    _(
                        "No seat is free; all %(capacity)s seats are taken. Cancel a "
                        "registration or raise the capacity first."
                    )
                    % {"capacity": event.capacity}
                )
        transition(participant, S.APPROVED, actor=actor)
        notifications.notify_participant(participant, "approved")
    return participant


def reject_participant(participant, *, actor, reason):
    """Reject a registration (waiting for approval or on the waiting list), with the reason the
    person is told; a freed seat goes to the first on the waiting list."""
    reason = (reason or "").strip()
    if not reason:
        raise ParticipantError(_("Give the reason for the rejection."), "reason")
    with transaction.atomic():
        event = locked_event(participant.event)
        require_preparation(event)
        participant.refresh_from_db(fields=["state"])
        was_seated = participant.state in SEATED_STATES
        transition(participant, S.REJECTED, actor=actor, note=reason)
        notifications.notify_participant(participant, "rejected", reason=reason)
        if was_seated:
            fill_free_seats(event, actor=actor)
    return participant


def cancel_participant(participant, *, actor, reason=""):
    """Cancel a registration; the person is told, and a freed seat goes to the first on the
    waiting list (moved up and told by e-mail)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        event = locked_event(participant.event)
        require_preparation(event)
        participant.refresh_from_db(fields=["state"])
        was_seated = participant.state in SEATED_STATES
        transition(participant, S.CANCELLED, actor=actor, note=reason)
        notifications.notify_participant(participant, "cancelled", reason=reason)
        if was_seated:
            fill_free_seats(event, actor=actor)
    return participant


def fill_free_seats(event, *, actor):
    """Move the waiting list up, first registered first, while seats are free; each one moved
    up is approved, logged and told by e-mail. Runs inside the caller's transaction, with the
    event locked. Returns who moved up."""
    moved = []
    for participant in waiting_list(event):
        if event.capacity is not None and seated_count(event) >= event.capacity:
            break
        transition(participant, S.APPROVED, actor=actor, note="A seat became free.")
        notifications.notify_participant(participant, "moved_up")
        moved.append(participant)
    return moved


def replace_participant(participant, *, actor, **details):
    """Give an approved participant's seat to another person at the last minute (until the
    event is implemented): the old registration becomes replaced, the new one is approved
    with `replaces` pointing to it, and the new person gets the approval by e-mail."""
    email = details["email"].strip()
    with transaction.atomic():
        event = locked_event(participant.event)
        require_preparation(event)
        participant.refresh_from_db(fields=["state"])
        check_country(event, details["country"])
        check_not_registered(event, email, exclude=participant)
        name = details["full_name"].strip()
        transition(participant, S.REPLACED, actor=actor, note=f"Replaced by {name}.")
        replacement = Participant.objects.create(
            event=event,
            full_name=name,
            email=email,
            institution=details["institution"].strip(),
            country=details["country"],
            position=details.get("position", "").strip(),
            phone=details.get("phone", "").strip(),
            language=details.get("language", ""),
            state=S.APPROVED,
            registered_by=actor,
            replaces=participant,
            check_code=new_check_code(),
        )
        log_action(
            replacement,
            actor=actor,
            action="register",
            to_state=S.APPROVED,
            note=f"Replaces {participant.full_name}.",
        )
        notifications.notify_participant(replacement, "approved")
    return replacement


def set_capacity(event, *, actor, capacity):
    """Set the seats of `event` (None: unlimited); more seats move the waiting list up."""
    if capacity is not None and capacity < 1:
        raise ParticipantError(
            _("The capacity is at least 1 seat; leave it empty for no limit."), "capacity"
        )
    with transaction.atomic():
        locked = locked_event(event)
        require_preparation(locked)
        before = locked.capacity
        locked.capacity = capacity
        locked.save(update_fields=["capacity", "updated_at"])
        log_action(
            locked,
            actor=actor,
            action="set_capacity",
            note=f"Capacity: {before or 'no limit'} -> {capacity or 'no limit'}.",
        )
        fill_free_seats(locked, actor=actor)
    event.capacity = capacity
    return event


def change_registration_link(event, *, actor, action):
    """Open, close or reset the private registration link of `event`.

    open: makes a token when there is none and accepts registrations; close: stops them (the
    address stays); reset: a new unguessable token, the old address stops working at once.
    """
    with transaction.atomic():
        locked = locked_event(event)
        if action in ("open", "reset"):
            require_preparation(locked)
        if action == "open":
            locked.registration_token = locked.registration_token or secrets.token_urlsafe(32)
            locked.registration_open = True
        elif action == "close":
            locked.registration_open = False
        elif action == "reset":
            locked.registration_token = secrets.token_urlsafe(32)
        else:
            raise ValueError(action)
        locked.save(update_fields=["registration_token", "registration_open", "updated_at"])
        log_action(locked, actor=actor, action=f"{action}_registration_link")
    event.registration_token = locked.registration_token
    event.registration_open = locked.registration_open
    return event


def attendance_can_be_recorded(event):
    """Attendance is recorded once the event is implemented, or from its first day on."""
    if event.state == EventState.IMPLEMENTED:
        return True
    return (
        event.state in PREPARATION_STATES
        and event.start_date is not None
        and timezone.localdate() >= event.start_date
    )


def record_attendance(event, *, actor, presence):
    """Record who was there: `presence` maps (participant id, day) to True or False for the
    approved participants and the days of the event. Writes one row per participant and day
    (updating what was recorded before) and one audit entry."""
    if not attendance_can_be_recorded(event):
        raise ParticipantError(
            _("Attendance is recorded once the event is implemented or from its first day.")
        )
    days = set(event_days(event))
    approved = set(
        Participant.objects.filter(event=event, state=S.APPROVED).values_list("pk", flat=True)
    )
    unknown = [key for key in presence if key[0] not in approved or key[1] not in days]
    if unknown:
        raise ParticipantError(
            _("Attendance is recorded only for approved participants on the event's days.")
        )
    now = timezone.now()
    with transaction.atomic():
        existing = {
            (row.participant_id, row.day): row
            for row in Attendance.objects.select_for_update().filter(participant_id__in=approved)
        }
        changed, created = [], []
        for (participant_id, day), present in presence.items():
            row = existing.get((participant_id, day))
            if row is None:
                created.append(
                    Attendance(
                        participant_id=participant_id,
                        day=day,
                        present=present,
                        recorded_by=actor,
                        recorded_at=now,
                    )
                )
            elif row.present != present:
                row.present, row.recorded_by, row.recorded_at = present, actor, now
                changed.append(row)
        Attendance.objects.bulk_create(created)
        Attendance.objects.bulk_update(changed, ["present", "recorded_by", "recorded_at"])
        log_action(
            event,
            actor=actor,
            action="record_attendance",
            data={
                "recorded": len(created),
                "changed": len(changed),
                "present": sum(1 for value in presence.values() if value),
            },
        )
    return len(created) + len(changed)


def attendance_missing(event):
    """What of this part is missing before `event` may close: a list of sentences, empty when
    nothing is missing.

    Workshops and study visits need approved participants; an expert mission may have none.
    With approved participants, every day of the event needs a record for each of them.
    """
    if not Participant.objects.filter(event=event, state=S.APPROVED).exists():
        if event.event_type == AssistanceType.EXPERT_MISSION:
            return []
        return [_("No participant is registered.")]
    if event.start_date is None:
        return [_("The event has no dates; attendance cannot be recorded.")]
    return [
        ngettext(
            "Attendance is not recorded for %(day)s (%(count)s participant).",
            "Attendance is not recorded for %(day)s (%(count)s participants).",
            missing,
        )
        % {"day": date_format(day, "DATE_FORMAT"), "count": missing}
        for day, missing in missing_attendance_by_day(event).items()
    ]


ERASED_NAME = "Erased participant"
ERASED_DOMAIN = "erased.invalid"
LIVE_REGISTRATION_STATES = [
    ParticipantState.REQUESTED,
    ParticipantState.APPROVED,
    ParticipantState.WAITLISTED,
]


def is_erased(participant):
    return participant.email.endswith("@" + ERASED_DOMAIN)


def erasure_refusal(participant, event):
    """Why the personal data of `participant` (of `event`) cannot be erased now, or ""."""
    if is_erased(participant):
        return _("The personal data of this participant is already erased.")
    if participant.state in LIVE_REGISTRATION_STATES and event.state in PREPARATION_STATES:
        return _(
            "Cancel the registration first: while the event is being prepared it needs the "
            "details of its registered participants."
        )
    return ""


def anonymise_participant(participant):
    """The registration loses the person's name, passport name, address, phone, position, note
    and account,
    their travel its places and flights, the audit rows of the registration and the event's
    history the name, and the evaluation links of the event sent to the address are
    anonymised (registered address erasure steps). A travelling participant's bank details go
    entirely, and the files and journeys of their receipts (the amounts, states and statement
    stay, as the experts' statements do). The caller holds the row lock."""
    Participant.objects.filter(pk=participant.pk).update(
        full_name=ERASED_NAME,
        email=f"participant-{participant.pk}@{ERASED_DOMAIN}",
        phone="",
        passport_name="",
        position="",
        note="",
        user=None,
        updated_at=timezone.now(),
    )
    Travel.objects.filter(participant=participant).update(
        from_place="", to_place="", flight_details="", note=""
    )
    erase_travel_costs_data(participant)
    Booking.objects.filter(participant=participant).update(note="")
    ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(Participant),
        object_id=str(participant.pk),
    ).update(object_repr=ERASED_NAME)
    # The event's history names the person in some notes ("Travel of ...: booked.").
    if participant.full_name:
        ActivityLog.objects.filter(
            content_type=ContentType.objects.get_for_model(Event),
            object_id=str(participant.event_id),
            note__contains=participant.full_name,
        ).update(note=Replace("note", Value(participant.full_name), Value(ERASED_NAME)))
    run_address_erasure_steps(participant.email, event_ids=[participant.event_id])


def erase_travel_costs_data(participant):
    """The bank account of `participant` (its audit rows lose the name) and their receipts'
    files, original names and journeys; the files leave the storage once this commits."""
    accounts = BankAccount.objects.filter(participant=participant)
    ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(BankAccount),
        object_id__in=[str(pk) for pk in accounts.values_list("pk", flat=True)],
    ).update(object_repr=ERASED_NAME, note="Bank details of an erased participant.")
    accounts.delete()
    receipts = TravelReceipt.objects.filter(participant=participant).exclude(file="")
    for receipt in receipts:
        storage, name = receipt.file.storage, receipt.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    receipts.update(file="", original_name="(erased)", description="")


def erase_participant(participant, *, actor, reason):
    """Erase the personal data of a registration on request: name, e-mail, phone, position,
    note, the link to an account, and the places and flights of the person's travel. The
    registration stays (state, institution, country, attendance, check code), so counts and
    statistics do not change; a certificate's check code then shows the erased name.

    Refused without a reason, for data already erased, and for a live registration of an
    event still being prepared (cancel it first: the event needs the person's details)."""
    reason = (reason or "").strip()
    if not reason:
        raise ParticipantError(
            _("Say why the personal data is erased (for example: at the person's request)."),
            "reason",
        )
    with transaction.atomic():
        locked = (
            Participant.objects.select_for_update().select_related("event").get(pk=participant.pk)
        )
        refusal = erasure_refusal(locked, locked.event)
        if refusal:
            raise ParticipantError(refusal)
        anonymise_participant(locked)
        log_action(
            locked.event,
            actor=actor,
            action="erase_participant",
            note=f"Personal data of participant no. {locked.pk} erased: {reason}",
        )
    participant.refresh_from_db()
    return participant
