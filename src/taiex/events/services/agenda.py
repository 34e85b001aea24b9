"""Writes on an event's agenda: add, change and delete sessions; and its PDF.

A session's day and times are local to the venue (`event.time_zone`); its day lies within the
event's dates, its speakers are experts who accepted to take part, its language is one of the
event's working languages when those are set.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from taiex.core.audit import log_action
from taiex.core.dates import day_label

from ..enums import PREPARATION_STATES
from ..models import AgendaSession
from ..queries.agenda import accepted_experts_of, agenda_days, time_zone_label
from .errors import EventError

SESSION_FIELDS = [
    "day",
    "starts_at",
    "ends_at",
    "title",
    "description",
    "language",
    "interpretation",
]


def agenda_is_editable(event):
    return event.state in PREPARATION_STATES


def session_problems(event, values):
    """What is wrong with a session's `values` for `event`, as (field, message) pairs."""
    problems = []
    day = values.get("day")
    if event.start_date is None or event.end_date is None:
        problems.append(("day", _("Set the dates of the event before building its agenda.")))
    elif day is not None and not event.start_date <= day <= event.end_date:
        problems.append(
            (
                "day",
                _("The session must take place between %(start)s and %(end)s.")
                % {
                    "start": date_format(event.start_date, "DATE_FORMAT"),
                    "end": date_format(event.end_date, "DATE_FORMAT"),
                },
            )
        )
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems.append(("ends_at", _("The session must end after it starts.")))
    speakers = values.get("speakers") or []
    if speakers:
        allowed = set(accepted_experts_of(event).values_list("pk", flat=True))
        if any(expert.pk not in allowed for expert in speakers):
            problems.append(
                ("speakers", _("Choose speakers among the experts who accepted to take part."))
            )
    language = values.get("language")
    if language is not None:
        languages = list(event.working_languages.all())
        if languages and language not in languages:
            names = ", ".join(item.name for item in languages)
            problems.append(
                (
                    "language",
                    _("Choose one of the working languages of the event: %(names)s.")
                    % {"names": names},
                )
            )
    return problems


def not_editable_message(event):
    return _("The agenda of an event that is %(state)s can no longer change.") % {
        "state": event.get_state_display().lower()
    }


def check_session(event, values):
    if not agenda_is_editable(event):
        raise EventError(not_editable_message(event))
    problems = session_problems(event, values)
    if problems:
        field, message = problems[0]
        raise EventError(message, field)


def add_session(event, *, actor, values):
    """Add a session to the agenda of `event` (values: SESSION_FIELDS and `speakers`) and log
    it on the event."""
    with transaction.atomic():
        check_session(event, values)
        session = AgendaSession.objects.create(
            event=event, **{name: values[name] for name in SESSION_FIELDS if name in values}
        )
        session.speakers.set(values.get("speakers") or [])
        log_action(event, actor=actor, action="add_session", note=session_label(session))
    return session


def change_session(session, *, actor, values):
    """Change a session of the agenda and log it on the event."""
    event = session.event
    with transaction.atomic():
        check_session(event, values)
        for name in SESSION_FIELDS:
            if name in values:
                setattr(session, name, values[name])
        session.save()
        if "speakers" in values:
            session.speakers.set(values["speakers"] or [])
        log_action(event, actor=actor, action="change_session", note=session_label(session))
    return session


def delete_session(session, *, actor):
    """Remove a session from the agenda and log it on the event."""
    event = session.event
    if not agenda_is_editable(event):
        raise EventError(not_editable_message(event))
    with transaction.atomic():
        note = session_label(session)
        session.delete()
        log_action(event, actor=actor, action="delete_session", note=note)


def session_label(session):
    return (
        f"{day_label(session.day)} {session.starts_at:%H:%M}-{session.ends_at:%H:%M} "
        f"{session.title}"
    )


def agenda_html(event, *, base_url=""):
    """The printable agenda of `event` as HTML (the source of its PDF)."""
    return render_to_string(
        "events/agenda_pdf.html",
        {"event": event, "days": agenda_days(event), "time_zone": time_zone_label(event)},
    )


def agenda_pdf(event):
    """The agenda of `event` as PDF bytes (WeasyPrint; no external resources are fetched)."""
    from weasyprint import HTML

    return HTML(string=agenda_html(event)).write_pdf()
