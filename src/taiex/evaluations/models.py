"""Questionnaires (versioned data), the policy of sending them (dated data), one evaluation
round per event, the personal links sent, and the answers.

A participant's response is stored without any link to the person or to their request: the
request only records that it was answered, so no page can show an answer with a name.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from taiex.core.personal_data import holds_personal_data

from .enums import Audience, QuestionKind, Repeat, RequestState


class EvaluationPolicy(models.Model):
    """When links go out, are reminded and close, and how many answers a result needs; read
    by the date of the event (a change is a new row with its valid_from)."""

    valid_from = models.DateField(unique=True)
    reminder_after_days = models.PositiveSmallIntegerField(default=7)
    answer_days = models.PositiveSmallIntegerField(default=21)
    follow_up_after_months = models.PositiveSmallIntegerField(default=6)
    follow_up_reminder_after_days = models.PositiveSmallIntegerField(default=14)
    follow_up_answer_days = models.PositiveSmallIntegerField(default=42)
    minimum_answers_shown = models.PositiveSmallIntegerField(
        default=5, help_text="Results of an event are shown only from this many answers."
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name_plural = "evaluation policies"

    def __str__(self):
        return f"Evaluation policy from {self.valid_from:%d %B %Y}"


class Questionnaire(models.Model):
    """One version of the questionnaire of an audience. A version that has answers is never
    changed: editing it makes the next version (services.new_version)."""

    audience = models.CharField(max_length=20, choices=Audience)
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)
    is_active = models.BooleanField(
        default=False, help_text="The version sent from now on (one per audience)."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["audience", "-version"]
        constraints = [
            models.UniqueConstraint("audience", "version", name="one_questionnaire_version"),
            models.UniqueConstraint(
                "audience", condition=Q(is_active=True), name="one_active_questionnaire"
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(
        max_length=40, help_text="Stable name across versions; the statistics read some keys."
    )
    kind = models.CharField(max_length=20, choices=QuestionKind)
    text = models.CharField(
        max_length=300, help_text="{expert} and {recommendation} are filled in."
    )
    help_text = models.CharField(max_length=300, blank=True)
    is_required = models.BooleanField(default=True)
    repeat = models.CharField(max_length=20, choices=Repeat, default=Repeat.ONCE)
    choices = models.JSONField(default=list, blank=True, help_text="The options of a choice.")
    shown_if_question = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        help_text="Asked only when this question got the answer below.",
    )
    shown_if_answer = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint("questionnaire", "position", name="one_question_per_position"),
            models.UniqueConstraint("questionnaire", "key", name="one_question_per_key"),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"


class EventEvaluation(models.Model):
    """The evaluation round of one event: when its links went out and when the follow-up is
    due. Its existence is what makes sending idempotent per event."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    follow_up_due_on = models.DateField()
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    closed_early_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Evaluation of event {self.event_id}"


@holds_personal_data("name", "email")
class EvaluationRequest(models.Model):
    """A personal, signed, single-use link sent to one person for one event and audience."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience)
    expert = models.ForeignKey(
        "experts.Expert", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    state = models.CharField(max_length=20, choices=RequestState, default=RequestState.OPEN)
    sent_at = models.DateTimeField(default=timezone.now)
    sent_count = models.PositiveSmallIntegerField(default=1)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "audience", "name"]
        constraints = [
            models.UniqueConstraint(
                "event", "audience", "email", name="one_evaluation_request_per_person"
            )
        ]
        indexes = [models.Index(fields=["state", "closes_at"])]

    def __str__(self):
        return f"{self.get_audience_display()} evaluation of event {self.event_id}: {self.name}"


class Response(models.Model):
    """One completed questionnaire. Deliberately without a link to its request or person;
    only the day is kept, not the time, so the order of answers does not name anyone."""

    # A random key: a counter would give the order of answers, and with it their authors.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience, db_index=True)
    submitted_on = models.DateField(default=timezone.localdate)

    class Meta:
        indexes = [models.Index(fields=["event", "audience"])]

    def __str__(self):
        return f"Response {self.pk} to event {self.event_id}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    expert = models.ForeignKey(
        "experts.Expert", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recommendation = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.CharField(max_length=100, blank=True, help_text="yes, no or the choice.")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="answer_score_from_1_to_5",
            )
        ]
        indexes = [models.Index(fields=["question", "expert"])]

    def __str__(self):
        return f"Answer to {self.question_id}"
