"""Requests that wait too long: their age in working days in the queues, and the reminders the
worker sends (to the NCP, the consulted service, the case handlers) once the dated delay of
`reference.ReminderDelay` has passed.

A wait starts at the submission (the NCP's check), the forwarding (the consultation and the
assessment). The delay valid on the day the wait started applies. Reminders are idempotent by
constraint (`Reminder`): the row is written in the transaction that writes the notifications,
so a second worker or a retried round gets an IntegrityError and sends nothing."""

import logging
import time
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from taiex.accounts.enums import Role
from taiex.core.lazy_text import lazy_format
from taiex.core.mail import notify
from taiex.core.maintenance import periodic
from taiex.reference.enums import ReminderKind
from taiex.reference.queries import reminder_delay_on, reminder_delays, working_calendar

from .eligibility import lazy_day
from .enums import ApplicationState as S
from .enums import Opinion
from .models import Application, Consultation, Reminder
from .notifications import lazy_label, lazy_named, recipients

logger = logging.getLogger(__name__)

TEMPLATE = "applications/email/reminder.txt"


def local_day(moment):
    if moment is None:
        return None
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


@dataclass
class Waiting:
    """How long a request has waited for its current step, in working days."""

    since: date
    working_days: int
    kind: str = ""  # a ReminderKind when a delay applies to this step
    limit: int | None = None  # the delay in working days, when one applies
    deadline: date | None = None  # the consultation's deadline
    overdue: bool = False
    reminder_due: bool = False  # a consultation within its reminder delay of the deadline

    @property
    def label(self):
        if self.overdue:
            return ngettext(
                "%(count)s working day, overdue",
                "%(count)s working days, overdue",
                self.working_days,
            ) % {"count": self.working_days}
        return ngettext("%(count)s working day", "%(count)s working days", self.working_days) % {
            "count": self.working_days
        }


# What a request in each state waits for, and from when.
WAIT_START = {
    S.SUBMITTED: ("submitted_at", ReminderKind.NCP_CHECK),
    S.CONSULTATION: ("forwarded_at", ReminderKind.CONSULTATION),
    S.ASSESSMENT: ("forwarded_at", ReminderKind.ASSESSMENT),
    S.PROPOSED: ("forwarded_at", ""),
    S.RETURNED: ("updated_at", ""),
    S.ON_HOLD: ("updated_at", ""),
}


def waiting_of(application, *, today, calendar, delays):
    """The Waiting of an open request, or None for a draft or a closed one."""
    start = WAIT_START.get(application.state)
    if start is None:
        return None
    field, kind = start
    since = local_day(getattr(application, field)) or local_day(application.submitted_at)
    if since is None:
        return None
    waiting = Waiting(since=since, working_days=calendar.between(since, today), kind=kind)
    if kind:
        waiting.limit = reminder_delay_on(delays, kind, since)
    if kind == ReminderKind.CONSULTATION:
        waiting.deadline = local_day(application.consultation_deadline)
        if waiting.deadline is not None:
            waiting.overdue = today > waiting.deadline
            if waiting.limit is not None:
                waiting.reminder_due = today >= calendar.subtract(waiting.deadline, waiting.limit)
    elif waiting.limit is not None:
        waiting.overdue = waiting.working_days > waiting.limit
    return waiting


def with_waiting(applications, *, today=None):
    """Set `waiting` (a Waiting or None) on each request of `applications` (a list, e.g. the
    rows of a page), in two queries whatever their number: the holidays and the delays."""
    applications = list(applications)
    today = today or timezone.localdate()
    starts = [
        local_day(getattr(a, WAIT_START[a.state][0]) or a.submitted_at)
        for a in applications
        if a.state in WAIT_START and (getattr(a, WAIT_START[a.state][0]) or a.submitted_at)
    ]
    if not starts:
        for application in applications:
            application.waiting = None
        return applications
    calendar = working_calendar(min(starts), today)
    delays = reminder_delays()
    for application in applications:
        application.waiting = waiting_of(application, today=today, calendar=calendar, delays=delays)
    return applications


# -- the reminders --------------------------------------------------------------------------


@dataclass
class Due:
    kind: str
    application: Application
    since: datetime
    due_on: date
    consultation: Consultation | None = None


def not_reminded(kind, since_field):
    return ~Exists(
        Reminder.objects.filter(
            application=OuterRef("pk"),
            kind=kind,
            since=OuterRef(since_field),
            consultation__isnull=True,
        )
    )


def due_reminders(*, now=None):
    """The reminders due at `now` and not sent yet (four queries: the requests waiting for the
    NCP, the consultations without an opinion, the assessments, the holidays and delays)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    checks = list(
        Application.objects.filter(state=S.SUBMITTED, submitted_at__isnull=False)
        .filter(not_reminded(ReminderKind.NCP_CHECK, "submitted_at"))
        .order_by("submitted_at", "pk")
    )
    assessments = list(
        Application.objects.filter(state=S.ASSESSMENT, forwarded_at__isnull=False)
        .filter(not_reminded(ReminderKind.ASSESSMENT, "forwarded_at"))
        .order_by("forwarded_at", "pk")
    )
    consultations = list(
        Consultation.objects.filter(
            opinion=Opinion.PENDING,
            application__state=S.CONSULTATION,
            deadline__gt=now,
            service__isnull=False,
        )
        .exclude(Exists(Reminder.objects.filter(consultation=OuterRef("pk"))))
        .select_related("application", "service")
        .order_by("deadline", "pk")
    )
    days = [local_day(a.submitted_at) for a in checks]
    days += [local_day(a.forwarded_at) for a in assessments]
    days += [local_day(c.deadline) for c in consultations]
    if not days:
        return []
    calendar = working_calendar(min(days), max([today, *days]))
    delays = reminder_delays()
    due = []
    for application in checks:
        since = local_day(application.submitted_at)
        limit = reminder_delay_on(delays, ReminderKind.NCP_CHECK, since)
        if limit is not None and calendar.add(since, limit) <= today:
            due.append(
                Due(ReminderKind.NCP_CHECK, application, application.submitted_at,
                    calendar.add(since, limit))
            )  # fmt: skip
    for consultation in consultations:
        deadline = local_day(consultation.deadline)
        started = local_day(consultation.application.forwarded_at) or deadline
        limit = reminder_delay_on(delays, ReminderKind.CONSULTATION, started)
        if limit is not None and calendar.subtract(deadline, limit) <= today:
            due.append(
                Due(ReminderKind.CONSULTATION, consultation.application, consultation.deadline,
                    calendar.subtract(deadline, limit), consultation)
            )  # fmt: skip
    for application in assessments:
        since = local_day(application.forwarded_at)
        limit = reminder_delay_on(delays, ReminderKind.ASSESSMENT, since)
        if limit is not None and calendar.add(since, limit) <= today:
            due.append(
                Due(ReminderKind.ASSESSMENT, application, application.forwarded_at,
                    calendar.add(since, limit))
            )  # fmt: skip
    return due


def consulted_service_accounts(consultation):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.CONSULTEE,
            memberships__consulted_service=consultation.service_id,
        )
        .distinct()
    )


def people_to_remind(item: Due):
    if item.kind == ReminderKind.NCP_CHECK:
        return recipients(item.application, ["ncps"])
    if item.kind == ReminderKind.CONSULTATION:
        return sorted(consulted_service_accounts(item.consultation), key=lambda u: u.email)
    return recipients(item.application, ["case_handler", "team"])


SENTENCES = {
    ReminderKind.NCP_CHECK: _(
        "The request for assistance %(request)s has waited for your check since %(since)s: "
        "please forward it or return it to the applicant."
    ),
    ReminderKind.CONSULTATION: _(
        "The request for assistance %(request)s waits for the opinion of %(service)s; its "
        "consultation ends on %(deadline)s. Without an answer by then, silence counts as no "
        "objection."
    ),
    ReminderKind.ASSESSMENT: _(
        "The request for assistance %(request)s has waited for its assessment since it was "
        "forwarded on %(since)s."
    ),
}
SUBJECTS = {
    ReminderKind.NCP_CHECK: _("%(request)s: reminder: waiting for the NCP's check"),
    ReminderKind.CONSULTATION: _("%(request)s: reminder: consultation ends soon"),
    ReminderKind.ASSESSMENT: _("%(request)s: reminder: waiting for assessment"),
}


def send_reminder(item: Due, *, now):
    """Write the Reminder row and the notifications in one transaction; False (and nothing
    written) when the row exists already: somebody else sent it."""
    people = people_to_remind(item)
    application = item.application
    sentence = lazy_format(
        SENTENCES[item.kind],
        request=lazy_named(application),
        since=lazy_day(local_day(item.since)),
        deadline=lazy_day(local_day(item.consultation.deadline)) if item.consultation else "",
        service=item.consultation.service_name if item.consultation else "",
    )
    try:
        with transaction.atomic():
            Reminder.objects.create(
                application=application,
                consultation=item.consultation,
                kind=item.kind,
                since=item.since,
                due_on=item.due_on,
                sent_at=now,
                recipients=len(people),
            )
            notify(
                people,
                subject=lazy_format(SUBJECTS[item.kind], request=lazy_label(application)),
                template=TEMPLATE,
                context={
                    "application": application,
                    "sentence": sentence,
                    "path": reverse("applications:detail", args=[application.pk]),
                },
            )
    except IntegrityError:
        return False
    return True


# At most this many per round, the oldest waits first within each kind: the first round after
# a deployment (or after the worker was down for days) spreads its e-mails over a few rounds.
PER_ROUND = 200


def send_due_reminders(*, now=None):
    """Send the reminders due at `now` (PER_ROUND at most); returns how many this call sent."""
    now = now or timezone.now()
    return sum(send_reminder(item, now=now) for item in due_reminders(now=now)[:PER_ROUND])


# The worker's maintenance round runs every few seconds; the reminders are counted in working
# days, so looking once every few minutes is enough.
EVERY_SECONDS = 300
LAST_RUN = {"at": None}


@periodic
def remind_waiting_requests():
    started = time.monotonic()
    if LAST_RUN["at"] is not None and started - LAST_RUN["at"] < EVERY_SECONDS:
        return
    LAST_RUN["at"] = started
    sent = send_due_reminders()
    if sent:
        logger.info("Sent %s reminders of waiting requests.", sent)
