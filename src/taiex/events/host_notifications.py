"""Who hears about a study visit's host, and the e-mail they get (`events/email/host.txt`).

- asked: the administration, at the contact address the case handler gave with the ask;
- agreed or declined: the administration (its answer is recorded) and the people who follow the
  event (the applicant, the NCPs of its beneficiaries, its case handler);
- withdrawn: the administration (it is no longer asked) and the same people.

The actor is left out; each goes through `notify`, so the people with an account also find it in
their inbox, in their language."""

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from taiex.core.languages import TypedAddress
from taiex.core.mail import notify

from .enums import HostAgreementState as H
from .notifications import people_with_access

SUBJECTS = {
    H.ASKED: _("{reference}: will you host a study visit?"),
    H.AGREED: _("{reference}: host of the study visit agreed"),
    H.DECLINED: _("{reference}: host of the study visit declined"),
    H.WITHDRAWN: _("{reference}: the ask to host the study visit is withdrawn"),
}


def host_recipients(agreement, *, actor=None):
    """The host's contact address (if the ask has one, written to in the language kept with it),
    then the people who follow the event (not for an ask: the host has not answered yet), once
    each, the actor left out."""
    recipients = (
        [TypedAddress(agreement.contact_email, agreement.contact_language)]
        if agreement.contact_email
        else []
    )
    if agreement.state != H.ASKED:
        recipients += sorted(people_with_access(agreement.event), key=lambda user: user.email)
    actor_email = (getattr(actor, "email", "") or "").lower()
    seen, result = set(), []
    for recipient in recipients:
        address = getattr(recipient, "email", recipient).lower()
        if address and address != actor_email and address not in seen:
            seen.add(address)
            result.append(recipient)
    return result


def notify_host_move(agreement, *, actor=None, note=""):
    """The e-mail of the agreement's new state (asked, agreed, declined or withdrawn)."""
    event = agreement.event
    recipients = host_recipients(agreement, actor=actor)
    page_readers = {user.email.lower() for user in people_with_access(event)}
    return notify(
        recipients,
        subject=format_lazy(SUBJECTS[agreement.state], reference=event.reference),
        template="events/email/host.txt",
        context={
            "event": event,
            "agreement": agreement,
            "institution": agreement.institution,
            "state": agreement.state,
            "note": note,
            "case_handler": event.case_handler,
            "page_readers": page_readers,
            "path": reverse("events:detail", args=[event.pk]),
        },
    )
