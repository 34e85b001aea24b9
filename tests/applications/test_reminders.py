"""Reminders of requests that wait too long: due after the dated delay in working days (weekends
and the Commission's holidays skipped), sent once per wait to the NCP, the consulted service and
the case handlers, through the outbox and the inbox; the age in working days in the queues."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.applications import reminders, services
from taiex.applications.enums import Opinion
from taiex.applications.models import Application, Reminder
from taiex.core.dates import WorkingCalendar
from taiex.core.models import InboxItem, OutboxMessage
from taiex.reference.enums import ReminderKind
from taiex.reference.models import ReminderDelay
from taiex.reference.queries import working_calendar
from tests.factories import submittable_application

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=BRUSSELS)


def submitted_on(applicant, moment):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    Application.objects.filter(pk=application.pk).update(submitted_at=moment)
    application.refresh_from_db()
    return application


def reminder_mail(subject_part):
    return list(
        OutboxMessage.objects.filter(subject__contains=subject_part).values_list(
            "to_address", flat=True
        )
    )


def test_working_calendar_counts_weekends_and_holidays():
    easter = WorkingCalendar({date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 6)})
    assert easter.add(date(2026, 3, 31), 5) == date(2026, 4, 10)
    assert easter.subtract(date(2026, 4, 10), 5) == date(2026, 3, 31)
    assert easter.between(date(2026, 3, 31), date(2026, 4, 10)) == 5
    assert easter.between(date(2026, 3, 27), date(2026, 3, 30)) == 1  # Friday to Monday
    assert easter.between(date(2026, 3, 30), date(2026, 3, 30)) == 0
    # The Commission's holidays are read from the reference data.
    assert working_calendar(date(2026, 3, 31), date(2026, 4, 10)).add(date(2026, 3, 31), 5) == (
        date(2026, 4, 10)
    )


def test_the_ncp_is_reminded_once_after_five_working_days(applicant, ncp):
    application = submitted_on(applicant, at(2026, 3, 2, 10))  # a Monday

    assert reminders.send_due_reminders(now=at(2026, 3, 6, 18)) == 0
    assert reminders.send_due_reminders(now=at(2026, 3, 9, 8)) == 1

    reminder = Reminder.objects.get()
    assert (reminder.application, reminder.kind, reminder.due_on, reminder.recipients) == (
        application, ReminderKind.NCP_CHECK, date(2026, 3, 9), 1
    )  # fmt: skip
    assert reminder_mail("reminder: waiting for the NCP's check") == [ncp.email]
    item = InboxItem.objects.get(user=ncp, kind="applications/email/reminder")
    assert "has waited for your check since 02 March 2026" in item.body
    # The next rounds, and a second worker, send nothing more for this submission.
    assert reminders.send_due_reminders(now=at(2026, 3, 10)) == 0
    assert reminders.send_due_reminders(now=at(2026, 3, 20)) == 0
    assert Reminder.objects.count() == 1
    assert len(reminder_mail("reminder")) == 1


def test_a_second_sender_of_the_same_reminder_sends_nothing(applicant, ncp):
    submitted_on(applicant, at(2026, 3, 2, 10))
    [due] = reminders.due_reminders(now=at(2026, 3, 9))

    assert reminders.send_reminder(due, now=at(2026, 3, 9)) is True
    assert reminders.send_reminder(due, now=at(2026, 3, 9)) is False
    assert Reminder.objects.count() == 1
    assert len(reminder_mail("reminder")) == 1


def test_the_commission_holidays_delay_the_reminder(applicant, ncp):
    submitted_on(applicant, at(2026, 3, 31, 10))  # Easter: 2, 3 and 6 April are holidays

    assert reminders.send_due_reminders(now=at(2026, 4, 9, 17)) == 0
    assert reminders.send_due_reminders(now=at(2026, 4, 10, 8)) == 1
    assert Reminder.objects.get().due_on == date(2026, 4, 10)


def test_the_delay_of_the_day_the_wait_started_applies(applicant, ncp):
    ReminderDelay.objects.filter(kind=ReminderKind.NCP_CHECK).update(valid_to=date(2026, 2, 28))
    ReminderDelay.objects.create(
        kind=ReminderKind.NCP_CHECK, working_days=2, valid_from=date(2026, 3, 1), source="test"
    )
    submitted_on(applicant, at(2026, 2, 27, 10))  # a Friday: the old delay, 5 days
    submitted_on(applicant, at(2026, 3, 2, 10))  # a Monday: the new delay, 2 days

    due = reminders.due_reminders(now=at(2026, 3, 4))
    assert [item.due_on for item in due] == [date(2026, 3, 4)]
    assert [item.due_on for item in reminders.due_reminders(now=at(2026, 3, 6))] == [
        date(2026, 3, 6),
        date(2026, 3, 4),
    ]


def test_no_delay_no_reminder(applicant, ncp):
    ReminderDelay.objects.filter(kind=ReminderKind.NCP_CHECK).delete()
    submitted_on(applicant, at(2026, 3, 2, 10))
    assert reminders.send_due_reminders(now=at(2026, 4, 30)) == 0


def test_services_without_an_opinion_are_reminded_two_working_days_before_the_deadline(
    applicant, ncp, consultees
):
    application = services.forward_application(
        submitted_on(applicant, at(2026, 3, 2, 8)), actor=ncp, now=at(2026, 3, 2, 10)
    )
    consultations = list(application.consultations.select_related("service"))
    assert timezone.localtime(consultations[0].deadline).date() == date(2026, 3, 9)
    answered = next(c for c in consultations if c.service.group == "geographic_desk")
    services.record_opinion(answered, actor=consultees["geographic_desk"],
                            opinion=Opinion.NO_OBJECTION)  # fmt: skip
    delegation = next(c for c in consultations if c.service.group == "eu_delegation")
    # The NCP's reminder for the submission of 2 March is not due yet either.
    assert reminders.send_due_reminders(now=at(2026, 3, 4, 18)) == 0

    sent = reminders.send_due_reminders(now=at(2026, 3, 5, 8))

    pending = [c for c in consultations if c.pk != answered.pk]
    assert sent == len(pending)
    assert set(Reminder.objects.values_list("consultation", flat=True)) == {c.pk for c in pending}
    assert Reminder.objects.get(consultation=delegation).due_on == date(2026, 3, 5)
    assert consultees["eu_delegation"].email in reminder_mail("consultation ends soon")
    assert consultees["geographic_desk"].email not in reminder_mail("consultation ends soon")
    body = InboxItem.objects.get(
        user=consultees["eu_delegation"], kind="applications/email/reminder"
    ).body
    assert "its consultation ends on 09 March 2026" in body
    assert reminders.send_due_reminders(now=at(2026, 3, 6, 8)) == 0
    # After the deadline the consultation closes in silence: no reminder any more.
    Reminder.objects.all().delete()
    assert reminders.send_due_reminders(now=at(2026, 3, 10, 8)) == 0


def test_the_team_is_reminded_of_an_assessment_ten_working_days_after_forwarding(
    applicant, ncp, case_handler
):
    application = services.forward_application(
        submitted_on(applicant, at(2026, 3, 2, 8)), actor=ncp, now=at(2026, 3, 2, 10)
    )
    services.close_consultation(application, actor=None, note="Silence.")

    assert reminders.send_due_reminders(now=at(2026, 3, 13, 18)) == 0
    assert reminders.send_due_reminders(now=at(2026, 3, 16, 8)) == 1
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.due_on) == (ReminderKind.ASSESSMENT, date(2026, 3, 16))
    assert reminder_mail("reminder: waiting for assessment") == [case_handler.email]


def test_the_periodic_job_sends_and_then_waits(applicant, ncp, monkeypatch):
    submitted_on(applicant, timezone.now() - timedelta(days=30))
    monkeypatch.setitem(reminders.LAST_RUN, "at", None)

    reminders.remind_waiting_requests()
    assert Reminder.objects.count() == 1
    submitted_on(applicant, timezone.now() - timedelta(days=30))
    reminders.remind_waiting_requests()  # within EVERY_SECONDS: does not look again
    assert Reminder.objects.count() == 1


def test_ages_in_working_days_and_overdue(applicant, ncp):
    on_time = submitted_on(applicant, at(2026, 3, 2, 10))
    late = submitted_on(applicant, at(2026, 2, 23, 10))

    rows = reminders.with_waiting(
        Application.objects.filter(pk__in=[on_time.pk, late.pk]).order_by("pk"),
        today=date(2026, 3, 9),
    )

    assert [(a.waiting.working_days, a.waiting.overdue) for a in rows] == [(5, False), (10, True)]
    assert rows[1].waiting.label == "10 working days, overdue"


def test_the_queues_show_the_age_and_mark_the_overdue(client, applicant, ncp):
    submitted_on(applicant, timezone.now() - timedelta(days=30))
    client.force_login(ncp)

    listed = client.get(reverse("applications:list"), {"queue": "ncp"}).content.decode()
    home = client.get(reverse("accounts:home")).content.decode()

    assert "working days, overdue</strong>" in listed
    assert '<th scope="col">Waiting</th>' in listed
    assert "reminders.with_waiting" not in listed  # the template's comment stays out
    assert "working days), <strong>overdue</strong>" in home


def test_a_consultation_is_near_its_deadline_then_overdue(applicant, ncp):
    application = services.forward_application(
        submitted_on(applicant, at(2026, 3, 2, 8)), actor=ncp, now=at(2026, 3, 2, 10)
    )

    def waiting_on(day):
        [row] = reminders.with_waiting([Application.objects.get(pk=application.pk)], today=day)
        w = row.waiting
        return (w.working_days, w.deadline, w.reminder_due, w.overdue)

    assert waiting_on(date(2026, 3, 4)) == (2, date(2026, 3, 9), False, False)
    assert waiting_on(date(2026, 3, 5)) == (3, date(2026, 3, 9), True, False)
    assert waiting_on(date(2026, 3, 10)) == (6, date(2026, 3, 9), True, True)


def test_a_round_sends_at_most_per_round(applicant, ncp, monkeypatch):
    for day in (2, 3, 4):
        submitted_on(applicant, at(2026, 3, day, 10))
    monkeypatch.setattr(reminders, "PER_ROUND", 2)

    assert reminders.send_due_reminders(now=at(2026, 3, 20)) == 2
    assert reminders.send_due_reminders(now=at(2026, 3, 20)) == 1
    assert Reminder.objects.count() == 3
