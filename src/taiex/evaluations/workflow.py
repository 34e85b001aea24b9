"""The life of an evaluation request: open until answered, or closed (deadline or staff); a
closed link that staff resend opens again."""

from taiex.core.workflow import Workflow

from .enums import RequestState as S
from .models import EvaluationRequest

request_workflow = Workflow(
    EvaluationRequest,
    {
        (S.OPEN, S.ANSWERED): "answer_evaluation",
        (S.OPEN, S.CLOSED): "close_evaluation",
        (S.CLOSED, S.OPEN): "reopen_evaluation",
    },
    labels=dict(S.choices),
)
