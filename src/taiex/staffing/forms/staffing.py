"""The form of the staffing of the events of a period."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.experts.forms.search import DATE

LONGEST_STAFFING_PERIOD = timedelta(days=366)
DEFAULT_PER_QUARTER = 3


class StaffingForm(forms.Form):
    start = forms.DateField(label=_("Events starting from"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)
    per_quarter = forms.IntegerField(
        required=False,
        label=_("Events per expert and quarter"),
        min_value=1,
        max_value=20,
        initial=DEFAULT_PER_QUARTER,
    )

    def clean(self):
        data = super().clean()
        if data.get("per_quarter") is None and "per_quarter" not in self.errors:
            data["per_quarter"] = DEFAULT_PER_QUARTER
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end of the period is before its start."))
            elif end - start > LONGEST_STAFFING_PERIOD:
                self.add_error("end", _("Staff at most one year of events at once."))
        return data
