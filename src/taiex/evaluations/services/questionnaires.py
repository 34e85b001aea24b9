"""Versions of a questionnaire: a version that was sent or answered is frozen; editing it
means copying it to a new version, which staff then put in force."""

from django.db import transaction
from django.db.models import Max

from taiex.core.audit import log_action

from ..models import EvaluationRequest, Question, Questionnaire, Response


def is_in_use(questionnaire):
    """Sent to somebody or answered: its questions must not change any more."""
    return (
        EvaluationRequest.objects.filter(questionnaire=questionnaire).exists()
        or Response.objects.filter(questionnaire=questionnaire).exists()
    )


def new_version(questionnaire, *, actor):
    """Copy `questionnaire` with its questions and conditions to the next version of its
    audience, not yet in force, and return the copy (to be edited, then activated)."""
    with transaction.atomic():
        latest = Questionnaire.objects.filter(audience=questionnaire.audience).aggregate(
            Max("version")
        )["version__max"]
        copy = Questionnaire.objects.create(
            audience=questionnaire.audience,
            version=latest + 1,
            title=questionnaire.title,
            introduction=questionnaire.introduction,
            is_active=False,
        )
        copies = {}
        for question in questionnaire.questions.order_by("position"):
            copies[question.pk] = Question.objects.create(
                questionnaire=copy,
                position=question.position,
                key=question.key,
                kind=question.kind,
                text=question.text,
                help_text=question.help_text,
                is_required=question.is_required,
                repeat=question.repeat,
                choices=question.choices,
                shown_if_question=copies.get(question.shown_if_question_id),
                shown_if_answer=question.shown_if_answer,
            )
        log_action(
            copy, actor=actor, action="new_questionnaire_version", note=f"From {questionnaire}."
        )
    return copy


def activate(questionnaire, *, actor):
    """Send this version from now on; the audience's previous version stops being sent."""
    with transaction.atomic():
        Questionnaire.objects.filter(audience=questionnaire.audience, is_active=True).exclude(
            pk=questionnaire.pk
        ).update(is_active=False)
        Questionnaire.objects.filter(pk=questionnaire.pk).update(is_active=True)
        questionnaire.is_active = True
        log_action(questionnaire, actor=actor, action="activate_questionnaire")
    return questionnaire
