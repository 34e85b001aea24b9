"""The HTTP boundary of accounts: login, registration and profile forms."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taiex.core import outbox
from taiex.core.languages import offered, override_for
from taiex.core.widgets import InstitutionSelect, filterable
from taiex.reference.models import Country, InstitutionKind
from taiex.reference.queries import (
    beneficiary_countries,
    beneficiary_country_choices,
    eligible_kinds_on,
)

from .models import Institution, User


def check_new_password(form, cleaned_data):
    """Registration forms: the two passwords match and pass the validators (which compare the
    password with the person's name and e-mail). Adds the errors to `form`."""
    password = cleaned_data.get("password")
    confirmation = cleaned_data.get("password_confirmation")
    if password and confirmation and password != confirmation:
        form.add_error("password_confirmation", _("The two passwords are not the same."))
    if password and not form.has_error("password"):
        candidate = User(
            email=cleaned_data.get("email", ""), full_name=cleaned_data.get("full_name", "")
        )
        try:
            password_validation.validate_password(password, candidate)
        except forms.ValidationError as error:
            form.add_error("password", error)


class EmailAuthenticationForm(AuthenticationForm):
    """Log in with an e-mail address (in any letter case) and a password."""

    username = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy(
            "The e-mail address or the password is not right. Check both and try again, "
            "or reset your password."
        ),
        "inactive": gettext_lazy(
            "This account is disabled. Write to the programme team to reopen it."
        ),
    }


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, whose e-mail leaves through the outbox like every other one
    (retried when the mail server fails, listed for administrators when it never goes)."""

    def send_mail(  # noqa: PLR0917 (Django's signature, called with positional arguments)
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        with override_for(context.get("user")):  # in the person's language, not the browser's
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        with transaction.atomic():
            pks = outbox.queue_messages([(to_email, subject, body)])
            transaction.on_commit(lambda: outbox.enqueue_delivery(pks))


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country})"


class RegistrationForm(forms.Form):
    """An official of a beneficiary country registers as an applicant of their institution.

    Field names match the arguments of services.register_applicant, so the service's refusals
    land on the right field.
    """

    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        max_length=254,
        help_text=gettext_lazy("Your work address; you will log in with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    position = forms.CharField(
        label=gettext_lazy("Position"),
        max_length=150,
        help_text=gettext_lazy("Your job title in your institution."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    country = forms.ModelChoiceField(
        label=gettext_lazy("Country"),
        queryset=Country.objects.none(),
        help_text=gettext_lazy("Only countries that are beneficiaries today are listed."),
        error_messages={
            "invalid_choice": gettext_lazy(
                "This country is not a beneficiary today, so its officials cannot register "
                "as applicants. Choose your country from the list."
            )
        },
    )
    institution = InstitutionChoiceField(
        label=gettext_lazy("Your institution"),
        queryset=Institution.objects.none(),
        required=False,
        widget=filterable(InstitutionSelect(attrs={"data-country-from": "id_country"})),
        help_text=gettext_lazy("Pick it if it is in the list; otherwise name it below."),
    )
    new_institution_name = forms.CharField(
        label=gettext_lazy("Name of your institution (if it is not in the list)"),
        max_length=250,
        required=False,
    )
    new_institution_kind = forms.ModelChoiceField(
        label=gettext_lazy("Kind of institution"),
        queryset=InstitutionKind.objects.all(),
        required=False,
        help_text=gettext_lazy("Needed when you name a new institution."),
    )
    parent = InstitutionChoiceField(
        label=gettext_lazy("Parent institution (optional)"),
        queryset=Institution.objects.none(),
        required=False,
        widget=filterable(InstitutionSelect(attrs={"data-country-from": "id_country"})),
        help_text=gettext_lazy("For example the ministry that an agency belongs to."),
    )
    password = forms.CharField(
        label=gettext_lazy("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirmation = forms.CharField(
        label=gettext_lazy("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        # In the page's language (Django translates its validators' help).
        self.fields["password"].help_text = password_validation.password_validators_help_text_html()
        day = day or timezone.localdate()
        countries = beneficiary_countries(day)
        institutions = Institution.objects.filter(country__in=countries).select_related("country")
        self.fields["country"].queryset = countries
        self.fields["country"].choices = beneficiary_country_choices(
            day, empty_label=self.fields["country"].empty_label
        )
        self.fields["institution"].queryset = institutions.filter(kind__in=eligible_kinds_on(day))
        self.fields["parent"].queryset = institutions
        # Re-rendered after a country was chosen, the lists offer that country's institutions
        # only; one of another country is still refused by name (services.register_applicant).
        chosen = self.data.get(self.add_prefix("country")) if self.is_bound else None
        if chosen and str(chosen).isdigit() and countries.filter(pk=chosen).exists():
            for name in ("institution", "parent"):
                self.fields[name].widget.countries = {int(chosen)}

    def clean(self):
        cleaned_data = super().clean()
        check_new_password(self, cleaned_data)
        return cleaned_data

    def registration_arguments(self):
        """The cleaned values as keyword arguments of services.register_applicant."""
        data = self.cleaned_data
        return {
            "email": data["email"],
            "full_name": data["full_name"],
            "password": data["password"],
            "position": data["position"],
            "phone": data["phone"],
            "country": data["country"],
            "institution": data["institution"],
            "new_institution_name": data["new_institution_name"],
            "new_institution_kind": data["new_institution_kind"],
            "parent": data["parent"],
        }


class ProfileForm(forms.Form):
    field_order = ["full_name", "position", "phone", "language"]
    # Not sent (a client of the older form): the language stays as it is.
    language = forms.TypedChoiceField(
        label=gettext_lazy("Language"),
        help_text=gettext_lazy("Your pages, and the e-mails and documents sent to you, are in it."),
        choices=offered,
        required=False,
        empty_value=None,
    )
    full_name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    position = forms.CharField(
        label=gettext_lazy("Position"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
