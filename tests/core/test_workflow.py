"""The Workflow helper: moves in the table happen and are logged; others are refused."""

import pytest

from taiex.core.audit import activity_of
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.workflow import event_workflow
from tests.factories import EventFactory, UserFactory


def test_transition_moves_the_state_and_writes_the_audit_log(db):
    actor = UserFactory()
    event = EventFactory(state="planned")

    moved = event_workflow.transition(event, "confirmed", actor=actor, note="Done.")

    event.refresh_from_db()
    assert (moved.state, event.state) == ("confirmed", "confirmed")
    assert [
        (row.action, row.from_state, row.to_state, row.note, row.actor)
        for row in activity_of(event)
    ] == [("confirm", "planned", "confirmed", "Done.", actor)]


def test_transition_refuses_a_move_that_is_not_in_the_table_and_changes_nothing(db):
    event = EventFactory(state="closed")

    with pytest.raises(TransitionNotAllowed, match="“Closed”; it cannot move to “Planned”"):
        event_workflow.transition(event, "planned", actor=None)

    event.refresh_from_db()
    assert event.state == "closed"
    assert list(activity_of(event)) == []
