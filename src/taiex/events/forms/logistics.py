"""The forms of an event's logistics: assigning the contractor, a booking (its fields follow
its kind), cancelling it and recording its payment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.accounts.models import Contractor
from taiex.core.widgets import filterable
from taiex.reference.models import Language

from ..enums import BookingKind
from ..models import Booking
from ..services.logistics import BOOKING_FIELDS, booking_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

QUANTITY_LABELS = {
    BookingKind.HOTEL: _("Rooms"),
    BookingKind.VENUE: _("Meeting rooms"),
    BookingKind.INTERPRETATION: _("Interpretation booths"),
    BookingKind.CATERING: _("Covers a day"),
}
DATE_LABELS = {
    BookingKind.HOTEL: (_("Check-in day"), _("Check-out day")),
}


class AssignContractorForm(forms.Form):
    contractor = forms.ModelChoiceField(
        label=_("Logistics contractor"),
        queryset=Contractor.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Nobody (the team books itself)"),
    )


class BookingForm(forms.ModelForm):
    guest = forms.ChoiceField(label=_("For"), required=False)
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages interpreted"),
        queryset=Language.objects.order_by("name"),
        required=False,
        widget=filterable(forms.SelectMultiple()),
        help_text=_("At least two; the event's working languages are chosen first."),
    )

    class Meta:
        model = Booking
        fields = BOOKING_FIELDS
        labels = {
            "supplier": _("Supplier"),
            "supplier_reference": _("Supplier's reference"),
            "starts_on": _("First day"),
            "ends_on": _("Last day"),
            "planned_cost": _("Cost (EUR)"),
            "note": _("Note"),
        }
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event, kind, guests, **kwargs):
        self.event, self.kind, self.guests = event, kind, guests
        super().__init__(*args, **kwargs)
        self.fields["quantity"].label = QUANTITY_LABELS[kind]
        self.fields["quantity"].widget.attrs["min"] = 1
        first, last = DATE_LABELS.get(kind, (_("First day"), _("Last day")))
        self.fields["starts_on"].label, self.fields["ends_on"].label = first, last
        if kind == BookingKind.HOTEL:
            self.fields["guest"].choices = [("", _("Choose the traveller"))] + [
                (f"{key[0]}-{key[1]}", name) for key, (_, name) in guests.items()
            ]
            if self.instance.pk:
                guest = self.instance.event_expert or self.instance.participant
                prefix = "expert" if self.instance.event_expert_id else "participant"
                self.initial["guest"] = f"{prefix}-{guest.pk}"
        else:
            del self.fields["guest"]
        if kind == BookingKind.INTERPRETATION:
            if self.instance.pk:
                self.initial["languages"] = list(self.instance.languages.all())
            else:
                self.initial["languages"] = list(event.working_languages.all())
        else:
            del self.fields["languages"]

    def clean_guest(self):
        value = self.cleaned_data.get("guest") or ""
        if not value:
            return None
        kind, _, pk = value.partition("-")
        found = self.guests.get((kind, int(pk))) if pk.isdigit() else None
        if found is None:
            raise forms.ValidationError(_("This person does not travel to the event."))
        return found[0]

    def clean(self):
        data = super().clean()
        problems = booking_problems(
            self.event,
            self.kind,
            data,
            guest=data.get("guest"),
            languages=list(data.get("languages") or []),
        )
        for field_name, message in problems.items():
            if field_name is None or field_name not in self.errors:
                self.add_error(field_name if field_name in self.fields else None, message)
        return data

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.update({"event", "kind", "event_expert", "participant", "state"})
        return exclusions


class CancelBookingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )


class BookingPaymentForm(forms.Form):
    actual_cost = forms.DecimalField(
        label=_("Amount paid (EUR)"), min_value=0, max_digits=10, decimal_places=2
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
