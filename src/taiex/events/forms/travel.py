"""The travel form of one traveller: itinerary, hotel and meals, booking state and cost."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Travel
from ..services.travel import TRAVEL_FIELDS, travel_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TravelForm(forms.ModelForm):
    class Meta:
        model = Travel
        fields = TRAVEL_FIELDS
        labels = {
            "from_place": _("From (city or airport)"),
            "to_place": _("To (city or airport)"),
            "outbound_date": _("Outbound date"),
            "outbound_departure": _("Outbound flight leaves at (local time)"),
            "outbound_arrival": _("Outbound flight lands at (local time)"),
            "return_date": _("Return date"),
            "return_departure": _("Return flight leaves at (local time)"),
            "return_arrival": _("Return flight lands at (local time)"),
            "flight_details": _("Flight details"),
            "hotel_nights": _("Hotel nights provided"),
            "breakfasts_provided": _("Breakfasts provided"),
            "lunches_provided": _("Lunches provided"),
            "dinners_provided": _("Dinners provided"),
            "state": _("Booking state"),
            "cost": _("Cost of the journey (EUR)"),
            "actual_cost": _("Invoiced cost of the journey (EUR)"),
            "supplier_reference": _("Supplier's booking reference"),
            "note": _("Note"),
        }
        help_texts = {
            "outbound_departure": _("Local time the outbound flight leaves."),
            "return_arrival": _("Local time the return flight lands."),
            "hotel_nights": _("Nights of hotel booked and paid by the programme."),
            "cost": _("Planned: the price when booked."),
            "actual_cost": _(
                "What the supplier invoiced, once the invoice is in (booked journeys)."
            ),
        }
        widgets = {
            "outbound_date": DATE,
            "return_date": DATE,
            "outbound_departure": TIME,
            "outbound_arrival": TIME,
            "return_departure": TIME,
            "return_arrival": TIME,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, event, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        for field_name, message in travel_problems(self.event, data).items():
            if field_name is None or field_name not in self.errors:
                self.add_error(field_name, message)
        return data

    def _get_validation_exclusions(self):
        # The traveller and the event are set by the service, not by this form.
        exclusions = super()._get_validation_exclusions()
        exclusions.update({"event", "event_expert", "participant"})
        return exclusions
