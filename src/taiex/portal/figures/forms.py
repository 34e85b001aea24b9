"""The filters of the managers' figures on requests (GET; every field may stay empty)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType
from taiex.reference.models import Country, ThematicTeam, Window

from .queries import GROUPINGS, FigureFilters

FIRST_YEAR, LAST_YEAR = 1990, 2100


class FigureFilterForm(forms.Form):
    by = forms.ChoiceField(label=_("Figures by"), choices=GROUPINGS.items(), required=False)
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    country = forms.ModelChoiceField(
        label=_("Beneficiary country"),
        queryset=Country.objects.filter(periods__isnull=False).distinct().order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("Any country"),
    )
    window = forms.ModelChoiceField(
        label=_("Window"),
        queryset=Window.objects.order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("Any window"),
    )
    team = forms.ModelChoiceField(
        label=_("Thematic team"),
        queryset=ThematicTeam.objects.order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("Any team"),
    )
    assistance_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *AssistanceType.choices], required=False
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and last < first:
            self.add_error("year_to", _("The last year cannot be before the first."))
        return data

    def filters(self) -> FigureFilters:
        """The filters asked for (the form must be valid, or unbound: every request by year)."""
        if not self.is_bound:
            return FigureFilters()
        data = self.cleaned_data

        def pk(name):
            return data[name].pk if data.get(name) else None

        return FigureFilters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            country=pk("country"),
            window=pk("window"),
            team=pk("team"),
            assistance_type=data.get("assistance_type") or "",
            by=data.get("by") or "year",
        )
