"""The moves of an event's life as services: confirm, postpone, cancel, implement, close, with
their preconditions and what they record."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from taiex.core.audit import activity_of
from taiex.core.dates import period_label
from taiex.core.models import ActivityLog
from taiex.events import services
from taiex.events.models import AgendaSession, Event, MissionReport
from taiex.events.services.lifecycle import confirmation_missing
from taiex.events.workflow import TransitionNotAllowed
from tests.factories import EventFactory
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert


def stored(event):
    return Event.objects.filter(pk=event.pk).values().get()


@pytest.fixture
def bare_event(case_handler):
    """A planned online workshop with nothing prepared: no dates, two experts needed."""
    return EventFactory(
        reference="WS-2019-0007",
        state="planned",
        modality="online",
        title="Treatment of vulnerable groups",
        start_date=None,
        end_date=None,
        experts_needed=2,
        case_handler=case_handler,
    )


@pytest.fixture
def ready_event(case_handler):
    """A planned on-site workshop on 13-14 Nov 2019 with its two experts and a session."""
    event = EventFactory(
        reference="WS-2019-0008",
        state="planned",
        title="Treatment of vulnerable groups at detention facilities",
        start_date=date(2019, 11, 13),
        end_date=date(2019, 11, 14),
        experts_needed=2,
        case_handler=case_handler,
    )
    accept_expert(event, full_name="Eva Expert", email="eva@gov.si")
    accept_expert(event, full_name="Marko Expert", email="marko@gov.si")
    AgendaSessionFactory(event=event, day=date(2019, 11, 13), title="Opening")
    return event


def test_confirm_lists_every_missing_item_and_changes_nothing(case_handler, bare_event):
    accept_expert(bare_event)
    before = stored(bare_event)

    with pytest.raises(services.EventError) as error:
        services.confirm_event(bare_event, actor=case_handler)

    assert str(error.value) == (
        "The event cannot be confirmed yet. Set the start and end dates of the event. "
        "2 experts needed; 1 has accepted so far. Add at least one session to the agenda. "
        "Give the meeting link of this online event."
    )
    assert stored(bare_event) == before
    assert ActivityLog.objects.count() == 0


def test_confirm_refuses_a_session_outside_the_dates(case_handler, ready_event):
    AgendaSessionFactory(event=ready_event, day=date(2019, 11, 16), title="Site visit")

    with pytest.raises(services.EventError) as error:
        services.confirm_event(ready_event, actor=case_handler)

    assert str(error.value) == (
        "The event cannot be confirmed yet. The session “Site visit” on 16 Nov 2019 is outside "
        "the event's dates (13 Nov 2019 to 14 Nov 2019)."
    )
    assert Event.objects.get(pk=ready_event.pk).state == "planned"


def test_confirmation_missing_counts_only_accepted_experts(case_handler, ready_event):
    ready_event.experts_needed = 3
    ready_event.save()
    invitation = accept_expert(ready_event, full_name="Dana Declined")
    invitation.left_at = timezone.now()  # declined: no longer on the event
    invitation.save()

    assert confirmation_missing(ready_event) == ["3 experts needed; 2 have accepted so far."]


def test_confirm_with_everything_fixed(case_handler, ready_event):
    services.confirm_event(ready_event, actor=case_handler, note="All set.")

    ready_event.refresh_from_db()
    assert ready_event.state == "confirmed"
    assert list(
        activity_of(ready_event).values_list("action", "from_state", "to_state", "note")
    ) == [("confirm", "planned", "confirmed", "All set.")]


def test_confirm_a_postponed_event_again(case_handler, ready_event):
    services.postpone_event(
        ready_event,
        actor=case_handler,
        start_date=date(2019, 12, 4),
        end_date=date(2019, 12, 5),
        reason="The venue is being renovated.",
    )

    services.confirm_event(ready_event, actor=case_handler)

    ready_event.refresh_from_db()
    assert (ready_event.state, ready_event.start_date) == ("confirmed", date(2019, 12, 4))


def test_postpone_records_the_dates_and_moves_the_agenda(case_handler, ready_event):
    AgendaSessionFactory(
        event=ready_event, day=date(2019, 11, 14), starts_at=time(14), ends_at=time(15)
    )
    services.confirm_event(ready_event, actor=case_handler)

    services.postpone_event(
        ready_event,
        actor=case_handler,
        start_date=date(2019, 12, 4),
        end_date=date(2019, 12, 5),
        reason="  The venue is being renovated. ",
    )

    ready_event.refresh_from_db()
    assert (
        ready_event.state,
        ready_event.start_date,
        ready_event.end_date,
        ready_event.postponement_reason,
    ) == ("postponed", date(2019, 12, 4), date(2019, 12, 5), "The venue is being renovated.")
    assert list(
        AgendaSession.objects.filter(event=ready_event).values_list("day", "starts_at")
    ) == [(date(2019, 12, 4), time(9, 30)), (date(2019, 12, 5), time(14))]
    entry = activity_of(ready_event).get(action="postpone")
    assert (entry.from_state, entry.to_state, entry.note) == (
        "confirmed",
        "postponed",
        "Postponed from 13 Nov 2019 to 14 Nov 2019 to 4 Dec 2019 to 5 Dec 2019. "
        "Reason: The venue is being renovated.",
    )
    assert entry.data == {
        "old_start_date": "2019-11-13",
        "old_end_date": "2019-11-14",
        "new_start_date": "2019-12-04",
        "new_end_date": "2019-12-05",
    }


@pytest.mark.parametrize(
    ("start", "end", "reason", "field", "message"),
    [
        (
            date(2019, 12, 4),
            date(2019, 12, 5),
            " ",
            "reason",
            "Give the reason for the postponement.",
        ),
        (None, date(2019, 12, 5), "Renovation.", "start_date", "Give the new start date."),
        (date(2019, 12, 4), None, "Renovation.", "end_date", "Give the new end date."),
        (
            date(2019, 12, 5),
            date(2019, 12, 4),
            "Renovation.",
            "end_date",
            "The end date must be on or after the start date.",
        ),
        (
            date(2019, 11, 13),
            date(2019, 11, 14),
            "Renovation.",
            "start_date",
            "These are the event's current dates; give the new dates.",
        ),
    ],
)
def test_postpone_refusals_change_nothing(
    case_handler, ready_event, start, end, reason, field, message
):
    before = stored(ready_event)

    with pytest.raises(services.EventError) as error:
        services.postpone_event(
            ready_event, actor=case_handler, start_date=start, end_date=end, reason=reason
        )

    assert (error.value.field, str(error.value)) == (field, message)
    assert stored(ready_event) == before
    assert list(AgendaSession.objects.values_list("day", flat=True)) == [date(2019, 11, 13)]
    assert ActivityLog.objects.count() == 0


def test_mark_implemented_only_from_confirmed(case_handler, ready_event):
    with pytest.raises(TransitionNotAllowed) as error:
        services.mark_event_implemented(ready_event, actor=case_handler)

    assert str(error.value) == (
        "WS-2019-0008 is in the state “Planned”; it cannot move to “Implemented”."
    )
    assert Event.objects.get(pk=ready_event.pk).state == "planned"
    assert ActivityLog.objects.count() == 0


def test_mark_implemented_is_refused_before_the_event_starts(case_handler, ready_event):
    tomorrow = timezone.localdate() + timedelta(days=1)
    Event.objects.filter(pk=ready_event.pk).update(
        state="confirmed", start_date=tomorrow, end_date=tomorrow + timedelta(days=1)
    )
    ready_event.refresh_from_db()
    before = stored(ready_event)

    with pytest.raises(services.EventError) as error:
        services.mark_event_implemented(ready_event, actor=case_handler)

    assert str(error.value) == (
        f"The event starts on {tomorrow.day} {tomorrow:%b %Y}; it can be marked as "
        "implemented once it has taken place."
    )
    assert stored(ready_event) == before
    assert ActivityLog.objects.count() == 0


def implemented_mission(case_handler, **fields):
    return EventFactory(
        reference="EM-2019-0009",
        event_type="expert_mission",
        state="implemented",
        title="Risk analysis on illegal migration",
        start_date=date(2019, 10, 1),
        end_date=date(2019, 10, 3),
        case_handler=case_handler,
        **fields,
    )


def test_close_is_refused_while_something_is_missing(head_of_unit, case_handler):
    event = implemented_mission(case_handler)
    before = stored(event)

    with pytest.raises(services.EventError) as error:
        services.close_event(event, actor=head_of_unit)

    assert services.closing_blockers(event) == ["The expert mission report has not been submitted."]
    assert str(error.value) == (
        "The event cannot be closed yet. The expert mission report has not been submitted."
    )
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


def test_close_lists_every_missing_part(head_of_unit, case_handler):
    event = EventFactory(state="implemented", case_handler=case_handler)
    accept_expert(event, full_name="Eva Expert")

    blockers = services.closing_blockers(event)
    with pytest.raises(services.EventError) as error:
        services.close_event(event, actor=head_of_unit)

    assert blockers == [
        "No participant is registered.",
        "The fee statement of Eva Expert is not approved.",
    ]
    assert str(error.value) == "The event cannot be closed yet. " + " ".join(blockers)
    assert Event.objects.get(pk=event.pk).state == "implemented"


def test_close_once_nothing_is_missing(head_of_unit, case_handler):
    event = implemented_mission(case_handler)
    MissionReport.objects.create(event=event, state="accepted", findings="Fine.")

    services.close_event(event, actor=head_of_unit, note="All in.")

    event.refresh_from_db()
    assert event.state == "closed"
    assert list(activity_of(event).values_list("actor", "action", "note")) == [
        (head_of_unit.pk, "close", "All in.")
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, "no dates"),
        (date(2019, 11, 13), None, "13 Nov 2019"),
        (date(2019, 11, 13), date(2019, 11, 13), "13 Nov 2019"),
        (date(2019, 11, 3), date(2019, 11, 4), "3 Nov 2019 to 4 Nov 2019"),
    ],
)
def test_period_label(start, end, expected):
    assert period_label(start, end) == expected


def test_confirm_needs_the_link_of_a_hybrid_event(case_handler, ready_event):
    ready_event.modality = "hybrid"
    ready_event.save()
    assert confirmation_missing(ready_event) == ["Give the meeting link of this hybrid event."]

    ready_event.meeting_link = "https://meet.example.org/ws-2019-0008"
    ready_event.save()
    assert confirmation_missing(ready_event) == []
