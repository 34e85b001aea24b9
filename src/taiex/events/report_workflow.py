"""The state table of an expert mission report and its one transition().

draft -> submitted (by the experts, all three sections written) -> accepted (by staff), or
changes_requested (by staff, with a note) -> submitted again. Saving a draft changes no state.
"""

from taiex.core.workflow import TransitionNotAllowed, Workflow

from .enums import ReportState as S
from .models import MissionReport

MOVES = {
    (S.DRAFT, S.SUBMITTED): "submit_report",
    (S.CHANGES_REQUESTED, S.SUBMITTED): "submit_report",
    (S.SUBMITTED, S.ACCEPTED): "accept_report",
    (S.SUBMITTED, S.CHANGES_REQUESTED): "request_report_changes",
}

report_workflow = Workflow(model=MissionReport, moves=MOVES, labels=dict(S.choices))


def transition(report, to_state, *, actor, note="", changes=None, data=None, on_commit=None):
    return report_workflow.transition(
        report, to_state, actor=actor, note=note, changes=changes, data=data, on_commit=on_commit
    )


__all__ = ["MOVES", "TransitionNotAllowed", "report_workflow", "transition"]
