"""The e-mails a participant gets about their registration: approved (with the meeting link of
an online or hybrid event), on the waiting list, moved up from it, cancelled, rejected. The
approval and the waiting list carry the participant's personal link to their own page. Each is
written in the language kept with the registration (core.mail.notify, Participant.language)."""

from django.template.loader import render_to_string
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taiex.core.mail import notify

from .queries.participants import meeting_link_of
from .services.personal_links import registration_path

SUBJECTS = {
    "approved": _("{reference}: your participation is confirmed"),
    "moved_up": _("{reference}: a seat became free: your participation is confirmed"),
    "waitlisted": _("{reference}: you are on the waiting list"),
    "cancelled": _("{reference}: your registration is cancelled"),
    "rejected": _("{reference}: your registration is not accepted"),
}


def _event_line(event):
    return render_to_string("events/participants/email/_event.txt", {"event": event})


# The event's reference, title, dates and place, written when the e-mail is rendered (in the
# participant's language: the dates' month names).
event_line = lazy(_event_line, str)


def notify_participant(participant, kind, *, reason=""):
    """One e-mail to the participant's address, sent after the transaction commits."""
    event = participant.event
    return notify(
        [participant],
        subject=format_lazy(SUBJECTS[kind], reference=event.reference),
        template=f"events/participants/email/{kind}.txt",
        context={
            "participant": participant,
            "event": event,
            "event_line": event_line(event),
            "reason": reason,
            "meeting_link": meeting_link_of(event),
            "own_path": registration_path(participant),
        },
    )
