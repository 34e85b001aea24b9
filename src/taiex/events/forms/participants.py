"""The HTTP boundary of participants: registering a person (focal point, NCP, staff, or the
private link), rejecting, cancelling, replacing, the capacity, and the attendance grid."""

from django import forms

from ..models import Participant
from ..queries.participants import beneficiary_countries_of


class ParticipantForm(forms.ModelForm):
    """A person to register; the country is one of the event's beneficiaries."""

    class Meta:
        model = Participant
        fields = ["full_name", "email", "institution", "position", "country", "phone"]
        labels = {
            "full_name": "Full name",
            "email": "E-mail",
            "institution": "Institution",
            "position": "Position",
            "country": "Country",
            "phone": "Telephone",
        }
        error_messages = {
            "full_name": {"required": "Give the participant's full name."},
            "email": {
                "required": "Give the participant's e-mail address.",
                "invalid": "Give a valid e-mail address.",
            },
            "institution": {"required": "Give the participant's institution."},
            "country": {
                "required": "Choose the participant's country.",
                "invalid_choice": "Choose one of the event's beneficiary countries.",
            },
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = beneficiary_countries_of(event)
        # A single beneficiary is preselected; several need a choice.
        several = any(c.pk != event.beneficiary_id for c in event.other_beneficiaries.all())
        self.fields["country"].empty_label = "Choose a country" if several else None

    def details(self):
        """The cleaned fields as the keyword arguments of the services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the rejection",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": "Give the reason for the rejection."},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Reason for the cancellation (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label="Seats",
        required=False,
        min_value=1,
        max_value=10000,
        help_text="Leave empty for no limit. Registrations beyond it go to the waiting list.",
        error_messages={
            "min_value": "The capacity is at least 1 seat; leave it empty for no limit."
        },
    )


LINK_ACTIONS = {"open": "Open the link", "close": "Close the link", "reset": "Make a new link"}


class LinkForm(forms.Form):
    action = forms.ChoiceField(label="Link", choices=list(LINK_ACTIONS.items()))


class AttendanceForm(forms.Form):
    """One checkbox per approved participant and day of the event, named p<id>_<YYYYMMDD>."""

    def __init__(self, *args, days, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = days
        self.rows = rows
        self.cells = {}
        for row in rows:
            for day in days:
                name = f"p{row.participant.pk}_{day:%Y%m%d}"
                self.fields[name] = forms.BooleanField(
                    label=f"{row.participant.full_name} present on {day:%d %b %Y}",
                    required=False,
                    initial=bool(row.present[day]),
                )
                self.cells[name] = (row.participant.pk, day)

    def grid(self):
        """Rows of (participant row, [bound fields in the order of the days])."""
        return [
            (row, [self[f"p{row.participant.pk}_{day:%Y%m%d}"] for day in self.days])
            for row in self.rows
        ]

    def presence(self):
        return {cell: self.cleaned_data[name] for name, cell in self.cells.items()}


class EraseForm(forms.Form):
    reason = forms.CharField(
        label="Why the personal data is erased",
        help_text="For example: at the person's request of 12 March.",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={
            "required": "Say why the personal data is erased (for example: at the person's "
            "request)."
        },
    )
