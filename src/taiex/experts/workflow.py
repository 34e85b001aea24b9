"""The state tables of an expert's verification and of an invitation, each with its one
transition()."""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import InvitationState as I
from .enums import VerificationState as V
from .models import Expert, Invitation

VERIFICATION_MOVES = {
    (V.UNCONFIRMED, V.PENDING): "confirm_email",
    (V.PENDING, V.VERIFIED): "verify",
    (V.PENDING, V.REJECTED): "reject",
    (V.REJECTED, V.PENDING): "ask_again",
    (V.VERIFIED, V.REJECTED): "withdraw_verification",
}
INVITATION_MOVES = {
    (I.INVITED, I.ACCEPTED): "accept",
    (I.INVITED, I.DECLINED): "decline",
    (I.INVITED, I.EXPIRED): "expire",
    (I.INVITED, I.WITHDRAWN): "withdraw",
    (I.ACCEPTED, I.WITHDRAWN): "withdraw",
    (I.ACCEPTED, I.DECLINED): "decline",
}

verification_workflow = Workflow(
    model=Expert,
    moves=VERIFICATION_MOVES,
    state_field="verification_state",
    labels=dict(V.choices),
)
invitation_workflow = Workflow(model=Invitation, moves=INVITATION_MOVES, labels=dict(I.choices))

__all__ = [
    "INVITATION_MOVES",
    "VERIFICATION_MOVES",
    "TransitionNotAllowed",
    "invitation_workflow",
    "verification_workflow",
]
