"""The moves of an event's life: confirm, postpone, cancel, mark implemented, close; and what is
missing before it may be confirmed or closed.

Each move locks the event, checks its preconditions under the lock, goes through the workflow's
one transition() (which writes the audit log) and notifies the people concerned after commit.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.core.dates import period_label
from taiex.reference.enums import Modality

from ..enums import EventState
from ..models import AgendaSession, Event, EventExpert
from ..notifications import period_text
from ..workflow import transition
from .errors import EventError
from .hosting import host_missing
from .limits import limit_problems


def accepted_experts_count(event):
    return EventExpert.objects.current().filter(event=event).count()


def confirmation_missing(event):
    """What stops `event` from being confirmed, as sentences a person can act on (empty when
    nothing is missing): dates, the experts it needs (a study visit: its host's agreement), an
    agenda within its dates, and the meeting link of an online or hybrid event."""
    missing = []
    if event.start_date is None or event.end_date is None:
        missing.append(_("Set the start and end dates of the event."))
    missing.extend(host_missing(event))
    needed = event.experts_needed
    accepted = accepted_experts_count(event)
    if accepted < needed:
        missing.append(
            # Two counts, each with its plural: "3 experts needed; 1 has accepted so far."
            _("%(needed)s; %(accepted)s so far.")
            % {
                "needed": ngettext("%(count)s expert needed", "%(count)s experts needed", needed)
                % {"count": needed},
                "accepted": ngettext("%(count)s has accepted", "%(count)s have accepted", accepted)
                % {"count": accepted},
            }
        )
    sessions = list(AgendaSession.objects.filter(event=event).order_by("day", "starts_at", "id"))
    if not sessions:
        missing.append(_("Add at least one session to the agenda."))
    elif event.start_date and event.end_date:
        for session in sessions:
            if not event.start_date <= session.day <= event.end_date:
                missing.append(
                    _(
                        "The session “%(title)s” on %(day)s is outside the event's dates "
                        "(%(dates)s)."
                    )
                    % {
                        "title": session.title,
                        "day": date_format(session.day, "DATE_FORMAT"),
                        "dates": period_text(event.start_date, event.end_date),
                    }
                )
    if event.modality in (Modality.ONLINE, Modality.HYBRID) and not event.meeting_link:
        missing.append(
            _("Give the meeting link of this %(modality)s event.")
            % {"modality": event.get_modality_display().lower()}
        )
    problems = limit_problems(
        event,
        start_date=event.start_date,
        end_date=event.end_date,
        experts=max(needed, accepted),
        participants=event.capacity,
    )
    missing.extend(problem.message for problem in problems)
    return missing


def closing_blockers(event):
    """What stops `event` from closing: attendance, fee statements and the mission report, as
    sentences (empty when nothing is missing). Each part answers for itself."""
    from .fees import statements_missing
    from .participants import attendance_missing
    from .reports import report_missing

    return [*attendance_missing(event), *statements_missing(event), *report_missing(event)]


def locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def after_commit(event, move, *, actor, note="", data=None):
    """Queue the notifications of a move (imported here: notifications import the services'
    formatting)."""
    from ..notifications import notify_event_move

    return lambda: notify_event_move(event, move, actor=actor, note=note, data=data or {})


def confirm_event(event, *, actor, note=""):
    """Confirm a planned or postponed event: its dates, experts and agenda are fixed.

    Refused with EventError listing every missing item (see `confirmation_missing`); on success
    the audit log has the move and the applicant, NCPs, experts and participants are told."""
    with transaction.atomic():
        current = locked(event)
        missing = confirmation_missing(current)
        if current.state in (EventState.PLANNED, EventState.POSTPONED) and missing:
            raise EventError(
                _("The event cannot be confirmed yet. %(missing)s") % {"missing": " ".join(missing)}
            )
        return transition(
            event,
            EventState.CONFIRMED,
            actor=actor,
            note=note,
            on_commit=after_commit(event, "confirm", actor=actor, note=note),
        )


def postpone_event(event, *, actor, start_date, end_date, reason):
    """Postpone a planned or confirmed event to new dates, for a reason (required).

    Records the new dates and the reason, moves every agenda session by as many days as the
    start moved, writes the old and new dates in the audit log, and tells the people concerned.
    """
    reason = (reason or "").strip()
    if not reason:
        raise EventError(_("Give the reason for the postponement."), "reason")
    if start_date is None:
        raise EventError(_("Give the new start date."), "start_date")
    if end_date is None:
        raise EventError(_("Give the new end date."), "end_date")
    if end_date < start_date:
        raise EventError(_("The end date must be on or after the start date."), "end_date")
    with transaction.atomic():
        current = locked(event)
        old_start, old_end = current.start_date, current.end_date
        if (old_start, old_end) == (start_date, end_date):
            raise EventError(
                _("These are the event's current dates; give the new dates."), "start_date"
            )
        problems = limit_problems(
            current,
            start_date=start_date,
            end_date=end_date,
            experts=max(current.experts_needed, accepted_experts_count(current)),
            participants=current.capacity,
        )
        if problems:
            raise EventError(" ".join(p.message for p in problems), problems[0].field)
        old_dates = period_label(old_start, old_end)
        new_dates = period_label(start_date, end_date)
        note = f"Postponed from {old_dates} to {new_dates}. Reason: {reason}"
        data = {
            "old_start_date": old_start.isoformat() if old_start else None,
            "old_end_date": old_end.isoformat() if old_end else None,
            "new_start_date": start_date.isoformat(),
            "new_end_date": end_date.isoformat(),
        }
        moved = transition(
            event,
            EventState.POSTPONED,
            actor=actor,
            note=note,
            changes={
                "start_date": start_date,
                "end_date": end_date,
                "postponement_reason": reason,
            },
            data=data,
            on_commit=after_commit(event, "postpone", actor=actor, note=reason, data=data),
        )
        if old_start is not None:
            shift_sessions(current, days=(start_date - old_start).days)
    return moved


def shift_sessions(event, *, days):
    """Move every session of the agenda by `days` days (the week-day pattern stays)."""
    if not days:
        return
    sessions = list(AgendaSession.objects.filter(event=event))
    for session in sessions:
        session.day += timedelta(days=days)
    AgendaSession.objects.bulk_update(sessions, ["day"])


def cancel_event(event, *, actor, reason):
    """Cancel a planned, confirmed or postponed event; the reason is required and is sent to
    the people concerned."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError(_("Give the reason for the cancellation."), "reason")
    return transition(
        event,
        EventState.CANCELLED,
        actor=actor,
        note=reason,
        changes={"cancellation_reason": reason},
        on_commit=after_commit(event, "cancel", actor=actor, note=reason),
    )


def mark_event_implemented(event, *, actor, participants_count=None, note=""):
    """Record that a confirmed event took place (with the number of participants when known).

    Refused before the event's first day: an event cannot have taken place before it starts.
    """
    changes = {}
    today = timezone.localdate()
    if event.start_date is not None and event.start_date > today:
        raise EventError(
            _(
                "The event starts on %(day)s; it can be marked as implemented once it has taken "
                "place."
            )
            % {"day": date_format(event.start_date, "DATE_FORMAT")}
        )
    if participants_count is not None:
        if participants_count < 0:
            raise EventError(
                _("The number of participants cannot be negative."), "participants_count"
            )
        changes["participants_count"] = participants_count
    return transition(
        event,
        EventState.IMPLEMENTED,
        actor=actor,
        note=note,
        changes=changes,
        on_commit=after_commit(event, "mark_implemented", actor=actor, note=note),
    )


def close_event(event, *, actor, note=""):
    """Close an implemented event once nothing is missing (attendance, fee statements, mission
    report); refused with EventError listing every missing item otherwise."""
    with transaction.atomic():
        current = locked(event)
        if current.state == EventState.IMPLEMENTED:
            blockers = closing_blockers(current)
            if blockers:
                raise EventError(
                    _("The event cannot be closed yet. %(missing)s")
                    % {"missing": " ".join(blockers)}
                )
        return transition(
            event,
            EventState.CLOSED,
            actor=actor,
            note=note,
            on_commit=after_commit(event, "close", actor=actor, note=note),
        )
