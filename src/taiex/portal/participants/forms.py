"""The forms of the participant's own page: cancelling with a reason, asking for the link."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CancelOwnRegistrationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can you no longer come?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you can no longer come.")},
    )


class LinkRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you registered with"),
        max_length=254,
        error_messages={
            "required": _("Type the e-mail address you registered with."),
            "invalid": _("Type a whole e-mail address, such as name@ministry.gov.rs."),
        },
    )
    event = forms.CharField(
        label=_("The event's reference (optional)"),
        required=False,
        max_length=30,
        help_text=_(
            "For example WS-2027-0007. Leave it empty to receive the links of all your "
            "registrations."
        ),
    )
