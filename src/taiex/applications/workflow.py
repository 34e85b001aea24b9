"""The state table of a request for assistance and its one transition()."""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import HOLDABLE_STATES
from .enums import ApplicationState as S
from .models import Application

MOVES = {
    (S.DRAFT, S.SUBMITTED): "submit",
    (S.RETURNED, S.SUBMITTED): "resubmit",
    (S.SUBMITTED, S.RETURNED): "return_for_correction",
    (S.SUBMITTED, S.CONSULTATION): "forward",
    (S.CONSULTATION, S.ASSESSMENT): "close_consultation",
    (S.CONSULTATION, S.REJECTED): "veto",
    (S.ASSESSMENT, S.PROPOSED): "propose",
    (S.PROPOSED, S.APPROVED): "approve",
    (S.PROPOSED, S.REJECTED): "reject",
    (S.PROPOSED, S.ASSESSMENT): "send_back_for_assessment",
    **{(state, S.ON_HOLD): "put_on_hold" for state in HOLDABLE_STATES},
    **{(S.ON_HOLD, state): "resume" for state in HOLDABLE_STATES},
    **{
        (state, S.WITHDRAWN): "withdraw"
        for state in [S.DRAFT, S.RETURNED, *HOLDABLE_STATES, S.ON_HOLD]
    },
}

application_workflow = Workflow(model=Application, moves=MOVES, labels=dict(S.choices))


def transition(application, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return application_workflow.transition(
        application,
        to_state,
        actor=actor,
        note=note,
        changes=changes,
        data=data,
        on_commit=on_commit,
    )


__all__ = ["MOVES", "TransitionNotAllowed", "application_workflow", "transition"]
