"""Evaluations of the generated history: from EVALUATED_FROM on (earlier years have none, so
the statistics say "No data" for them), each held event's approved participants and accepted
experts were asked right after it, and its requesting institution six months later. About 60%
of participants, 80% of experts and 40% of follow-ups answered, with realistic scores (most
events and experts rated good or excellent). Rows are streamed like the rest of the history.
"""

import uuid
from datetime import timedelta

from django.db import connection

from taiex.applications.models import Application
from taiex.evaluations.enums import Audience, RequestState
from taiex.evaluations.models import (
    Answer,
    EvaluationRequest,
    EventEvaluation,
    Questionnaire,
    Response,
)
from taiex.evaluations.services.sending import add_months
from taiex.events.enums import EventState, ParticipantState
from taiex.events.models import Participant
from taiex.experts.models import Expert

from .bulk import Table
from .population import stamp

EVALUATED_FROM = 2017
ANSWER_RATES = {Audience.PARTICIPANTS: 0.6, Audience.EXPERTS: 0.8, Audience.FOLLOW_UP: 0.4}
# Cumulative weights of the scores 1..5 for an ordinary event: about 88% good or excellent.
SCORES = [0.01, 0.04, 0.12, 0.45, 1.0]
YES_SHARES = {
    "legislation": 0.35,
    "practices": 0.55,
    "training": 0.6,
    "further_assistance": 0.45,
    "objectives_met": 0.9,
    "follow_up_needed": 0.4,
}
REQUEST_COLUMNS = [
    "event_id", "questionnaire_id", "audience", "expert_id", "name", "email", "state",
    "sent_at", "reminder_sent_at", "closes_at", "answered_at",
]  # fmt: skip


def tables():
    return {
        "evaluation rounds": Table(
            EventEvaluation, ["event_id", "opened_at", "follow_up_due_on", "follow_up_sent_at"]
        ),
        "evaluation requests": Table(EvaluationRequest, REQUEST_COLUMNS),
        "evaluation responses": Table(
            Response, ["id", "event_id", "questionnaire_id", "audience", "submitted_on"]
        ),
        "evaluation answers": Table(
            Answer, ["response_id", "question_id", "expert_id", "score", "value", "text"]
        ),
    }


def score(draw, shift=0.0):
    """A score from 1 to 5; a positive `shift` (a good expert) moves it up."""
    value = min(max(draw() + shift, 0.0), 0.9999)
    return next(index for index, bound in enumerate(SCORES, start=1) if value < bound)


class EvaluationRows:
    """Builds every evaluation row of the held events from EVALUATED_FROM to `as_of`; the
    responses and answers are kept in lists for their own tables (about a fifth of the
    participations answer, so this stays well below the participants' size)."""

    def __init__(self, events, rng, *, first_event_id, as_of):
        self.rng, self.as_of = rng, as_of
        self.events = {
            first_event_id + event.id: event
            for event in events
            if event.state != EventState.CANCELLED
            and event.start.year >= EVALUATED_FROM
            and event.end < as_of
        }
        self.questionnaires = {q.audience: q for q in Questionnaire.objects.filter(is_active=True)}
        self.questions = {
            audience: {question.key: question.pk for question in q.questions.all()}
            for audience, q in self.questionnaires.items()
        }
        self.rounds, self.requests, self.responses, self.answers = [], [], [], []
        self.uuid_as_text = (lambda u: u.hex) if connection.vendor == "sqlite" else str

    def build(self):
        rng = self.rng
        experts = self.expert_people()
        # Each expert has a quality of their own: their ratings lean up or down together.
        quality = {pk: rng.gauss(0, 0.08) for pk in experts}
        for event_id, event in self.events.items():
            due = add_months(event.end, 6)
            sent = stamp(event.end + timedelta(days=1), 8)
            self.rounds.append((event_id, sent, due, stamp(due, 8) if due < self.as_of else None))
        for event_id, _pk, name, email in self.participants():
            event = self.events[event_id]
            ids = [expert_id for expert_id, _role, _day in event.experts]
            self.ask(
                (event_id, Audience.PARTICIPANTS, name, email, None),
                lambda d, ids=ids: self.participant_answers(d, ids, quality),
                sent_on=event.end + timedelta(days=1),
            )
        for event_id, event in self.events.items():
            for expert_id, _role, _day in event.experts:
                name, email = experts[expert_id]
                self.ask(
                    (event_id, Audience.EXPERTS, name, email, expert_id),
                    self.expert_answers,
                    sent_on=event.end + timedelta(days=1),
                )
        applicants = self.applicants()
        for event_id, event in self.events.items():
            due = add_months(event.end, 6)
            application_id = getattr(event, "application_id", None)
            if due >= self.as_of or application_id not in applicants:
                continue
            name, email = applicants[application_id]
            self.ask(
                (event_id, Audience.FOLLOW_UP, name, email, None),
                self.follow_up_answers,
                sent_on=due,
            )
        return self

    def ask(self, person, answers, *, sent_on):
        """One request to `person` (event id, audience, name, e-mail, expert id), answered or
        not; when answered, its response and the answers drawn by `answers`."""
        event_id, audience, name, email, expert_id = person
        draw = self.rng.random
        answered = draw() < ANSWER_RATES[audience]
        reminded = None if answered and draw() < 0.6 else stamp(sent_on + timedelta(days=7), 8)
        answered_on = sent_on + timedelta(days=int(draw() * 20))
        questionnaire = self.questionnaires[audience]
        self.requests.append((
            event_id, questionnaire.pk, audience, expert_id, name, email.lower(),
            RequestState.ANSWERED if answered else RequestState.CLOSED, stamp(sent_on, 8),
            reminded, stamp(sent_on + timedelta(days=21), 8),
            stamp(answered_on, 10 + int(draw() * 8)) if answered else None,
        ))  # fmt: skip
        if not answered:
            return
        response = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        key = self.uuid_as_text(response)
        self.responses.append((key, event_id, questionnaire.pk, audience, answered_on))
        questions = self.questions[audience]
        for question_key, expert, value in answers(draw):
            is_score = isinstance(value, int)
            self.answers.append((
                key, questions[question_key], expert, value if is_score else None,
                "" if is_score else value, "",
            ))  # fmt: skip

    def participant_answers(self, draw, expert_ids, quality):
        yield "overall", None, score(draw)
        for expert_id in expert_ids:
            yield "expert_rating", expert_id, score(draw, quality.get(expert_id, 0))
        yield "organisation", None, score(draw)
        yield "usefulness", None, score(draw, -0.03)
        yield "objectives_met", None, "yes" if draw() < YES_SHARES["objectives_met"] else "no"

    def expert_answers(self, draw):
        yield "preparation", None, score(draw, -0.05)
        yield "engagement", None, score(draw)
        yield "organisation", None, score(draw)
        needed = draw() < YES_SHARES["follow_up_needed"]
        yield "follow_up_needed", None, "yes" if needed else "no"

    def follow_up_answers(self, draw):
        for key in ("legislation", "practices", "training", "further_assistance"):
            yield key, None, "yes" if draw() < YES_SHARES[key] else "no"

    def participants(self):
        return (
            row
            for row in Participant.objects.filter(
                event__start_date__year__gte=EVALUATED_FROM, state=ParticipantState.APPROVED
            )
            .order_by("event_id", "pk")
            .values_list("event_id", "pk", "full_name", "email")
            .iterator(chunk_size=20_000)
            if row[0] in self.events
        )

    def expert_people(self):
        # Every expert in one read: an id list would pass SQLite's limit of bound variables.
        return {
            pk: (name, email)
            for pk, name, email in Expert.objects.values_list(
                "pk", "user__full_name", "user__email"
            ).iterator(chunk_size=20_000)
        }

    def applicants(self):
        wanted = {getattr(e, "application_id", None) for e in self.events.values()}
        return {
            pk: (name, email)
            for pk, name, email in Application.objects.filter(created_by__isnull=False)
            .values_list("pk", "created_by__full_name", "created_by__email")
            .iterator(chunk_size=20_000)
            if pk in wanted
        }
