"""Forms of the fees part: the period of the staff-wide payment list."""

from django import forms

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentPeriodForm(forms.Form):
    approved_from = forms.DateField(label="Approved from", required=False, widget=DATE)
    approved_until = forms.DateField(label="Approved until", required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        first, last = data.get("approved_from"), data.get("approved_until")
        if first and last and last < first:
            self.add_error("approved_until", "The end of the period cannot be before its start.")
        return data

    def period(self):
        if not self.is_valid():
            return None, None
        return self.cleaned_data["approved_from"], self.cleaned_data["approved_until"]
