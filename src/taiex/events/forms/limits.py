"""Forms of the exceptions to an event's limits: the case handler's request and the head of
unit's decision."""

from django import forms

from ..enums import LimitCode


class LimitExceptionForm(forms.Form):
    limit = forms.ChoiceField(
        label="Limit to go beyond",
        choices=LimitCode.choices,
        error_messages={"invalid_choice": "Choose the limit: days, experts or participants."},
    )
    allowed_value = forms.IntegerField(
        label="Number needed",
        min_value=1,
        max_value=999,
        error_messages={"required": "Give the number of days, experts or participants needed."},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for the exception."},
    )


class LimitDecisionForm(forms.Form):
    note = forms.CharField(
        label="Note (required to refuse)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
