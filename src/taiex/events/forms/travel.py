"""The travel form of one traveller: itinerary, hotel and meals, booking state and cost."""

from django import forms

from ..models import Travel
from ..services.travel import TRAVEL_FIELDS, travel_problems

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class TravelForm(forms.ModelForm):
    class Meta:
        model = Travel
        fields = TRAVEL_FIELDS
        labels = {
            "from_place": "From (city or airport)",
            "to_place": "To (city or airport)",
            "outbound_date": "Outbound date",
            "outbound_departure": "Outbound flight leaves at (local time)",
            "outbound_arrival": "Outbound flight lands at (local time)",
            "return_date": "Return date",
            "return_departure": "Return flight leaves at (local time)",
            "return_arrival": "Return flight lands at (local time)",
            "flight_details": "Flight details",
            "hotel_nights": "Hotel nights provided",
            "breakfasts_provided": "Breakfasts provided",
            "lunches_provided": "Lunches provided",
            "dinners_provided": "Dinners provided",
            "state": "Booking state",
            "cost": "Cost of the journey (EUR)",
            "actual_cost": "Invoiced cost of the journey (EUR)",
            "supplier_reference": "Supplier's booking reference",
            "note": "Note",
        }
        help_texts = {
            "cost": "Planned: the price when booked.",
            "actual_cost": "What the supplier invoiced, once the invoice is in (booked journeys).",
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
