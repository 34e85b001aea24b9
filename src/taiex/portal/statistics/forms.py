"""The filters of the statistics (period and window) and the year picker of the annual report."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from taiex.events.queries.statistics import FIRST_YEAR, LAST_YEAR, StatisticsFilters
from taiex.reference.models import Window


class StatisticsFilterForm(forms.Form):
    """GET filters: every field may stay empty (all years, all windows)."""

    year_from = forms.IntegerField(
        label=gettext_lazy("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=gettext_lazy("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    window = forms.ModelChoiceField(
        label=pgettext_lazy("funding window", "Window"),
        queryset=Window.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("All windows"),
    )

    def clean(self):
        data = super().clean()
        year_from, year_to = data.get("year_from"), data.get("year_to")
        if year_from and year_to and year_from > year_to:
            self.add_error("year_to", _("The end year cannot be before the start year."))
        return data

    def to_filters(self) -> StatisticsFilters:
        data = self.cleaned_data
        window = data.get("window")
        return StatisticsFilters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            window=window.code if window else "",
        )


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
