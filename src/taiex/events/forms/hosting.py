"""Forms of a study visit's host: the case handler asks a Member State administration, records
its answer or withdraws the ask."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.accounts.models import Institution
from taiex.core.languages import active_offered_language, offered
from taiex.reference.queries import member_states_on

ANSWERS = [("agreed", _("Agreed to host")), ("declined", _("Declined"))]


class AskHostForm(forms.Form):
    institution = forms.ModelChoiceField(
        label=_("Member State administration to ask"),
        queryset=Institution.objects.none(),
        error_messages={
            "required": _("Choose the Member State administration to ask."),
            "invalid_choice": _(
                "The host of a study visit must be an administration of an EU Member State."
            ),
        },
    )
    contact_email = forms.EmailField(
        label=_("The administration's contact address (optional)"),
        required=False,
        help_text=_(
            "It is written to there about this ask and its answer: preferably a functional "
            "mailbox of its international relations office."
        ),
        error_messages={"invalid": _("Enter a valid e-mail address, such as intl@mup.gov.si.")},
    )
    contact_language = forms.ChoiceField(
        label=_("Language of the contact address"),
        required=False,
        help_text=_(
            "The e-mails to the contact address are written in this language (it belongs to no "
            "account that would say it)."
        ),
        error_messages={"invalid_choice": _("Choose one of the languages offered.")},
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields["contact_language"]
        language.choices = offered()
        language.initial = active_offered_language()  # the page's: the case handler's
        day = event.start_date or date.today()
        field = self.fields["institution"]
        field.queryset = (
            Institution.objects.filter(country__in=member_states_on(day))
            .select_related("country")
            .order_by("country__name", "name")
        )
        field.label_from_instance = lambda i: f"{i.name} ({i.country.name})"
        wish = host_wish_of(event)
        if wish:
            field.help_text = wish


def host_wish_of(event):
    """What the request said about the host, as a sentence for the case handler (empty when the
    event has no request or the request said nothing)."""
    application = event.application
    if application is None:
        return ""
    if application.host_left_to_programme:
        return _("The applicant leaves the choice of the host to the programme.")
    parts = []
    if application.host_country_id:
        parts.append(application.host_country.name)
    if application.host_institution_wished:
        parts.append(application.host_institution_wished)
    if not parts:
        return ""
    return _("The applicant prefers: %(host)s.") % {"host": ", ".join(parts)}


class HostAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("The host's answer"),
        choices=ANSWERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the host's answer: agreed or declined.")},
    )
    reason = forms.CharField(
        label=_("Reason (required when the host declines)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HostWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the ask is withdrawn"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason the ask is withdrawn.")},
    )
