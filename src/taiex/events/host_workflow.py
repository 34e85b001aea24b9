"""The state table of a study visit's host agreement and its one transition().

asked (by the case handler) -> agreed or declined (the host's answer, a reason to decline);
asked -> withdrawn (the case handler asks another host instead, a reason); agreed -> declined
(the host withdraws while the event is prepared, a reason).
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import HostAgreementState as S
from .models import HostAgreement

MOVES = {
    (S.ASKED, S.AGREED): "host_agreed",
    (S.ASKED, S.DECLINED): "host_declined",
    (S.AGREED, S.DECLINED): "host_declined",
    (S.ASKED, S.WITHDRAWN): "withdraw_host_request",
}

host_agreement_workflow = Workflow(model=HostAgreement, moves=MOVES, labels=dict(S.choices))


def transition(agreement, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return host_agreement_workflow.transition(
        agreement, to_state, actor=actor, note=note, changes=changes, data=data, on_commit=on_commit
    )


__all__ = ["MOVES", "TransitionNotAllowed", "host_agreement_workflow", "transition"]
