"""The default questionnaires of the three audiences and the first evaluation policy, loaded by
a data migration (and after a test that emptied the tables). Staff edit them afterwards as data.

Each question: (key, kind, text, required, repeat, choices, shown if (key, answer)).
"""

from datetime import date

# Marked for the catalogue, stored in English: shown through it (texts.shown).
from django.utils.translation import gettext_noop as _

from .enums import RECOMMENDATION_STATUSES

LIKELY = [_("Certainly"), _("Probably"), _("Probably not"), _("Not at all")]

QUESTIONNAIRES = {
    "participants": (
        _("Evaluation of the event by participants"),
        _("Your answers are anonymous: nobody, staff included, sees them with your name."),
        [
            (
                "overall",
                "scale",
                _("How would you rate the event overall?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "expert_rating",
                "scale",
                _("How would you rate the expert {expert}?"),
                True,
                "per_expert",
                [],
                None,
            ),
            (
                "organisation",
                "scale",
                _("How would you rate the organisation (venue, interpretation, documents)?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "usefulness",
                "scale",
                _("How useful was the event for your work?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "objectives_met",
                "yes_no",
                _("Did the event meet its objectives?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "objectives_missed",
                "text",
                _("What was missing?"),
                True,
                "once",
                [],
                ("objectives_met", "no"),
            ),
            (
                "will_apply",
                "text",
                _("What will you apply in your work?"),
                False,
                "once",
                [],
                None,
            ),
        ],
    ),
    "experts": (
        _("Evaluation of the event by the experts"),
        _("Your answers go to the programme's staff."),
        [
            (
                "preparation",
                "scale",
                _("How well was the beneficiary prepared?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "engagement",
                "scale",
                _("How engaged were the beneficiary's participants?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "organisation",
                "scale",
                _("How would you rate the organisation?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "follow_up_needed",
                "yes_no",
                _("Is follow-up assistance needed?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "follow_up_topic",
                "text",
                _("What follow-up assistance would help?"),
                True,
                "once",
                [],
                ("follow_up_needed", "yes"),
            ),
            ("comments", "text", _("Other comments"), False, "once", [], None),
        ],
    ),
    "follow_up": (
        _("Follow-up: what changed since the event"),
        _("About six months after the event, tell us what it changed in your institution."),
        [
            (
                "legislation",
                "yes_no",
                _("Was legislation drafted or adopted since the event?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "legislation_evidence",
                "text",
                _("Evidence: a link, a CELEX number or a national gazette number"),
                False,
                "once",
                [],
                ("legislation", "yes"),
            ),
            (
                "practices",
                "yes_no",
                _("Were procedures or practices changed?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "practices_evidence",
                "text",
                _("Which ones? A link or a reference if there is one"),
                False,
                "once",
                [],
                ("practices", "yes"),
            ),
            (
                "training",
                "yes_no",
                _("Was what was learned passed on to colleagues?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "further_assistance",
                "yes_no",
                _("Is further assistance needed?"),
                True,
                "once",
                [],
                None,
            ),
            (
                "recommendation_status",
                "choice",
                _("Recommendation: {recommendation}"),
                True,
                "per_recommendation",
                RECOMMENDATION_STATUSES,
                None,
            ),
            ("comments", "text", _("Other comments"), False, "once", [], None),
        ],
    ),
}

FIRST_POLICY = {
    "valid_from": date(1996, 1, 1),
    "reminder_after_days": 7,
    "answer_days": 21,
    "follow_up_after_months": 6,
    "follow_up_reminder_after_days": 14,
    "follow_up_answer_days": 42,
    "minimum_answers_shown": 5,
}


def load_defaults(get_model):
    """Create the first policy and version 1 of each audience's questionnaire, if missing."""
    Policy = get_model("evaluations", "EvaluationPolicy")
    Questionnaire = get_model("evaluations", "Questionnaire")
    Question = get_model("evaluations", "Question")
    if not Policy.objects.exists():
        Policy.objects.create(**FIRST_POLICY)
    for audience, (title, introduction, questions) in QUESTIONNAIRES.items():
        if Questionnaire.objects.filter(audience=audience).exists():
            continue
        questionnaire = Questionnaire.objects.create(
            audience=audience, version=1, title=title, introduction=introduction, is_active=True
        )
        by_key = {}
        for position, (key, kind, text, required, repeat, choices, shown_if) in enumerate(
            questions, start=1
        ):
            by_key[key] = Question.objects.create(
                questionnaire=questionnaire,
                position=position,
                key=key,
                kind=kind,
                text=text,
                is_required=required,
                repeat=repeat,
                choices=choices,
                shown_if_question=by_key[shown_if[0]] if shown_if else None,
                shown_if_answer=shown_if[1] if shown_if else "",
            )
