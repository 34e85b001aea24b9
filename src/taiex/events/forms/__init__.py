"""The HTTP boundary of events: list filters (staff and public) and the forms of the moves.
The forms of the parts live beside it: details, agenda, documents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType
from taiex.reference.translation import translated

from ..enums import EventState
from ..queries import DEFAULT_SORT, EventFilters

SORT_CHOICES = [
    ("-date", _("Newest first")),
    ("date", _("Oldest first")),
    ("title", _("Title (A to Z)")),
]
STAFF_SORT_CHOICES = [*SORT_CHOICES, ("reference", _("Reference")), ("state", _("State"))]


class EventFilterForm(forms.Form):
    """Filters of a list of events, read from the query string; an invalid value is reported
    next to its field and ignored, so the list still shows."""

    q = forms.CharField(
        label=_("Search titles and summaries"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    country = forms.ChoiceField(
        label=_("Beneficiary"),
        required=False,
        error_messages={"invalid_choice": _("Choose a beneficiary from the list.")},
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any type")), *AssistanceType.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, data, *, countries, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [("", _("Any beneficiary"))] + [
            (country.code, translated(country)) for country in countries
        ]

    def to_filters(self, **extra):
        """The valid filters as EventFilters (all of them empty when nothing is valid)."""
        cleaned = self.cleaned_data if self.is_valid() else self.valid_part()
        return EventFilters(
            country=cleaned.get("country") or "",
            event_type=cleaned.get("type") or "",
            year=cleaned.get("year") or None,
            q=(cleaned.get("q") or "").strip(),
            sort=cleaned.get("sort") or DEFAULT_SORT,
            **extra,
        )

    def valid_part(self):
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class StaffEventFilterForm(EventFilterForm):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *EventState.choices]
    )
    mine = forms.BooleanField(label=_("Only the events I handle"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=STAFF_SORT_CHOICES)

    field_order = ["q", "state", "type", "country", "year", "mine", "sort"]

    def to_filters(self, *, user):
        cleaned = self.cleaned_data if self.is_valid() else self.valid_part()
        return super().to_filters(
            state=cleaned.get("state") or "",
            case_handler_id=user.pk if cleaned.get("mine") else None,
        )


class ConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PostponeForm(forms.Form):
    start_date = forms.DateField(
        label=_("New start date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the new start date.")},
    )
    end_date = forms.DateField(
        label=_("New end date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the new end date.")},
    )
    reason = forms.CharField(
        label=_("Reason for the postponement"),
        help_text=_("Shown to the people concerned."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the postponement.")},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date must be on or after the start date."))
        return cleaned


class MarkImplementedForm(forms.Form):
    participants_count = forms.IntegerField(
        label=_("Number of participants"),
        min_value=0,
        required=False,
        help_text=_("Leave empty to keep the number recorded so far."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        help_text=_("Shown to the people concerned."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the cancellation.")},
    )


ACTION_FORMS = {
    "confirm": ConfirmForm,
    "postpone": PostponeForm,
    "implement": MarkImplementedForm,
    "close": CloseForm,
    "cancel": CancelForm,
}
