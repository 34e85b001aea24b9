"""The state table of an event and its one transition().

planned -> confirmed (dates, experts and agenda fixed) -> implemented -> closed; postponed (new
dates) from planned or confirmed, and confirmed again once the new dates hold; cancelled (reason
required) from planned, confirmed or postponed.
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import EventState as S
from .models import Event

MOVES = {
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

event_workflow = Workflow(model=Event, moves=MOVES, labels=dict(S.choices))


def transition(event, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return event_workflow.transition(
        event, to_state, actor=actor, note=note, changes=changes, data=data, on_commit=on_commit
    )


__all__ = ["MOVES", "TransitionNotAllowed", "event_workflow", "transition"]
