"""The filters of the staff cost page and its exports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType
from taiex.reference.models import Chapter, Country, Window

from ..queries.costs import GROUPINGS, CostFilters

FIRST_YEAR, LAST_YEAR = 1990, 2100


class CostFilterForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Show costs by"),
        # English keys of the exports, shown in the reader's language.
        choices=[(key, _(label)) for key, label in GROUPINGS.items()],
        required=False,
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    window = forms.ModelChoiceField(
        label=_("Window"),
        queryset=Window.objects.order_by("name"),
        required=False,
        to_field_name="code",
    )
    country = forms.ModelChoiceField(
        label=_("Beneficiary country"),
        # The countries that are or were beneficiaries of a window.
        queryset=Country.objects.filter(periods__isnull=False).distinct().order_by("name"),
        required=False,
        to_field_name="code",
        empty_label=_("Any country"),
    )
    event_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Any type")), *AssistanceType.choices], required=False
    )
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=Chapter.objects.order_by("number"),
        required=False,
        to_field_name="number",
        empty_label=_("Any chapter"),
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("year_from"), data.get("year_to")
        if first and last and last < first:
            self.add_error("year_to", _("The last year cannot be before the first."))
        return data

    def grouping(self):
        return (self.cleaned_data.get("by") if self.is_valid() else "") or "event"

    def filters(self) -> CostFilters:
        """The filters asked for; none when the form has errors (shown on the page)."""
        if not self.is_bound or not self.is_valid():
            return CostFilters()
        data = self.cleaned_data
        return CostFilters(
            year_from=data["year_from"],
            year_to=data["year_to"],
            window=data["window"].code if data["window"] else "",
            country=data["country"].code if data["country"] else "",
            event_type=data["event_type"],
            chapter=data["chapter"].number if data["chapter"] else None,
        )
