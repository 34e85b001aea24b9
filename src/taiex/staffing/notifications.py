"""Who hears about calls and invitations, and the e-mail they get."""

from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from taiex.core.lazy_text import lazy_format
from taiex.core.mail import notify
from taiex.reference.translation import lazy_name

# The invitation's role in lower case, made when read (in the recipient's language).
lazy_role = lazy(lambda invitation: str(invitation.get_role_display()).lower(), str)


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
        subject=lazy_format(
            _("Invitation to %(event)s: %(title)s"),
            event=invitation.event.reference,
            title=invitation.event.title,
        ),
        template="staffing/invitations/email/invited.txt",
        context={"invitation": invitation, "event": invitation.event, "link_path": link_path},
    )


def notify_reminder(invitation, *, link_path):
    return notify(
        [invitation.expert.user],
        subject=lazy_format(
            _("Reminder: invitation to %(event)s"), event=invitation.event.reference
        ),
        template="staffing/invitations/email/reminder.txt",
        context={"invitation": invitation, "event": invitation.event, "link_path": link_path},
    )


# move -> (subject, sentence of the e-mail), made in the recipient's language.
ANSWERS = {
    "accepted": (
        _("%(event)s: %(expert)s accepted the invitation"),
        _(
            "%(expert)s (%(member_state)s) accepted the invitation as %(role)s to the event "
            '%(event)s "%(title)s".'
        ),
    ),
    "declined": (
        _("%(event)s: %(expert)s declined the invitation"),
        _(
            "%(expert)s (%(member_state)s) declined the invitation as %(role)s to the event "
            '%(event)s "%(title)s".'
        ),
    ),
    "expired": (
        _("%(event)s: %(expert)s did not answer the invitation before its deadline"),
        _(
            "%(expert)s (%(member_state)s) did not answer the invitation before its deadline as "
            '%(role)s to the event %(event)s "%(title)s".'
        ),
    ),
}


def notify_answer(invitation, move, *, actor=None):
    """The event's case handler hears that the expert accepted, declined or let it expire."""
    subject, sentence = ANSWERS[move]
    event = invitation.event
    names = {"event": event.reference, "expert": str(invitation.expert)}
    return notify(
        event_staff(invitation, exclude=actor),
        subject=lazy_format(subject, **names),
        template="staffing/invitations/email/answer.txt",
        context={
            "invitation": invitation,
            "event": invitation.event,
            "sentence": lazy_format(
                sentence,
                **names,
                member_state=lazy_name(invitation.expert.member_state),
                role=lazy_role(invitation),
                title=event.title,
            ),
            "path": reverse("events:detail", args=[invitation.event_id]),
        },
    )


def notify_withdrawn(invitation, *, reason):
    return notify(
        [invitation.expert.user],
        subject=lazy_format(
            _("Invitation to %(event)s withdrawn"), event=invitation.event.reference
        ),
        template="staffing/invitations/email/withdrawn.txt",
        context={"invitation": invitation, "event": invitation.event, "reason": reason},
    )
