"""The e-mails a participant gets about their registration: approved (with the meeting link of
an online or hybrid event), on the waiting list, moved up from it, cancelled, rejected. The
approval and the waiting list carry the participant's personal link to their own page."""

from taiex.core.mail import notify

from .queries.participants import meeting_link_of
from .services.personal_links import registration_path

SUBJECTS = {
    "approved": "your participation is confirmed",
    "moved_up": "a seat became free: your participation is confirmed",
    "waitlisted": "you are on the waiting list",
    "cancelled": "your registration is cancelled",
    "rejected": "your registration is not accepted",
}


def notify_participant(participant, kind, *, reason=""):
    """One e-mail to the participant's address, sent after the transaction commits."""
    event = participant.event
    return notify(
        [participant],
        subject=f"{event.reference}: {SUBJECTS[kind]}",
        template=f"events/participants/email/{kind}.txt",
        context={
            "participant": participant,
            "event": event,
            "reason": reason,
            "meeting_link": meeting_link_of(event),
            "own_path": registration_path(participant),
        },
    )
