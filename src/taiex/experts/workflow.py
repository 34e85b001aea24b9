"""The state table of an expert's verification, with its one transition()."""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import VerificationState as V
from .models import Expert

VERIFICATION_MOVES = {
    (V.UNCONFIRMED, V.PENDING): "confirm_email",
    (V.PENDING, V.VERIFIED): "verify",
    (V.PENDING, V.REJECTED): "reject",
    (V.REJECTED, V.PENDING): "ask_again",
    (V.VERIFIED, V.REJECTED): "withdraw_verification",
}

verification_workflow = Workflow(
    model=Expert,
    moves=VERIFICATION_MOVES,
    state_field="verification_state",
    labels=dict(V.choices),
)

__all__ = ["VERIFICATION_MOVES", "TransitionNotAllowed", "verification_workflow"]
