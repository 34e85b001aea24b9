"""Sending the personal links: opening an event's evaluation round, the follow-up months
later, reminders, closing at the deadline, and staff's resend and early close.

Every send is idempotent: a request is created at most once per event, audience and address
(a unique constraint), a reminder is claimed by a conditional UPDATE, and the e-mail is queued
only by the call that created or claimed the row, after its transaction commits. A retried task
or a second worker therefore never sends twice.
"""

import calendar
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taiex.applications.models import ContactPerson
from taiex.core.audit import log_action
from taiex.core.mail import notify
from taiex.events.models import Event, Participant

from ..enums import Audience, RequestState
from ..models import EvaluationRequest, EventEvaluation
from ..queries import (
    EVALUATED_STATES,
    active_questionnaire,
    attending_participants_of,
    confirmed_experts_of,
    policy_for,
)
from ..workflow import request_workflow
from .errors import EvaluationError
from .links import link_path

SUBJECTS = {
    Audience.PARTICIPANTS: _("{reference}: how was the event? (evaluation)"),
    Audience.EXPERTS: _("{reference}: your evaluation of the event"),
    Audience.FOLLOW_UP: _("{reference}: what changed since the event? (follow-up)"),
}
REMINDER_SUBJECTS = {
    Audience.PARTICIPANTS: _("{reference}: reminder, how was the event? (evaluation)"),
    Audience.EXPERTS: _("{reference}: reminder, your evaluation of the event"),
    Audience.FOLLOW_UP: _("{reference}: reminder, what changed since the event? (follow-up)"),
}


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def recipient_of(request):
    """Whom the link goes to: a participant's registration (the e-mail is written in the
    language kept with it), else the address (an account's language, or English)."""
    if request.audience == Audience.PARTICIPANTS:
        registration = (
            Participant.objects.filter(event_id=request.event_id, email__iexact=request.email)
            .only("email", "language")
            .order_by("-registered_at", "-pk")
            .first()
        )
        if registration is not None:
            return registration
    return request.email


def send_link_mail(request, *, is_reminder=False):
    event = request.event
    subjects = REMINDER_SUBJECTS if is_reminder else SUBJECTS
    return notify(
        [recipient_of(request)],
        subject=format_lazy(subjects[request.audience], reference=event.reference),
        template="evaluations/email/request.txt",
        context={
            "request": request,
            "event": event,
            "is_reminder": is_reminder,
            "path": link_path(request),
        },
    )


def create_request(event, *, audience, questionnaire, name, email, expert=None, now, days):
    """Create the request of one person and queue its e-mail; None when that person already
    has one for this event and audience (nothing sent again)."""
    try:
        with transaction.atomic():
            request = EvaluationRequest.objects.create(
                event=event,
                questionnaire=questionnaire,
                audience=audience,
                expert=expert,
                name=name,
                email=email.lower(),
                sent_at=now,
                closes_at=now + timedelta(days=days),
            )
    except IntegrityError:
        return None
    request.event = event
    send_link_mail(request)
    return request


def open_event_evaluation(event, *, actor=None, now=None):
    """Open the evaluation round of an implemented event: one link to each attending
    participant and each confirmed expert, and the follow-up's due date from the policy of the
    event's end. Returns the requests created (none when the round was already open)."""
    now = now or timezone.now()
    if event.state not in EVALUATED_STATES:
        raise EvaluationError(gettext("Only an implemented or closed event is evaluated."))
    policy = policy_for(event.end_date or now.date())
    with transaction.atomic():
        try:
            with transaction.atomic():
                EventEvaluation.objects.create(
                    event=event,
                    opened_at=now,
                    follow_up_due_on=add_months(
                        event.end_date or now.date(), policy.follow_up_after_months
                    ),
                )
        except IntegrityError:
            return []
        created = []
        participants = active_questionnaire(Audience.PARTICIPANTS)
        for participant in attending_participants_of(event):
            created.append(
                create_request(
                    event,
                    audience=Audience.PARTICIPANTS,
                    questionnaire=participants,
                    name=participant.full_name,
                    email=participant.email,
                    now=now,
                    days=policy.answer_days,
                )
            )
        experts = active_questionnaire(Audience.EXPERTS)
        for expert in confirmed_experts_of(event):
            created.append(
                create_request(
                    event,
                    audience=Audience.EXPERTS,
                    questionnaire=experts,
                    name=expert.user.full_name,
                    email=expert.user.email,
                    expert=expert,
                    now=now,
                    days=policy.answer_days,
                )
            )
        created = [request for request in created if request is not None]
        log_action(
            event,
            actor=actor,
            action="open_evaluation",
            note=f"Evaluation links sent to {len(created)} people.",
        )
    return created


def follow_up_recipients(event):
    """(name, address) of the request's applicant and contact persons, once per address."""
    application = event.application
    if application is None:
        return []
    people = []
    if application.created_by_id and application.created_by.is_active:
        people.append((application.created_by.full_name, application.created_by.email))
    people += [
        (contact.name, contact.email)
        for contact in ContactPerson.objects.filter(application=application).order_by("pk")
    ]
    seen, unique = set(), []
    for name, email in people:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append((name, email))
    return unique


def send_follow_up(round_, *, now=None):
    """Send the follow-up of one event's round, once: the round is claimed by a conditional
    UPDATE, so a second caller (a retried task) gets 0 rows and sends nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = EventEvaluation.objects.filter(
            pk=round_.pk, follow_up_sent_at__isnull=True
        ).update(follow_up_sent_at=now)
        if not claimed:
            return []
        event = Event.objects.select_related("application__created_by").get(pk=round_.event_id)
        policy = policy_for(event.end_date or now.date())
        questionnaire = active_questionnaire(Audience.FOLLOW_UP)
        created = [
            create_request(
                event,
                audience=Audience.FOLLOW_UP,
                questionnaire=questionnaire,
                name=name,
                email=email,
                now=now,
                days=policy.follow_up_answer_days,
            )
            for name, email in follow_up_recipients(event)
        ]
        return [request for request in created if request is not None]


def events_due_for_evaluation(now):
    """Implemented or closed events that ended within the answer period and have no round
    yet (older events, such as imported history, are not asked any more)."""
    today = timezone.localdate(now)
    earliest = today - timedelta(days=policy_for(today).answer_days)
    opened = EventEvaluation.objects.values("event_id")
    return (
        Event.objects.filter(
            state__in=EVALUATED_STATES, end_date__lte=today, end_date__gte=earliest
        )
        .exclude(pk__in=opened)
        .order_by("end_date", "pk")
    )


def send_due_reminders(now):
    """One reminder per open request past its audience's reminder delay, claimed row by row."""
    reminded = []
    for request in EvaluationRequest.objects.filter(
        state=RequestState.OPEN, reminder_sent_at__isnull=True, closes_at__gt=now
    ).select_related("event"):
        policy = policy_for(request.event.end_date or now.date())
        days = (
            policy.follow_up_reminder_after_days
            if request.audience == Audience.FOLLOW_UP
            else policy.reminder_after_days
        )
        if request.sent_at + timedelta(days=days) > now:
            continue
        with transaction.atomic():
            claimed = EvaluationRequest.objects.filter(
                pk=request.pk, state=RequestState.OPEN, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                send_link_mail(request, is_reminder=True)
                reminded.append(request)
    return reminded


def close_overdue_requests(now):
    closed = []
    for request in EvaluationRequest.objects.filter(state=RequestState.OPEN, closes_at__lte=now):
        request_workflow.transition(
            request, RequestState.CLOSED, actor=None, note="The answer period ended."
        )
        closed.append(request)
    return closed


def run_due_sends(now=None):
    """Everything due by `now`: open the rounds of newly implemented events, send the due
    follow-ups, remind and close. Safe to run at any time, as often as wanted."""
    now = now or timezone.now()
    opened = [open_event_evaluation(event, now=now) for event in events_due_for_evaluation(now)]
    follow_ups = [
        send_follow_up(round_, now=now)
        for round_ in EventEvaluation.objects.filter(
            follow_up_sent_at__isnull=True,
            follow_up_due_on__lte=timezone.localdate(now),
            closed_early_at__isnull=True,
        ).order_by("follow_up_due_on", "pk")
    ]
    return {
        "events_opened": len(opened),
        "links_sent": sum(len(requests) for requests in opened),
        "follow_ups_sent": sum(len(requests) for requests in follow_ups),
        "reminders_sent": len(send_due_reminders(now)),
        "closed": len(close_overdue_requests(now)),
    }


# -- staff ---------------------------------------------------------------------------------------


def resend_link(request, *, actor, now=None):
    """Send the person's link again (reopening it until a new deadline when it was closed);
    refused for an answered request."""
    now = now or timezone.now()
    if request.state == RequestState.ANSWERED:
        raise EvaluationError(f"{request.name} has already answered; the link is used.")
    policy = policy_for(request.event.end_date or now.date())
    days = (
        policy.follow_up_answer_days
        if request.audience == Audience.FOLLOW_UP
        else policy.answer_days
    )
    with transaction.atomic():
        changes = {"closes_at": max(request.closes_at, now + timedelta(days=days))}
        if request.state == RequestState.CLOSED:
            request_workflow.transition(
                request, RequestState.OPEN, actor=actor, note="Link sent again.", changes=changes
            )
        else:
            request.closes_at = changes["closes_at"]
            request.save(update_fields=["closes_at"])
            log_action(request, actor=actor, action="resend_evaluation_link")
        request.sent_count += 1
        request.save(update_fields=["sent_count"])
        send_link_mail(request)
    return request


def close_event_evaluation(event, *, actor, now=None):
    """Close every open link of the event now and cancel its follow-up if not yet sent."""
    now = now or timezone.now()
    with transaction.atomic():
        requests = list(EvaluationRequest.objects.filter(event=event, state=RequestState.OPEN))
        for request in requests:
            request_workflow.transition(
                request, RequestState.CLOSED, actor=actor, note="Closed early by staff."
            )
        EventEvaluation.objects.filter(event=event, closed_early_at__isnull=True).update(
            closed_early_at=now
        )
        log_action(
            event, actor=actor, action="close_evaluation", note=f"{len(requests)} links closed."
        )
    return requests


def set_follow_up_delay(event, *, months, actor):
    """Move the follow-up of the event's round to `months` after the event's end; refused
    once the follow-up is sent or before the round is open."""
    round_ = EventEvaluation.objects.filter(event=event).first()
    if round_ is None:
        raise EvaluationError(gettext("The evaluation of this event is not open yet."))
    if round_.follow_up_sent_at is not None:
        raise EvaluationError(gettext("The follow-up is already sent."))
    round_.follow_up_due_on = add_months(event.end_date or timezone.localdate(), months)
    round_.save(update_fields=["follow_up_due_on"])
    log_action(
        event,
        actor=actor,
        action="set_follow_up_delay",
        note=f"Follow-up {months} months after the event.",
    )
    return round_
