"""Forms of travelling participants: who travels (the case handler's marking), a train or local
transport receipt, and the reason a receipt is refused. The checks of the file and the amount are
`services.travellers` (their problems come back on these fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..enums import ReceiptKind, TravelMarking


class TravelMarkingForm(forms.Form):
    marking = forms.ChoiceField(label=_("Travels at the programme's cost"), choices=TravelMarking)


class ReceiptForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of receipt"), choices=ReceiptKind)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=8,
        decimal_places=2,
        help_text=_("The amount on the ticket or receipt, in euros, such as 12.40."),
    )
    description = forms.CharField(
        label=_("Journey"),
        max_length=200,
        required=False,
        help_text=_("For example: Zagreb to Split."),
    )
    file = forms.FileField(
        label=_("Ticket or receipt"),
        help_text=_("A PDF, JPEG or PNG file of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class RefuseReceiptForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for refusing the receipt"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PassportNameForm(forms.Form):
    """The name as in the travel document; `services.passport_names` checks it."""

    passport_name = forms.CharField(
        label=_("Your name as written in your passport"),
        max_length=200,
        help_text=_(
            "Exactly as in the passport or identity card you travel with, for the tickets "
            "and the hotel. Only the logistics contractor and the case handler see it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
