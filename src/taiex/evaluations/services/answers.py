"""Recording a person's answers through their link: once, completely, or not at all."""

from django.db import transaction
from django.utils import timezone

from taiex.core.workflow import TransitionNotAllowed

from ..enums import QuestionKind, RequestState
from ..models import Answer, EvaluationRequest, Response
from ..workflow import request_workflow
from .errors import EvaluationLinkError
from .links import USED_LINK_MESSAGE, closed_message


def submit_answers(request, *, answers, now=None):
    """Store one Response with its answers and move the request to answered, in one
    transaction. `answers` are the (slot, value) pairs of a valid QuestionnaireForm. Refused
    with EvaluationLinkError (nothing stored) when the link was used or closed meanwhile.

    The response keeps no link to the request or the person, only the event, the questionnaire
    version and the day.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = EvaluationRequest.objects.select_for_update().get(pk=request.pk)
        if locked.state == RequestState.ANSWERED:
            raise EvaluationLinkError(USED_LINK_MESSAGE)
        if locked.state != RequestState.OPEN or locked.closes_at <= now:
            raise EvaluationLinkError(closed_message(locked))
        try:
            request_workflow.transition(
                locked, RequestState.ANSWERED, actor=None, changes={"answered_at": now}
            )
        except TransitionNotAllowed as error:
            raise EvaluationLinkError(USED_LINK_MESSAGE) from error
        response = Response.objects.create(
            event_id=locked.event_id,
            questionnaire_id=locked.questionnaire_id,
            audience=locked.audience,
            submitted_on=timezone.localdate(now),
        )
        Answer.objects.bulk_create([answer_row(response, slot, value) for slot, value in answers])
    request.state = RequestState.ANSWERED
    request.answered_at = now
    return response


def answer_row(response, slot, value):
    kind = slot.question.kind
    return Answer(
        response=response,
        question=slot.question,
        expert=slot.expert,
        recommendation=slot.recommendation,
        score=value if kind == QuestionKind.SCALE else None,
        value=value if kind in (QuestionKind.YES_NO, QuestionKind.CHOICE) else "",
        text=value if kind == QuestionKind.TEXT else "",
    )
