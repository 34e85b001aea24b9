"""The state table of a participant's registration and its one transition().

A registration starts as requested (a seat is held, staff approve it) or waitlisted (the
capacity was full). requested -> approved or rejected; waitlisted -> approved when a seat frees
up (moved up) or rejected; requested, waitlisted and approved -> cancelled; approved -> replaced
by a last-minute replacement.
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import ParticipantState as S
from .models import Participant

MOVES = {
    (S.REQUESTED, S.APPROVED): "approve",
    (S.REQUESTED, S.REJECTED): "reject",
    (S.REQUESTED, S.CANCELLED): "cancel",
    (S.WAITLISTED, S.APPROVED): "move_up",
    (S.WAITLISTED, S.REJECTED): "reject",
    (S.WAITLISTED, S.CANCELLED): "cancel",
    (S.APPROVED, S.CANCELLED): "cancel",
    (S.APPROVED, S.REPLACED): "replace",
}

participant_workflow = Workflow(model=Participant, moves=MOVES, labels=dict(S.choices))


def transition(participant, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return participant_workflow.transition(
        participant,
        to_state,
        actor=actor,
        note=note,
        changes=changes,
        data=data,
        on_commit=on_commit,
    )


__all__ = ["MOVES", "TransitionNotAllowed", "participant_workflow", "transition"]
