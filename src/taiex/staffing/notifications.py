"""Who hears about calls and invitations, and the e-mail they get."""

from django.urls import reverse

from taiex.core.mail import notify


def event_staff(invitation, *, exclude=None):
    """The event's case handler, who staffs it (nobody when the event has none or they left)."""
    handler = invitation.event.case_handler
    if handler is None or not handler.is_active:
        return []
    if exclude is not None and handler.pk == exclude.pk:
        return []
    return [handler]


def notify_invited(invitation, *, link_path):
    """The expert gets the invitation with the signed link to answer it."""
    return notify(
        [invitation.expert.user],
        subject=f"Invitation to {invitation.event.reference}: {invitation.event.title}",
        template="staffing/invitations/email/invited.txt",
        context={"invitation": invitation, "event": invitation.event, "link_path": link_path},
    )


def notify_reminder(invitation, *, link_path):
    return notify(
        [invitation.expert.user],
        subject=f"Reminder: invitation to {invitation.event.reference}",
        template="staffing/invitations/email/reminder.txt",
        context={"invitation": invitation, "event": invitation.event, "link_path": link_path},
    )


ANSWER_SENTENCES = {
    "accepted": "accepted the invitation",
    "declined": "declined the invitation",
    "expired": "did not answer the invitation before its deadline",
}


def notify_answer(invitation, move, *, actor=None):
    """The event's case handler hears that the expert accepted, declined or let it expire."""
    return notify(
        event_staff(invitation, exclude=actor),
        subject=f"{invitation.event.reference}: {invitation.expert} {ANSWER_SENTENCES[move]}",
        template="staffing/invitations/email/answer.txt",
        context={
            "invitation": invitation,
            "event": invitation.event,
            "sentence": ANSWER_SENTENCES[move],
            "path": reverse("events:detail", args=[invitation.event_id]),
        },
    )


def notify_withdrawn(invitation, *, reason):
    return notify(
        [invitation.expert.user],
        subject=f"Invitation to {invitation.event.reference} withdrawn",
        template="staffing/invitations/email/withdrawn.txt",
        context={"invitation": invitation, "event": invitation.event, "reason": reason},
    )
