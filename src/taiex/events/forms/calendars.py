"""The filters of the calendar page: which month, shown as a grid or a list, of which type and
team, and (for staff) only the events the person handles."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType
from taiex.reference.translation import translated

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
VIEWS = [("month", _("Month")), ("list", _("List"))]


class CalendarForm(forms.Form):
    """Read from the query string; an invalid value is reported beside its field and the
    calendar still shows (the current month, every type and team)."""

    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("As YYYY-MM, for example 2026-12."),
    )
    view = forms.ChoiceField(label=_("Show as"), required=False, choices=VIEWS)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *AssistanceType.choices]
    )
    team = forms.ChoiceField(
        label=_("Team"),
        required=False,
        error_messages={"invalid_choice": _("Choose a team from the list.")},
    )
    mine = forms.BooleanField(label=_("Only the events I handle"), required=False)

    def __init__(self, data, *, teams, staff, **kwargs):
        super().__init__(data, **kwargs)
        if staff:
            self.fields["team"].choices = [("", _("Every team"))] + [
                (str(team.pk), translated(team)) for team in teams
            ]
        else:
            del self.fields["team"]
            del self.fields["mine"]

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        match = MONTH_PATTERN.match(value)
        if (
            not match
            or not 1 <= int(match.group(2)) <= 12
            or not 1990 <= int(match.group(1)) <= 2100
        ):
            raise forms.ValidationError(
                _("Give the month as YYYY-MM, between 1990 and 2100 (for example 2026-12).")
            )
        return date(int(match.group(1)), int(match.group(2)), 1)

    def valid(self, name, default=None):
        """The cleaned value of `name`, or `default` when it is missing or invalid."""
        self.is_valid()  # cleans once; the valid fields stay in cleaned_data
        if name in self.errors:
            return default
        value = self.cleaned_data.get(name)
        return default if value in (None, "") else value
