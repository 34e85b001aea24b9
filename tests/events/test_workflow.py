from itertools import product

import pytest

from taiex.core.audit import activity_of
from taiex.core.models import ActivityLog
from taiex.events import services
from taiex.events.enums import EventState as S
from taiex.events.models import Event, MissionReport
from taiex.events.workflow import MOVES, TransitionNotAllowed, transition
from tests.factories import EventFactory

ALL_PAIRS = list(product(S.values, S.values))
ALLOWED = [pair for pair in ALL_PAIRS if pair in MOVES]
REFUSED = [pair for pair in ALL_PAIRS if pair not in MOVES]


def event_in(state):
    reason = "The venue closed." if state == S.CANCELLED else ""
    return EventFactory(state=state, cancellation_reason=reason)


def changes_for(to_state):
    return {"cancellation_reason": "Moved to next year."} if to_state == S.CANCELLED else {}


def test_the_table_has_exactly_the_lifecycle_moves():
    assert MOVES == {
        (S.PLANNED, S.CONFIRMED): "confirm",
        (S.POSTPONED, S.CONFIRMED): "confirm",
        (S.PLANNED, S.POSTPONED): "postpone",
        (S.CONFIRMED, S.POSTPONED): "postpone",
        (S.CONFIRMED, S.IMPLEMENTED): "mark_implemented",
        (S.IMPLEMENTED, S.CLOSED): "close",
        (S.PLANNED, S.CANCELLED): "cancel",
        (S.CONFIRMED, S.CANCELLED): "cancel",
        (S.POSTPONED, S.CANCELLED): "cancel",
    }


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_allowed_move_changes_state_and_logs_it(case_handler, from_state, to_state):
    event = event_in(from_state)

    transition(event, to_state, actor=case_handler, note="Done.", changes=changes_for(to_state))

    event.refresh_from_db()
    assert event.state == to_state
    log = list(activity_of(event).values_list("actor", "action", "from_state", "to_state", "note"))
    assert log == [(case_handler.pk, MOVES[(from_state, to_state)], from_state, to_state, "Done.")]


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED)
def test_refused_move_raises_and_changes_nothing(case_handler, from_state, to_state):
    event = event_in(from_state)
    before = Event.objects.filter(pk=event.pk).values().get()

    with pytest.raises(TransitionNotAllowed):
        transition(event, to_state, actor=case_handler, changes=changes_for(to_state))

    assert Event.objects.filter(pk=event.pk).values().get() == before
    assert ActivityLog.objects.count() == 0


def test_mark_implemented_records_participants(case_handler):
    event = event_in(S.CONFIRMED)

    services.mark_event_implemented(event, actor=case_handler, participants_count=27, note="Held.")

    event.refresh_from_db()
    assert (event.state, event.participants_count) == (S.IMPLEMENTED, 27)
    assert list(activity_of(event).values_list("action", "note")) == [("mark_implemented", "Held.")]


def test_mark_implemented_refuses_negative_participants_and_stores_nothing(case_handler):
    event = event_in(S.CONFIRMED)

    with pytest.raises(services.EventError) as error:
        services.mark_event_implemented(event, actor=case_handler, participants_count=-1)

    assert error.value.field == "participants_count"
    event.refresh_from_db()
    assert (event.state, event.participants_count) == (S.CONFIRMED, 40)
    assert ActivityLog.objects.count() == 0


@pytest.mark.parametrize("state", [S.PLANNED, S.CONFIRMED, S.POSTPONED])
def test_cancel_stores_the_reason(case_handler, state):
    event = event_in(state)

    services.cancel_event(event, actor=case_handler, reason="  The ministry was reorganised. ")

    event.refresh_from_db()
    assert (event.state, event.cancellation_reason) == (
        S.CANCELLED,
        "The ministry was reorganised.",
    )
    assert list(activity_of(event).values_list("action", "note")) == [
        ("cancel", "The ministry was reorganised.")
    ]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_cancel_without_reason_is_refused_and_stores_nothing(case_handler, reason):
    event = event_in(S.CONFIRMED)

    with pytest.raises(services.EventError) as error:
        services.cancel_event(event, actor=case_handler, reason=reason)

    assert (error.value.field, str(error.value)) == (
        "reason",
        "Give the reason for the cancellation.",
    )
    event.refresh_from_db()
    assert (event.state, event.cancellation_reason) == (S.CONFIRMED, "")
    assert ActivityLog.objects.count() == 0


def test_close_after_implementation(head_of_unit):
    event = EventFactory(state=S.IMPLEMENTED, event_type="expert_mission")
    MissionReport.objects.create(event=event, state="accepted")

    services.close_event(event, actor=head_of_unit, note="Reports received.")

    event.refresh_from_db()
    assert event.state == S.CLOSED
    assert list(activity_of(event).values_list("actor", "action")) == [(head_of_unit.pk, "close")]
