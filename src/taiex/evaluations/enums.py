"""Audiences, kinds of questions and the states of an evaluation request (a personal link)."""

from django.db import models


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", "Participants"
    EXPERTS = "experts", "Experts"
    FOLLOW_UP = "follow_up", "Follow-up of the requesting institution"


class QuestionKind(models.TextChoices):
    SCALE = "scale", "Scale from 1 (poor) to 5 (excellent)"
    YES_NO = "yes_no", "Yes or no"
    CHOICE = "choice", "One choice of a list"
    TEXT = "text", "Free text"


class Repeat(models.TextChoices):
    ONCE = "once", "Once"
    PER_EXPERT = "per_expert", "Once per confirmed expert of the event"
    PER_RECOMMENDATION = "per_recommendation", "Once per recommendation of the mission report"


class RequestState(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed without answer"


SCALE_LABELS = {1: "Poor", 2: "Insufficient", 3: "Satisfactory", 4: "Good", 5: "Excellent"}
# "Excellent or good", the figure the programme reports every year.
GOOD_SCORES = (4, 5)
YES_NO_LABELS = {"yes": "Yes", "no": "No"}
RECOMMENDATION_STATUSES = ["Done", "In progress", "Not started", "No longer relevant"]

# Stable keys of the questions the statistics read, whatever the questionnaire's version.
OVERALL_KEY = "overall"
EXPERT_RATING_KEY = "expert_rating"
# Follow-up questions counted as impact figures: key -> what the figure says.
IMPACT_KEYS = {
    "legislation": "Legislation drafted or adopted",
    "practices": "Procedures or practices changed",
    "training": "Training passed on to colleagues",
    "further_assistance": "Further assistance needed",
}
