"""Audiences, kinds of questions and the states of an evaluation request (a personal link)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", _("Participants")
    EXPERTS = "experts", _("Experts")
    FOLLOW_UP = "follow_up", _("Follow-up of the requesting institution")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale from 1 (poor) to 5 (excellent)")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("One choice of a list")
    TEXT = "text", _("Free text")


class Repeat(models.TextChoices):
    ONCE = "once", _("Once")
    PER_EXPERT = "per_expert", _("Once per confirmed expert of the event")
    PER_RECOMMENDATION = "per_recommendation", _("Once per recommendation of the mission report")


class RequestState(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed without answer")


SCALE_LABELS = {
    1: _("Poor"),
    2: _("Insufficient"),
    3: _("Satisfactory"),
    4: _("Good"),
    5: _("Excellent"),
}
# "Excellent or good", the figure the programme reports every year.
GOOD_SCORES = (4, 5)
YES_NO_LABELS = {"yes": _("Yes"), "no": _("No")}
# Stored as the choices of a question and as answers (data, in English); shown through the
# catalogue (gettext of the stored text), so a questionnaire edited by staff shows as written.
RECOMMENDATION_STATUSES = [
    gettext_noop("Done"),
    gettext_noop("In progress"),
    gettext_noop("Not started"),
    gettext_noop("No longer relevant"),
]

# Stable keys of the questions the statistics read, whatever the questionnaire's version.
OVERALL_KEY = "overall"
EXPERT_RATING_KEY = "expert_rating"
# Follow-up questions counted as impact figures: key -> what the figure says.
IMPACT_KEYS = {
    "legislation": _("Legislation drafted or adopted"),
    "practices": _("Procedures or practices changed"),
    "training": _("Training passed on to colleagues"),
    "further_assistance": _("Further assistance needed"),
}
