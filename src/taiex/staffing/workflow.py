"""The state table of an invitation, with its one transition()."""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import InvitationState as I
from .models import Invitation

INVITATION_MOVES = {
    (I.INVITED, I.ACCEPTED): "accept",
    (I.INVITED, I.DECLINED): "decline",
    (I.INVITED, I.EXPIRED): "expire",
    (I.INVITED, I.WITHDRAWN): "withdraw",
    (I.ACCEPTED, I.WITHDRAWN): "withdraw",
    (I.ACCEPTED, I.DECLINED): "decline",
}

invitation_workflow = Workflow(model=Invitation, moves=INVITATION_MOVES, labels=dict(I.choices))

__all__ = ["INVITATION_MOVES", "TransitionNotAllowed", "invitation_workflow"]
