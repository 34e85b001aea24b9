"""The state table of an exception to an event's limit and its one transition().

requested (by the case handler, with a reason) -> granted or refused (by the head of unit).
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import LimitExceptionState as S
from .models import LimitException

MOVES = {
    (S.REQUESTED, S.GRANTED): "grant_limit_exception",
    (S.REQUESTED, S.REFUSED): "refuse_limit_exception",
}

limit_exception_workflow = Workflow(model=LimitException, moves=MOVES, labels=dict(S.choices))


def transition(exception, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return limit_exception_workflow.transition(
        exception, to_state, actor=actor, note=note, changes=changes, data=data, on_commit=on_commit
    )


__all__ = ["MOVES", "TransitionNotAllowed", "limit_exception_workflow", "transition"]
