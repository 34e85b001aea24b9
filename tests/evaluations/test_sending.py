"""Sending the personal links: who gets one, once; reminders; deadlines; the follow-up."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from taiex.evaluations.models import EvaluationRequest, EventEvaluation
from taiex.evaluations.services.sending import add_months
from tests.evaluations.fixtures import event, participants, rated_expert, sweep  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_implemented_event_sends_one_link_to_each_attendee_and_confirmed_expert(
    event, participants, rated_expert, sweep
):
    counts = sweep()

    assert counts == {
        "events_opened": 1,
        "links_sent": 3,
        "follow_ups_sent": 0,
        "reminders_sent": 0,
        "closed": 0,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["eda@gov.si", "mila@gov.rs", "petar@gov.rs"]
    assert sorted(EvaluationRequest.objects.values_list("audience", "email", "state")) == [
        ("experts", "eda@gov.si", "open"),
        ("participants", "mila@gov.rs", "open"),
        ("participants", "petar@gov.rs", "open"),
    ]
    message = next(m for m in mail.outbox if m.to == ["petar@gov.rs"])
    assert message.subject == "[taiex] WS-2026-0007: how was the event? (evaluation)"
    assert "http://127.0.0.1:8000/evaluations/answer/" in message.body


def test_a_retried_sweep_sends_nothing_twice(event, participants, rated_expert, sweep):
    sweep()
    mail.outbox.clear()

    counts = sweep()

    assert counts["links_sent"] == 0
    assert counts["events_opened"] == 0
    assert mail.outbox == []
    assert EvaluationRequest.objects.count() == 3


def test_event_not_yet_implemented_or_long_past_is_not_evaluated(event, participants, sweep):
    event.state = "confirmed"
    event.save(update_fields=["state"])
    assert sweep()["events_opened"] == 0
    event.state = "closed"
    event.start_date = event.end_date = timezone.localdate() - timedelta(days=30)
    event.save(update_fields=["state", "start_date", "end_date"])
    assert sweep()["events_opened"] == 0
    assert mail.outbox == []


def test_reminder_after_seven_days_once_then_closed_after_twenty_one(event, participants, sweep):
    start = timezone.now()
    sweep(start)
    mail.outbox.clear()

    assert sweep(start + timedelta(days=6, hours=23))["reminders_sent"] == 0
    assert sweep(start + timedelta(days=7))["reminders_sent"] == 2
    assert sweep(start + timedelta(days=8))["reminders_sent"] == 0
    assert [m.subject for m in mail.outbox] == [
        "[taiex] WS-2026-0007: reminder, how was the event? (evaluation)"
    ] * 2
    assert sweep(start + timedelta(days=21))["closed"] == 2
    assert set(EvaluationRequest.objects.values_list("state", flat=True)) == {"closed"}


def test_follow_up_goes_to_applicant_and_contacts_after_six_months_with_one_reminder(
    event, participants, applicant, sweep
):
    start = timezone.now()
    sweep(start)
    round_ = EventEvaluation.objects.get(event=event)
    assert round_.follow_up_due_on == add_months(event.end_date, 6)
    mail.outbox.clear()
    due = timezone.make_aware(
        timezone.datetime.combine(round_.follow_up_due_on, timezone.datetime.min.time())
    ) + timedelta(hours=12)

    assert sweep(due - timedelta(days=1))["follow_ups_sent"] == 0
    assert sweep(due)["follow_ups_sent"] == 2
    assert sweep(due)["follow_ups_sent"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["corina@gov.rs", applicant.email])
    assert (
        mail.outbox[0].subject == "[taiex] WS-2026-0007: what changed since the event? (follow-up)"
    )
    mail.outbox.clear()
    assert sweep(due + timedelta(days=14))["reminders_sent"] == 2
    assert sweep(due + timedelta(days=20))["reminders_sent"] == 0


def test_add_months_keeps_the_day_or_the_end_of_a_short_month():
    assert (
        add_months(timezone.datetime(2026, 8, 31).date(), 6)
        == timezone.datetime(2027, 2, 28).date()
    )
    assert (
        add_months(timezone.datetime(2026, 3, 15).date(), 6)
        == timezone.datetime(2026, 9, 15).date()
    )


def test_command_runs_due_sends_with_a_moved_clock(event, participants, capsys):
    call_command("send_evaluations")
    later = (event.end_date + timedelta(days=200)).isoformat()
    call_command("send_evaluations", "--now", later)

    out = capsys.readouterr().out
    assert out == (
        "1 event(s) opened with 2 link(s), 0 follow-up link(s), 0 reminder(s), 0 link(s) "
        "closed.\n"
        "0 event(s) opened with 0 link(s), 2 follow-up link(s), 0 reminder(s), 2 link(s) "
        "closed.\n"
    )


def test_a_participant_gets_the_evaluation_link_in_the_language_of_their_registration(
    event, participants, sweep
):
    from taiex.events.models import Participant

    Participant.objects.filter(email="mila@gov.rs").update(language="fr")

    sweep()

    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "mila@gov.rs": "[taiex] WS-2026-0007 : comment s'est passé l'événement ? (évaluation)",
        "petar@gov.rs": "[taiex] WS-2026-0007: how was the event? (evaluation)",
    }
