"""Forms of the exceptions to an event's limits: the case handler's request and the head of
unit's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import LimitCode


class LimitExceptionForm(forms.Form):
    limit = forms.ChoiceField(
        label=_("Limit to go beyond"),
        choices=LimitCode.choices,
        error_messages={"invalid_choice": _("Choose the limit: days, experts or participants.")},
    )
    allowed_value = forms.IntegerField(
        label=_("Number needed"),
        min_value=1,
        max_value=999,
        error_messages={"required": _("Give the number of days, experts or participants needed.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the exception.")},
    )


class LimitDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note (required to refuse)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
