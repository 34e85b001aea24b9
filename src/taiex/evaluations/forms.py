"""The questionnaire as a form, built from its questions for one event: a per-expert question
becomes one field per confirmed expert, a per-recommendation question one field per
recommendation of the mission report; a conditional question is required only when its
condition holds, and its answer is dropped when the condition does not."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .enums import SCALE_LABELS, YES_NO_LABELS, QuestionKind, Repeat
from .texts import shown

SCALE_ERROR = _("Choose a score from 1 (poor) to 5 (excellent).")
REQUIRED_ERROR = _("Answer this question.")
TEXT_MAX_LENGTH = 4000


@dataclass(frozen=True)
class Slot:
    """One place to answer: a question, for one expert or recommendation where it repeats."""

    name: str
    question: object
    text: str
    expert: object = None
    recommendation: int | None = None
    condition_name: str | None = None
    condition_answer: str = ""


def slots_for(questions, *, experts, recommendations):
    slots = []
    names = {}
    for question in questions:
        if question.repeat == Repeat.PER_EXPERT:
            variants = [(f"_e{expert.pk}", expert, None, str(expert)) for expert in experts]
        elif question.repeat == Repeat.PER_RECOMMENDATION:
            variants = [
                (f"_r{index}", None, index, text)
                for index, text in enumerate(recommendations, start=1)
            ]
        else:
            variants = [("", None, None, "")]
        for suffix, expert, recommendation, filler in variants:
            name = f"q{question.pk}{suffix}"
            condition = None
            if question.shown_if_question_id:
                # The same expert's or recommendation's answer when the condition repeats too.
                condition = names.get((question.shown_if_question_id, suffix)) or names.get(
                    (question.shown_if_question_id, "")
                )
            names[(question.pk, suffix)] = name
            slots.append(
                Slot(
                    name=name,
                    question=question,
                    text=shown(question.text)
                    .replace("{expert}", filler)
                    .replace("{recommendation}", filler),
                    expert=expert,
                    recommendation=recommendation,
                    condition_name=condition,
                    condition_answer=question.shown_if_answer,
                )
            )
    return slots


def field_for(slot, condition_label):
    question = slot.question
    label = slot.text
    if not question.is_required:
        label = gettext("%(question)s (optional)") % {"question": label}
    elif slot.condition_name:
        label = gettext("%(question)s (only if you answered “%(answer)s” above)") % {
            "question": label,
            "answer": condition_label,
        }
    common = {"label": label, "required": False, "help_text": question.help_text}
    if question.kind == QuestionKind.SCALE:
        return forms.TypedChoiceField(
            choices=[(score, f"{score}: {text}") for score, text in SCALE_LABELS.items()],
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": SCALE_ERROR},
            **common,
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=list(YES_NO_LABELS.items()),
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Answer yes or no.")},
            **common,
        )
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(choice, shown(choice)) for choice in question.choices],
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose one of the options listed.")},
            **common,
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX_LENGTH, **common
    )


class QuestionnaireForm(forms.Form):
    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = slots
        for slot in slots:
            condition_label = YES_NO_LABELS.get(slot.condition_answer) or shown(
                slot.condition_answer
            )
            self.fields[slot.name] = field_for(slot, condition_label)

    def clean(self):
        cleaned = super().clean()
        for slot in self.slots:
            if slot.name in self.errors:
                continue
            value = cleaned.get(slot.name)
            if slot.condition_name and cleaned.get(slot.condition_name) != slot.condition_answer:
                cleaned[slot.name] = None  # not asked: an answer given anyway is not kept
                continue
            if slot.question.is_required and value in (None, ""):
                self.add_error(slot.name, REQUIRED_ERROR)
        return cleaned

    def answers(self):
        """(slot, value) of every answered slot, once the form is valid."""
        return [
            (slot, self.cleaned_data[slot.name])
            for slot in self.slots
            if self.cleaned_data.get(slot.name) not in (None, "")
        ]


class FollowUpDelayForm(forms.Form):
    months = forms.IntegerField(
        label=_("Send the follow-up this many months after the event"),
        min_value=1,
        max_value=24,
        error_messages={
            "min_value": _("Choose between 1 and 24 months."),
            "max_value": _("Choose between 1 and 24 months."),
        },
    )
