"""The dated limits of an event (days, experts, participants of its type and window, reference
`AssistanceLimit`) checked at every step, and the exceptions that lift one limit for one event.

`limit_problems` is the one check: the details form, the postponement, the confirmation and the
invitation of experts call it with the numbers they are about to reach.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.core.audit import log_action
from taiex.reference.queries import limit_for

from ..enums import PREPARATION_STATES, LimitCode, LimitExceptionState
from ..limit_workflow import transition
from ..models import Event, LimitException
from .errors import EventError

# The form field each limit is about.
LIMIT_FIELDS = {
    LimitCode.MAX_DAYS: "end_date",
    LimitCode.MAX_EXPERTS: "experts_needed",
    LimitCode.MAX_PARTICIPANTS: "capacity",
}
UNITS = {
    LimitCode.MAX_DAYS: lambda n: ngettext("%(count)s day", "%(count)s days", n),
    LimitCode.MAX_EXPERTS: lambda n: ngettext("%(count)s expert", "%(count)s experts", n),
    LimitCode.MAX_PARTICIPANTS: lambda n: ngettext(
        "%(count)s participant", "%(count)s participants", n
    ),
}


@dataclass(frozen=True)
class LimitProblem:
    """One limit the event would exceed: its code, the form field, and a sentence."""

    code: str
    field: str
    message: str


def counted(code, number):
    return UNITS[code](number) % {"count": number}


def limit_of(event, day=None):
    """The AssistanceLimit of the event's type and window valid on `day` (its first day, else
    today), or None when the data has none."""
    day = day or event.start_date or timezone.localdate()
    window = event.window
    return limit_for(
        event.event_type, peer_to_peer=bool(window and window.is_peer_to_peer), day=day
    )


def granted_values(event, exceptions=None):
    """{limit code: the highest value granted by exception} for `event` (from `exceptions`, the
    event's exceptions already loaded, when given)."""
    if exceptions is None:
        exceptions = LimitException.objects.filter(event=event, state=LimitExceptionState.GRANTED)
    values = {}
    for exception in exceptions:
        if exception.state == LimitExceptionState.GRANTED:
            values[exception.limit] = max(exception.allowed_value, values.get(exception.limit, 0))
    return values


def allowed_maximum(event, code, *, day=None, limit=None, granted=None):
    """The most `code` allows for `event`: the dated limit, or the granted exception above it;
    None when there is no limit."""
    limit = limit if limit is not None else limit_of(event, day)
    maximum = getattr(limit, code, None) if limit is not None else None
    if maximum is None:
        return None
    granted = granted_values(event) if granted is None else granted
    return max(maximum, granted.get(code, 0))


def limit_problems(event, *, start_date=None, end_date=None, experts=None, participants=None):
    """The limits `event` would exceed with these numbers (each one left None is not checked):
    its dates (`start_date`, `end_date`: the span in days), `experts` and `participants`.
    Read on the first day given (else the event's), and lifted by a granted exception."""
    day = start_date or event.start_date
    limit = limit_of(event, day)
    if limit is None:
        return []
    granted = granted_values(event)
    asked = {}
    if start_date is not None and end_date is not None and end_date >= start_date:
        asked[LimitCode.MAX_DAYS] = (end_date - start_date).days + 1
    if experts is not None:
        asked[LimitCode.MAX_EXPERTS] = experts
    if participants is not None:
        asked[LimitCode.MAX_PARTICIPANTS] = participants
    type_name = event.get_event_type_display()

    problems = []
    for code, number in asked.items():
        maximum = getattr(limit, code)
        if maximum is None or number <= max(maximum, granted.get(code, 0)):
            continue
        at_most = counted(code, maximum)
        if granted.get(code, 0) > maximum:
            at_most = _("%(maximum)s (an exception allows %(allowed)s)") % {
                "maximum": at_most,
                "allowed": granted[code],
            }
        if limit.applies_to_peer_to_peer:
            sentence = _(
                "%(type)s in a peer-to-peer window: at most %(maximum)s; this would make "
                "%(number)s. Ask the head of unit for an exception to go beyond the limit."
            )
        else:
            sentence = _(
                "%(type)s: at most %(maximum)s; this would make %(number)s. Ask the head of unit "
                "for an exception to go beyond the limit."
            )
        values = {"type": type_name, "maximum": at_most, "number": counted(code, number)}
        problems.append(LimitProblem(code, LIMIT_FIELDS[code], sentence % values))
    return problems


def limits_summary(event, exceptions=None):
    """The limits of the event's type on its dates, each with what a granted exception allows,
    for the event's page: [(label, limit, allowed)]."""
    limit = limit_of(event)
    if limit is None:
        return []
    granted = granted_values(event, exceptions)
    rows = []
    for code, label in LimitCode.choices:
        maximum = getattr(limit, code)
        if maximum is not None:
            rows.append((label, maximum, max(maximum, granted.get(code, 0))))
    return rows


def request_limit_exception(event, *, actor, limit, allowed_value, reason):
    """The case handler asks the head of unit to let `event` go beyond one limit, up to
    `allowed_value`, for a reason (required).

    Refused with EventError (nothing stored): an event no longer prepared, an unknown limit, a
    limit its type does not have, a value within the limit, or a request already waiting for
    the same limit. Writes the audit log of the event and of the exception."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError(_("Give the reason for the exception."), "reason")
    if limit not in LimitCode.values:
        raise EventError(_("Choose the limit: days, experts or participants."), "limit")
    if event.state not in PREPARATION_STATES:
        raise EventError(
            _("The event is %(state)s: its limits can no longer change.")
            % {"state": event.get_state_display().lower()}
        )
    maximum = getattr(limit_of(event), limit, None)
    label = LimitCode(limit).label.lower()
    if maximum is None:
        raise EventError(
            _("This %(type)s has no limit of %(limit)s.")
            % {"type": event.get_event_type_display().lower(), "limit": label},
            "limit",
        )
    if allowed_value is None or allowed_value <= maximum:
        raise EventError(
            _("The limit is %(maximum)s; an exception asks for more.")
            % {"maximum": counted(limit, maximum)},
            "allowed_value",
        )
    try:
        with transaction.atomic():
            exception = LimitException.objects.create(
                event=event,
                limit=limit,
                allowed_value=allowed_value,
                reason=reason,
                requested_by=actor,
            )
            note = (
                f"Exception asked: {counted(limit, allowed_value)} instead of at most "
                f"{counted(limit, maximum)}. Reason: {reason}"
            )
            log_action(
                exception,
                actor=actor,
                action="request_limit_exception",
                to_state=LimitExceptionState.REQUESTED,
                note=reason,
            )
            log_action(
                event,
                actor=actor,
                action="request_limit_exception",
                note=note,
                data={"exception": exception.pk, "limit": limit, "allowed_value": allowed_value},
            )
    except IntegrityError:
        raise EventError(
            _(
                "An exception for the %(limit)s of this event is already waiting for the head "
                "of unit."
            )
            % {"limit": label},
            "limit",
        ) from None
    return exception


def decide_limit_exception(exception, *, actor, grant, note=""):
    """The head of unit grants or refuses an exception waiting for a decision; the note is
    required to refuse. Writes the audit log of the exception (the move) and of the event."""
    note = (note or "").strip()
    if not grant and not note:
        raise EventError(_("Say why the exception is refused."), "note")
    target = LimitExceptionState.GRANTED if grant else LimitExceptionState.REFUSED
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=exception.event_id)
        moved = transition(
            exception,
            target,
            actor=actor,
            note=note,
            changes={"decided_by": actor, "decided_at": timezone.now(), "decision_note": note},
        )
        verb = "granted" if grant else "refused"
        summary = (
            f"Exception {verb}: {counted(moved.limit, moved.allowed_value)} "
            f"(asked for: {moved.reason})."
        )
        log_action(
            moved.event,
            actor=actor,
            action=f"{'grant' if grant else 'refuse'}_limit_exception",
            note=f"{summary} {note}".strip(),
            data={"exception": moved.pk},
        )
    return moved
