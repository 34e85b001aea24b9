"""Reusable reads of evaluations: who is asked, the questionnaire in force, the policy of a
date, and the results of an event (never with a participant's name)."""

import re
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from taiex.events.enums import EventState
from taiex.events.models import MissionReport
from taiex.events.queries.participants import attended_participants
from taiex.experts.models import Expert

from .enums import (
    EXPERT_RATING_KEY,
    SCALE_LABELS,
    YES_NO_LABELS,
    Audience,
    QuestionKind,
    RequestState,
)
from .models import Answer, EvaluationPolicy, EvaluationRequest, Questionnaire, Response
from .texts import shown

EVALUATED_STATES = [EventState.IMPLEMENTED, EventState.CLOSED]


def confirmed_experts_of(event):
    """The experts on `event` (events.EventExpert, not left): the one place that knows where
    confirmed experts are stored."""
    return list(
        Expert.objects.filter(event_places__event=event, event_places__left_at__isnull=True)
        .select_related("user")
        .distinct()
        .order_by("user__full_name", "pk")
    )


def attending_participants_of(event):
    """The participants present on at least one day: they are asked to evaluate."""
    return list(attended_participants(event))


def policy_for(day):
    """The evaluation policy in force on `day` (the latest valid_from not after it)."""
    policy = EvaluationPolicy.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return policy or EvaluationPolicy.objects.order_by("valid_from").first()


def active_questionnaire(audience):
    return Questionnaire.objects.filter(audience=audience, is_active=True).first()


def questions_of(questionnaire):
    return list(questionnaire.questions.select_related("shown_if_question").order_by("position"))


def recommendations_of(event):
    """The recommendations of the event's mission report, one per non-empty line (bullets
    and numbers stripped); a peer review's by priority, high first; none when the event has no
    report."""
    sections = (
        MissionReport.objects.filter(event=event)
        .values_list(
            "recommendations",
            "recommendations_high",
            "recommendations_medium",
            "recommendations_low",
        )
        .first()
    )
    text = "\n".join(sections or ())
    lines = [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def requests_of(event):
    return list(EvaluationRequest.objects.filter(event=event).order_by("audience", "name", "pk"))


@dataclass
class AudienceRate:
    audience: str
    label: str
    asked: int
    answered: int

    @property
    def rate(self):
        return round(100 * self.answered / self.asked) if self.asked else None


def response_rates(event):
    """Asked and answered per audience, in the order of the audiences."""
    counts = {
        row["audience"]: row
        for row in EvaluationRequest.objects.filter(event=event)
        .values("audience")
        .annotate(asked=Count("pk"), answered=Count("pk", filter=Q(state=RequestState.ANSWERED)))
    }
    return [
        AudienceRate(value, label, counts[value]["asked"], counts[value]["answered"])
        for value, label in Audience.choices
        if value in counts
    ]


@dataclass
class QuestionResult:
    text: str
    kind: str
    count: int = 0
    average: float | None = None
    distribution: list = field(default_factory=list)  # (label, count)
    texts: list = field(default_factory=list)


def event_results(event, audience, *, with_texts):
    """Per question of `audience`'s answers to `event`: counts, average, the distribution of
    scores or choices, and (with_texts) the free texts, shuffled by text so no order of
    answering shows. Per-expert questions are left out (see expert_ratings_of)."""
    answers = (
        Answer.objects.filter(response__event=event, response__audience=audience)
        .exclude(question__repeat="per_expert")
        .select_related("question")
        .order_by("question__questionnaire__version", "question__position", "text", "value")
    )
    results = {}
    for answer in answers:
        question = answer.question
        key = (question.key, answer.recommendation)
        if key not in results:
            results[key] = QuestionResult(text=shown(question.text), kind=question.kind)
        result = results[key]
        if question.kind == QuestionKind.TEXT:
            if answer.text:
                result.count += 1
                if with_texts:
                    result.texts.append(answer.text)
            continue
        result.count += 1
        label = SCALE_LABELS.get(answer.score) if answer.score else answer.value
        if question.kind == QuestionKind.SCALE:
            result.distribution.append(answer.score)
        else:
            result.distribution.append(label)
    for result in results.values():
        values = result.distribution
        if result.kind == QuestionKind.SCALE and values:
            result.average = round(sum(values) / len(values), 2)
            result.distribution = [
                (SCALE_LABELS[score], values.count(score)) for score in sorted(SCALE_LABELS)
            ]
        else:
            result.distribution = [
                (YES_NO_LABELS.get(label) or shown(label), values.count(label))
                for label in sorted(set(values))
            ]
    return [result for result in results.values() if result.count or result.kind != "text"]


def answered_count(event, audience):
    return Response.objects.filter(event=event, audience=audience).count()


def expert_ratings_of(event):
    """Each confirmed expert's rating by the participants of `event`: (expert, average, count)."""
    rows = (
        Answer.objects.filter(
            response__event=event, question__key=EXPERT_RATING_KEY, score__isnull=False
        )
        .values("expert")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    by_expert = {row["expert"]: row for row in rows}
    experts = (
        Expert.objects.filter(pk__in=by_expert).select_related("user").order_by("user__full_name")
    )
    return [
        (expert, round(by_expert[expert.pk]["average"], 2), by_expert[expert.pk]["count"])
        for expert in experts
    ]


def expert_rating_summary(expert_ids):
    """{expert id: (average rating from 1 to 5, number of ratings)} over every event, for the
    experts in `expert_ids` that have ratings (an expert without any is absent)."""
    rows = (
        Answer.objects.filter(
            expert_id__in=list(expert_ids), question__key=EXPERT_RATING_KEY, score__isnull=False
        )
        .values("expert")
        .annotate(average=Avg("score"), count=Count("pk"))
    )
    return {row["expert"]: (round(row["average"], 2), row["count"]) for row in rows}


def own_ratings_by_event(expert):
    """An expert's average rating and count per event (never who rated), newest event first."""
    rows = (
        Answer.objects.filter(expert=expert, question__key=EXPERT_RATING_KEY, score__isnull=False)
        .values("response__event", "response__event__reference", "response__event__title")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("-response__event__start_date", "-response__event")
    )
    return [
        {
            "reference": row["response__event__reference"],
            "title": row["response__event__title"],
            "average": round(row["average"], 2),
            "count": row["count"],
        }
        for row in rows
    ]


def rated_experts():
    """Rows {expert, average, count} of every expert with ratings, most ratings first."""
    return (
        Answer.objects.filter(question__key=EXPERT_RATING_KEY, score__isnull=False)
        .values("expert")
        .annotate(average=Avg("score"), count=Count("pk"))
        .order_by("-count", "expert")
    )


def participant_request_of(event, email):
    """The evaluation request of a participant of `event` (by their address), or None: what
    the participant's own page shows (the link while open, a thank-you once answered)."""
    return (
        EvaluationRequest.objects.filter(
            event=event, audience=Audience.PARTICIPANTS, email__iexact=email
        )
        .order_by("-sent_at", "-pk")
        .first()
    )
