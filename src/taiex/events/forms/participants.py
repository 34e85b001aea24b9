"""The HTTP boundary of participants: registering a person (focal point, NCP, staff, or the
private link), rejecting, cancelling, replacing, the capacity, and the attendance grid."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from taiex.core.languages import is_offered, offered
from taiex.reference.translation import translated

from ..models import Participant
from ..queries.participants import beneficiary_countries_of


class ParticipantForm(forms.ModelForm):
    """A person to register; the country is one of the event's beneficiaries."""

    class Meta:
        model = Participant
        fields = ["full_name", "email", "institution", "position", "country", "phone", "language"]
        labels = {
            "full_name": _("Full name"),
            "email": _("E-mail"),
            "institution": _("Institution"),
            "position": _("Position"),
            "country": _("Country"),
            "phone": _("Telephone"),
        }
        error_messages = {
            "full_name": {"required": _("Give the participant's full name.")},
            "email": {
                "required": _("Give the participant's e-mail address."),
                "invalid": _("Give a valid e-mail address."),
            },
            "institution": {"required": _("Give the participant's institution.")},
            "country": {
                "required": _("Choose the participant's country."),
                "invalid_choice": _("Choose one of the event's beneficiary countries."),
            },
        }

    language = forms.ChoiceField(
        label=_("Language of the e-mails and documents"),
        choices=offered,
        required=False,
        help_text=_("The confirmation letter and the certificate are written in it too."),
        error_messages={"invalid_choice": _("Choose one of the languages of the list.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        # The page's language by default: a person registering on a French page reads French.
        page_language = translation.get_language() or settings.LANGUAGE_CODE
        self.page_language = page_language if is_offered(page_language) else settings.LANGUAGE_CODE
        self.fields["language"].initial = self.page_language
        self.fields["country"].queryset = beneficiary_countries_of(event)
        self.fields["country"].label_from_instance = translated  # in the reader's language
        # A single beneficiary is preselected; several need a choice.
        several = any(c.pk != event.beneficiary_id for c in event.other_beneficiaries.all())
        self.fields["country"].empty_label = _("Choose a country") if several else None

    def clean_language(self):
        """Left out of the post (an older form, a script): the page's language."""
        return self.cleaned_data["language"] or self.page_language

    def details(self):
        """The cleaned fields as the keyword arguments of the services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Give the reason for the rejection.")},
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Seats"),
        required=False,
        min_value=1,
        max_value=10000,
        help_text=_("Leave empty for no limit. Registrations beyond it go to the waiting list."),
        error_messages={
            "min_value": _("The capacity is at least 1 seat; leave it empty for no limit.")
        },
    )


LINK_ACTIONS = {
    "open": _("Open the link"),
    "close": _("Close the link"),
    "reset": _("Make a new link"),
}


class LinkForm(forms.Form):
    action = forms.ChoiceField(label=_("Link"), choices=list(LINK_ACTIONS.items()))


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
                    label=_("%(name)s present on %(day)s")
                    % {"name": row.participant.full_name, "day": date_format(day, "d M Y")},
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
        label=_("Why the personal data is erased"),
        help_text=_("For example: at the person's request of 12 March."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={
            "required": _(
                "Say why the personal data is erased (for example: at the person's request)."
            )
        },
    )
