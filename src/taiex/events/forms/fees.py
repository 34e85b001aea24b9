"""Forms of the fees part: the period of the staff-wide payment list, bank details, the moves of
a statement after approval, the bank's answer and the link a host enters its bank details by."""

from django import forms
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaymentPeriodForm(forms.Form):
    approved_from = forms.DateField(label=_("Approved from"), required=False, widget=DATE)
    approved_until = forms.DateField(label=_("Approved until"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        first, last = data.get("approved_from"), data.get("approved_until")
        if first and last and last < first:
            self.add_error("approved_until", _("The end of the period cannot be before its start."))
        return data

    def period(self):
        if not self.is_valid():
            return None, None
        return self.cleaned_data["approved_from"], self.cleaned_data["approved_until"]


class BankDetailsForm(forms.Form):
    """What a payee types; `services.bank_details.check_bank_details` is the check (its problems
    come back on these fields)."""

    account_holder = forms.CharField(
        label=_("Account holder"), max_length=140, help_text=_("The name as your bank knows it.")
    )
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=50,
        help_text=_("Spaces are allowed, e.g. DE89 3704 0044 0532 0130 00."),
    )
    bic = forms.CharField(
        label=_("BIC (SWIFT code)"), max_length=15, help_text=_("8 or 11 characters.")
    )


class MarkPaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    bank_reference = forms.CharField(
        label=_("Bank's reference of the transfer"), max_length=60, required=False
    )


class RejectStatementForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 3})
    )


class BankAnswerForm(forms.Form):
    file = forms.FileField(
        label=_("The bank's answer (CSV)"),
        help_text=_("Columns reference, paid_on (YYYY-MM-DD) and optionally bank_reference."),
    )

    MAX_SIZE = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class BankDetailsLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the host's finance contact"))
