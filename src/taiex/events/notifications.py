"""Who hears about the moves of an event, and the e-mail they get: written in each recipient's
language (core.mail.notify renders the lazy subject and sentence inside it)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from taiex.accounts.enums import Role
from taiex.core.mail import notify

from .enums import ParticipantState
from .models import Event, Participant

# Participants hear about the moves that change whether and when they travel.
PARTICIPANT_MOVES = {"confirm", "postpone", "cancel"}
LIVE_PARTICIPANT_STATES = [
    ParticipantState.APPROVED,
    ParticipantState.REQUESTED,
    ParticipantState.WAITLISTED,
]
SUBJECTS = {
    "confirm": gettext_lazy("{reference}: confirmed"),
    "postpone": gettext_lazy("{reference}: postponed"),
    "cancel": gettext_lazy("{reference}: cancelled"),
    "mark_implemented": gettext_lazy("{reference}: implemented"),
    "close": gettext_lazy("{reference}: closed"),
}


def period_text(start, end):
    """The dates of the event in the active language: "1 Oct 2024 to 3 Oct 2024" (English),
    "du 1 octobre 2024 au 3 octobre 2024" (French); one day once."""
    if start is None:
        return gettext("no dates")
    if end is None or end == start:
        return date_format(start, "DATE_FORMAT")
    return gettext("%(start)s to %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(end, "DATE_FORMAT"),
    }


def sentence_for(event, move, data):
    """What happened to the event, in the active language (after "The event … ")."""
    if move == "confirm":
        return gettext("is confirmed: it takes place %(period)s.") % {
            "period": period_text(event.start_date, event.end_date)
        }
    if move == "postpone":
        return gettext("is postponed to %(period)s.") % {
            "period": period_text(event.start_date, event.end_date)
        }
    if move == "cancel":
        return gettext("is cancelled.")
    if move == "mark_implemented":
        return gettext("took place and is recorded as implemented.")
    return gettext("is closed.")


# Made when the e-mail is rendered, in the language of each recipient.
lazy_sentence = lazy(sentence_for, str)


def accepted_experts(event):
    return [
        place.expert.user
        for place in event.event_experts.current().select_related("expert__user").order_by("pk")
        if place.expert.user.is_active
    ]


def people_with_access(event):
    """The applicant, the NCPs of every beneficiary of the event and its case handler: the
    people who follow it on its page."""
    User = get_user_model()
    active = User.objects.filter(is_active=True)
    countries = [event.beneficiary_id, *event.other_beneficiaries.values_list("pk", flat=True)]
    people = list(
        active.filter(memberships__role=Role.NCP, memberships__country_id__in=countries).distinct()
    )
    application = event.application
    if application is not None and application.created_by_id:
        people += list(active.filter(pk=application.created_by_id))
    if event.case_handler_id:
        people += list(active.filter(pk=event.case_handler_id))
    return people


def recipients_of(event, move, *, actor=None):
    """Everybody concerned by `move`, once each, the actor left out: users first (applicant,
    NCPs, case handler, accepted experts), then participants (for confirm, postpone, cancel)."""
    users = {user.pk: user for user in [*people_with_access(event), *accepted_experts(event)]}
    if actor is not None:
        users.pop(actor.pk, None)
    recipients = sorted(users.values(), key=lambda user: user.email)
    if move in PARTICIPANT_MOVES:
        actor_email = (getattr(actor, "email", "") or "").lower()
        participants = Participant.objects.filter(
            event=event, state__in=LIVE_PARTICIPANT_STATES
        ).order_by("email")
        recipients += [p for p in participants if p.email.lower() != actor_email]
    return recipients


def notify_event_move(event, move, *, actor=None, note="", data=None):
    """Send the e-mail of `move` to the people concerned. Accepted experts and approved
    participants (the people registered for the event) also get the meeting link of an online
    or hybrid event."""
    # Re-read: the move's caller may still hold the event as it was before the move.
    event = Event.objects.select_related("application").get(pk=event.pk)
    recipients = recipients_of(event, move, actor=actor)
    page_readers = {user.email.lower() for user in people_with_access(event)}
    registered = {user.email.lower() for user in accepted_experts(event)} | {
        email.lower()
        for email in Participant.objects.filter(
            event=event, state=ParticipantState.APPROVED
        ).values_list("email", flat=True)
    }
    return notify(
        recipients,
        subject=format_lazy(SUBJECTS[move], reference=event.reference),
        template="events/email/move.txt",
        context={
            "event": event,
            "sentence": lazy_sentence(event, move, data or {}),
            "note": note,
            "actor": actor,
            "move": move,
            "page_readers": page_readers,
            "registered": registered,
            "shows_link": move in ("confirm", "postpone") and bool(event.meeting_link),
            "path": reverse("events:detail", args=[event.pk]),
        },
    )
