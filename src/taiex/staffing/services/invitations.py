"""Every write on an invitation: invite, accept, decline (on the home or by the signed e-mail
link), withdraw, remind and expire. Every state change goes through invitation_workflow; an
acceptance makes the expert one of the event's experts (`events.EventExpert`), a withdrawal or a
later decline ends it, in the same transaction."""

from datetime import timedelta

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core.audit import log_action
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.enums import PREPARATION_STATES, STAFFING_STATES, ExpertRole
from taiex.events.services.experts import add_expert_to_event, remove_expert_from_event
from taiex.events.services.hosting import NO_EXPERTS_ON_STUDY_VISIT, is_study_visit
from taiex.events.services.limits import limit_problems
from taiex.experts.enums import VerificationState
from taiex.experts.models import Expert

from .. import notifications
from ..enums import INVITATION_VALID_DAYS, REMINDER_AFTER_DAYS
from ..enums import InvitationState as I
from ..models import Invitation
from ..queries.calls import peer_to_peer_exclusion
from ..queries.invitations import (
    active_invitation_to,
    invitations_due_for_reminder,
    overdue_invitations,
    overlapping_invitation,
)
from ..workflow import invitation_workflow

LINK_SALT = "taiex.experts.invitation-link"  # unchanged when the code moved: old links work


class InvitationError(Exception):
    """An invitation that cannot be made or answered; `field` names the form field at fault."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class InvitationLinkError(InvitationError):
    """A signed link that cannot be used: tampered, already used or no longer open."""


class InvitationExpired(InvitationLinkError):
    """The invitation's answer deadline has passed (it moves to EXPIRED)."""


# -- the signed link ---------------------------------------------------------------------------


def link_token(invitation):
    """The signed token of the e-mail link; it names the invitation, which holds the deadline
    (expires_at) and the single use (link_used_at)."""
    return signing.dumps({"invitation": invitation.pk}, salt=LINK_SALT)


def link_path(invitation):
    return reverse("staffing:invitation_link", args=[link_token(invitation)])


def date_text(moment):
    return date_format(timezone.localtime(moment), "j F Y")


def expired_message(invitation):
    return _(
        "This invitation expired on %(day)s. Contact the case handler of the event if you still "
        "wish to take part."
    ) % {"day": date_text(invitation.expires_at)}


USED_LINK_MESSAGE = gettext_lazy(
    "This link was already used: your answer is recorded. Log in to see your invitations."
)
INVALID_LINK_MESSAGE = gettext_lazy(
    "This link is not valid. Log in to answer the invitation on your home page."
)


def invitation_from_link(token, *, now=None):
    """The invitation a signed link names, if the link may still answer it.

    Refuses with InvitationLinkError: a tampered token, a link already used, an invitation no
    longer waiting for an answer, and an invitation past its deadline, which moves to EXPIRED
    on the way (the move is kept even though the error is raised).
    """
    try:
        payload = signing.loads(token, salt=LINK_SALT)
        invitation = (
            Invitation.objects.select_related("event__beneficiary", "expert__user")
            .filter(pk=payload["invitation"])
            .first()
        )
    except (signing.BadSignature, KeyError, TypeError):
        invitation = None
    if invitation is None:
        raise InvitationLinkError(INVALID_LINK_MESSAGE)
    if invitation.link_used_at is not None:
        raise InvitationLinkError(USED_LINK_MESSAGE)
    expire_if_overdue(invitation, now=now)
    if invitation.state == I.EXPIRED:
        raise InvitationExpired(expired_message(invitation))
    if invitation.state != I.INVITED:
        raise InvitationLinkError(
            _("This invitation is %(state)s and can no longer be answered.")
            % {"state": invitation.get_state_display().lower()}
        )
    return invitation


def expire_if_overdue(invitation, *, now=None):
    """Move an open invitation past its deadline to EXPIRED and raise; otherwise nothing."""
    now = now or timezone.now()
    if invitation.state == I.INVITED and invitation.expires_at <= now:
        try:
            expire_invitation(invitation, note="Answered after the deadline.")
        except TransitionNotAllowed:
            invitation.refresh_from_db()
        raise InvitationExpired(expired_message(invitation))


# -- staff -------------------------------------------------------------------------------------


def invitation_problem(event, expert, role):
    """Why `expert` cannot be invited to `event` in `role`, or None."""
    name = str(expert)
    if role not in ExpertRole.values:
        return InvitationError(
            _("Choose a role: lead expert, expert, chair or speaker."), field="role"
        )
    if is_study_visit(event):
        return InvitationError(NO_EXPERTS_ON_STUDY_VISIT)
    if event.state not in STAFFING_STATES:
        return InvitationError(_("Experts can be invited only to a planned or postponed event."))
    if not expert.is_active or expert.erased_at is not None or not expert.user.is_active:
        return InvitationError(
            _("%(name)s has deactivated their profile and cannot be invited.") % {"name": name},
            field="expert",
        )
    if expert.verification_state != VerificationState.VERIFIED:
        return InvitationError(
            _("%(name)s is not a verified expert: only verified experts can be invited.")
            % {"name": name},
            field="expert",
        )
    if type(event).objects.filter(pk=event.pk).filter(peer_to_peer_exclusion(expert)).exists():
        return InvitationError(
            _(
                "%(name)s works for the administration of a beneficiary of this peer-to-peer "
                "event and cannot be its expert."
            )
            % {"name": name},
            field="expert",
        )
    existing = active_invitation_to(event, expert)
    if existing is not None:
        message = (
            _("%(name)s has already accepted this event.")
            if existing.state == I.ACCEPTED
            else _("%(name)s is already invited to this event.")
        )
        return InvitationError(message % {"name": name}, field="expert")
    clash = overlapping_invitation(expert, event)
    if clash is not None:
        message = (
            _("%(name)s is already confirmed for %(event)s, whose dates overlap this event.")
            if clash.state == I.ACCEPTED
            else _("%(name)s is already invited to %(event)s, whose dates overlap this event.")
        )
        return InvitationError(
            message % {"name": name, "event": clash.event.reference}, field="expert"
        )
    return experts_limit_problem(event, engaged_states=[I.INVITED, I.ACCEPTED])


def experts_limit_problem(event, *, engaged_states):
    """The event's dated limit of experts (events.services.limits) with one more expert than
    those in `engaged_states`: an open invitation counts, since its expert may accept."""
    engaged = Invitation.objects.filter(event=event, state__in=engaged_states).count()
    problems = limit_problems(event, experts=engaged + 1)
    return InvitationError(problems[0].message, field="expert") if problems else None


def invite_expert(event, expert, *, actor, role, now=None):
    """Invite `expert` to `event` in `role`.

    Refuses with InvitationError (nothing stored): an unknown role, an event that is not
    planned, an inactive, erased or unverified expert, the peer-to-peer rule, an expert already
    invited to or confirmed for the event, or invited to or confirmed for an overlapping event.
    Otherwise creates the invitation (answer within INVITATION_VALID_DAYS), logs it, e-mails
    the expert the signed link after the commit and queues the reminder task.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the expert: two staff inviting the same person at once must not both pass the
        # overlap check.
        expert = Expert.objects.select_for_update().select_related("user").get(pk=expert.pk)
        problem = invitation_problem(event, expert, role)
        if problem is not None:
            raise problem
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    event=event,
                    expert=expert,
                    role=role,
                    invited_by=actor,
                    invited_at=now,
                    expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
                )
        except IntegrityError:
            raise InvitationError(
                f"{expert} is already invited to this event.", field="expert"
            ) from None
        log_action(
            invitation,
            actor=actor,
            action="invite",
            to_state=I.INVITED,
            data={"role": role, "event": event.reference},
        )
        notifications.notify_invited(invitation, link_path=link_path(invitation))
        transaction.on_commit(lambda: schedule_reminder(invitation.pk, now))
    return invitation


def schedule_reminder(invitation_id, invited_at):
    """Queue the reminder for REMINDER_AFTER_DAYS later when the tasks backend can defer.

    Backends that cannot (the immediate one) rely on `manage.py send_invitation_reminders`
    run by cron.
    """
    from ..tasks import send_invitation_reminders_task

    if send_invitation_reminders_task.get_backend().supports_defer:
        send_invitation_reminders_task.using(
            run_after=invited_at + timedelta(days=REMINDER_AFTER_DAYS)
        ).enqueue(invitation_id)


def withdraw_invitation(invitation, *, actor, reason):
    """Staff withdraw an open or accepted invitation; the reason is required and e-mailed to
    the expert."""
    reason = (reason or "").strip()
    if not reason:
        raise InvitationError(_("Say why the invitation is withdrawn."), field="reason")
    event = invitation.event
    if event.state not in PREPARATION_STATES:
        raise InvitationError(
            _("The event is %(state)s: its experts can no longer be withdrawn.")
            % {"state": event.get_state_display().lower()}
        )
    with transaction.atomic():
        invitation_workflow.transition(invitation, I.WITHDRAWN, actor=actor, note=reason)
        remove_expert_from_event(invitation.event, invitation.expert)
        notifications.notify_withdrawn(invitation, reason=reason)
    return invitation


# -- the expert --------------------------------------------------------------------------------


def spend_link(invitation, via_link, now):
    """Lock the invitation and, for an answer by the e-mail link, refuse a link already used;
    returns the field that spends it. Must run inside the answer's transaction."""
    used_at = (
        Invitation.objects.select_for_update()
        .values_list("link_used_at", flat=True)
        .get(pk=invitation.pk)
    )
    if not via_link:
        return {}
    if used_at is not None:
        raise InvitationLinkError(USED_LINK_MESSAGE)
    return {"link_used_at": now}


ACCEPTED_FULL_MESSAGE = gettext_lazy(
    "The event already has as many experts as its limits allow, so your acceptance cannot be "
    "recorded. Contact the case handler of the event."
)


def accept_invitation(invitation, *, actor, via_link=False, now=None):
    """The expert accepts: the invitation moves to ACCEPTED, the link (when used) is spent and
    the event's case handler is told. Refuses an invitation past its deadline (it expires)."""
    now = now or timezone.now()
    refuse_overdue(invitation, now)
    with transaction.atomic():
        # Lock the event: two experts accepting at once must not both pass the limit.
        event = type(invitation.event).objects.select_for_update().get(pk=invitation.event_id)
        if is_study_visit(event):
            raise InvitationError(NO_EXPERTS_ON_STUDY_VISIT)
        if experts_limit_problem(event, engaged_states=[I.ACCEPTED]) is not None:
            raise InvitationError(ACCEPTED_FULL_MESSAGE)
        changes = {"responded_at": now, **spend_link(invitation, via_link, now)}
        invitation_workflow.transition(invitation, I.ACCEPTED, actor=actor, changes=changes)
        add_expert_to_event(invitation.event, invitation.expert, role=invitation.role, now=now)
        notifications.notify_answer(invitation, "accepted", actor=actor)
    return invitation


def decline_invitation(invitation, *, actor, reason="", via_link=False, now=None):
    """The expert declines (an open invitation, or one accepted before): the reason is
    optional; the case handler is told so that they can invite the next expert."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    refuse_overdue(invitation, now)
    with transaction.atomic():
        changes = {
            "responded_at": now,
            "decline_reason": reason,
            **spend_link(invitation, via_link, now),
        }
        invitation_workflow.transition(
            invitation, I.DECLINED, actor=actor, note=reason, changes=changes
        )
        remove_expert_from_event(invitation.event, invitation.expert, now=now)
        notifications.notify_answer(invitation, "declined", actor=actor)
    return invitation


def refuse_overdue(invitation, now):
    state, expires_at = Invitation.objects.values_list("state", "expires_at").get(pk=invitation.pk)
    if state == I.INVITED and expires_at <= now:
        invitation.state, invitation.expires_at = state, expires_at
        expire_if_overdue(invitation, now=now)


# -- the system --------------------------------------------------------------------------------


def expire_invitation(invitation, *, note="No answer before the deadline."):
    with transaction.atomic():
        invitation_workflow.transition(invitation, I.EXPIRED, actor=None, note=note)
        notifications.notify_answer(invitation, "expired")
    return invitation


def expire_overdue_invitations(now=None):
    """Move every open invitation past its deadline to EXPIRED; returns those moved."""
    expired = []
    for invitation in overdue_invitations(now).select_related("event__case_handler", "expert"):
        try:
            expired.append(expire_invitation(invitation))
        except TransitionNotAllowed:
            continue  # answered meanwhile
    return expired


def send_due_reminders(now=None):
    """E-mail a reminder, once, for every invitation without answer for REMINDER_AFTER_DAYS;
    returns the invitations reminded."""
    now = now or timezone.now()
    reminded = []
    for invitation in invitations_due_for_reminder(now):
        with transaction.atomic():
            claimed = Invitation.objects.filter(
                pk=invitation.pk, state=I.INVITED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue  # answered or reminded by a concurrent run
            invitation.reminder_sent_at = now
            log_action(invitation, actor=None, action="remind")
            notifications.notify_reminder(invitation, link_path=link_path(invitation))
        reminded.append(invitation)
    return reminded
