"""Forms of the rate-table pages: a fee rule, a daily allowance, a CSV import."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Country, FeeRule, SubsistenceRate

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
IMPORT_MAX_BYTES = 1024 * 1024


def check_period(form, data):
    start, end = data.get("valid_from"), data.get("valid_to")
    if start and end and end < start:
        form.add_error("valid_to", _("The end of validity cannot be before its start."))
    return data


class FeeRuleForm(forms.ModelForm):
    participant_travel_days = forms.BooleanField(
        label=_("Travelling participants' travel days count like the experts' (full, half, none)"),
        required=False,
        help_text=_("Otherwise a participant's every day away gets the full daily allowance."),
    )

    class Meta:
        model = FeeRule
        fields = [
            "valid_from",
            "valid_to",
            "daily_fee",
            "host_daily_fee",
            "half_day_departure_after",
            "no_day_departure_after",
            "half_day_return_before",
            "no_day_return_before",
            "hotel_deduction_percent",
            "breakfast_deduction_percent",
            "lunch_deduction_percent",
            "dinner_deduction_percent",
            "participant_travel_days",
            "is_demo",
            "note",
        ]
        labels = {
            "valid_from": _("Valid from"),
            "valid_to": _("Valid until (empty: open-ended)"),
            "daily_fee": _("Daily fee (EUR)"),
            "host_daily_fee": _("Daily host fee of a study visit (EUR)"),
            "half_day_departure_after": _("Outbound day counts half when the flight leaves after"),
            "no_day_departure_after": _("Outbound day does not count when the flight leaves after"),
            "half_day_return_before": _("Return day counts half when the flight lands before"),
            "no_day_return_before": _("Return day does not count when the flight lands before"),
            "hotel_deduction_percent": _("Deduction per hotel night provided (% of the allowance)"),
            "breakfast_deduction_percent": _("Deduction per breakfast provided (%)"),
            "lunch_deduction_percent": _("Deduction per lunch provided (%)"),
            "dinner_deduction_percent": _("Deduction per dinner provided (%)"),
            "is_demo": _("Demonstration figures"),
        }
        widgets = {
            "valid_from": DATE,
            "valid_to": DATE,
            "half_day_departure_after": TIME,
            "no_day_departure_after": TIME,
            "half_day_return_before": TIME,
            "no_day_return_before": TIME,
        }

    def clean(self):
        data = super().clean()
        for name in ("daily_fee", "host_daily_fee"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("The amount cannot be negative."))
        percents = [
            "hotel_deduction_percent",
            "breakfast_deduction_percent",
            "lunch_deduction_percent",
            "dinner_deduction_percent",
        ]
        for name in percents:
            value = data.get(name)
            if value is not None and not Decimal(0) <= value <= Decimal(100):
                self.add_error(name, _("A percentage is between 0 and 100."))
        check_period(self, data)
        half, none = data.get("half_day_departure_after"), data.get("no_day_departure_after")
        if half and none and none < half:
            self.add_error(
                "no_day_departure_after",
                _("The outbound day stops counting at or after the time it counts half."),
            )
        half, none = data.get("half_day_return_before"), data.get("no_day_return_before")
        if half and none and none > half:
            self.add_error(
                "no_day_return_before",
                _("The return day stops counting at or before the time it counts half."),
            )
        return data


class SubsistenceRateForm(forms.ModelForm):
    class Meta:
        model = SubsistenceRate
        fields = ["country", "daily_amount", "valid_from", "valid_to", "is_demo"]
        labels = {
            "daily_amount": _("Daily allowance (EUR)"),
            "valid_from": _("Valid from"),
            "valid_to": _("Valid until (empty: open-ended)"),
            "is_demo": _("Demonstration figure"),
        }
        widgets = {"valid_from": DATE, "valid_to": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = Country.objects.order_by("name")
        if self.instance.pk:
            # A rate belongs to its country; a rate of another country is a new rate.
            self.fields["country"].disabled = True

    def clean(self):
        return check_period(self, super().clean())

    def clean_daily_amount(self):
        amount = self.cleaned_data["daily_amount"]
        if amount < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return amount


class RateImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: country (code, e.g. RS), daily_amount, valid_from, valid_to "
            "(dates as YYYY-MM-DD; valid_to may be empty)."
        ),
    )
    is_demo = forms.BooleanField(label=_("These are demonstration figures"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload
