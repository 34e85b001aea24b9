"""Forms of expert profiles: registration, profile editing with language and unavailability
rows, and the staff decision on a registration.

Field names match the arguments of services.profiles, so the service's refusals land on the right
field. The lists show only what an expert may pick, yet the fields accept any row, so a country
or employer that is not eligible gets the service's specific reason instead of "invalid choice".
"""

from django import forms
from django.contrib.auth import password_validation
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taiex.accounts.forms import check_new_password
from taiex.accounts.models import Institution
from taiex.core.lazy_text import lazy_format
from taiex.core.widgets import InstitutionSelect, filterable
from taiex.reference.models import Chapter, Country, InstitutionKind, Language
from taiex.reference.queries import member_states_on
from taiex.reference.translation import translated

from ..enums import CV_MAX_BYTES, LanguageLevel
from ..queries.profiles import expert_employers_of, expert_employers_on

PRIVATE_CONSULTANT_HINT = _(
    "Private consultants and freelancers are not eligible as experts (European Ombudsman case "
    "377/2021/VS): "
)


def _listed(field, rows, label=str):
    """Show only `rows` in the <select> of `field` (its queryset stays wider)."""
    field.widget.choices = [("", "---------"), *((row.pk, label(row)) for row in rows)]


class ProfileFieldsForm(forms.Form):
    """The professional profile, shared by the registration and the profile page."""

    employer = forms.ModelChoiceField(
        label=_("Your employer"),
        queryset=Institution.objects.select_related("country", "kind"),
        required=False,
        widget=filterable(InstitutionSelect(attrs={"data-country-from": "id_member_state"})),
        help_text=_(
            "A public administration of your Member State. Not in the list? Name it below."
        ),
    )
    new_employer_name = forms.CharField(
        label=_("Name of your employer (if it is not in the list)"), max_length=250, required=False
    )
    new_employer_kind = forms.ModelChoiceField(
        label=_("Kind of institution of your employer"),
        queryset=InstitutionKind.objects.all(),
        required=False,
        help_text=_("Needed when you name a new employer."),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=200,
        help_text=_("Your job title."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    years_of_experience = forms.IntegerField(
        label=_("Years of professional experience"), min_value=0, max_value=60
    )
    expertise = forms.CharField(
        label=_("Your expertise"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you know and have done, in your words; staff search this text."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        max_length=500,
        required=False,
        help_text=_("Separated by commas, for example: asylum, reception, Dublin procedure."),
    )
    chapters = forms.ModelMultipleChoiceField(
        label=_("Chapters of the EU acquis you know"),
        queryset=Chapter.objects.all(),
        required=False,
        widget=filterable(forms.CheckboxSelectMultiple()),
    )
    cv = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        help_text=lazy_format(
            _(
                "A PDF file of at most %(megabytes)s MB. Only the programme staff and you can "
                "read it."
            ),
            megabytes=CV_MAX_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def list_employers(self, member_states_day, country=None, *, rows=None):
        """The employers an expert may pick (of `country`, a pk, when given: the page
        re-rendered after a Member State was chosen); each option carries its country, which
        site.js follows when the Member State changes on the page. `rows` replaces the
        employers of every Member State (the profile page lists its expert's only)."""
        widget = self.fields["employer"].widget
        widget.choices = [
            ("", "---------"),
            *(
                (ModelChoiceIteratorValue(row.pk, row), f"{row.name} ({translated(row.country)})")
                for row in (expert_employers_on(member_states_day) if rows is None else rows)
            ),
        ]
        widget.countries = None if country is None else {country}
        self.fields["new_employer_kind"].widget.choices = [
            ("", "---------"),
            *(
                (kind.pk, translated(kind))
                for kind in InstitutionKind.objects.filter(is_eligible_expert_employer=True)
            ),
        ]

    def profile_arguments(self):
        data = self.cleaned_data
        return {
            "employer": data["employer"],
            "new_employer_name": data["new_employer_name"],
            "new_employer_kind": data["new_employer_kind"],
            "position": data["position"],
            "years_of_experience": data["years_of_experience"],
            "expertise": data["expertise"],
            "keywords": data["keywords"],
            "chapters": list(data["chapters"]),
            "cv": data["cv"] or None,
        }


class RegistrationForm(ProfileFieldsForm):
    """An official of an EU Member State administration registers as an expert."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("Your work address; we send a link to confirm it, and you log in with it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    member_state = forms.ModelChoiceField(
        label=_("Member State of your administration"), queryset=Country.objects.all()
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_confirmation = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that taiex keeps my profile and CV to "
            "invite me to events."
        ),
        required=False,
    )

    field_order = [
        "full_name",
        "email",
        "member_state",
        "employer",
        "new_employer_name",
        "new_employer_kind",
        "position",
    ]

    def __init__(self, *args, day=None, **kwargs):
        super().__init__(*args, **kwargs)
        day = day or timezone.localdate()
        member_states = member_states_on(day).order_by("name")
        _listed(self.fields["member_state"], member_states)
        chosen = self.data.get(self.add_prefix("member_state")) if self.is_bound else None
        chosen = int(chosen) if chosen and str(chosen).isdigit() else None
        self.list_employers(
            day, chosen if chosen and member_states.filter(pk=chosen).exists() else None
        )

    def clean(self):
        cleaned_data = super().clean()
        check_new_password(self, cleaned_data)
        return cleaned_data

    def registration_arguments(self):
        data = self.cleaned_data
        return {
            **self.profile_arguments(),
            "email": data["email"],
            "full_name": data["full_name"],
            "password": data["password"],
            "member_state": data["member_state"],
            "privacy_consent": data["privacy_consent"],
        }


class ProfileForm(ProfileFieldsForm):
    """The expert edits their professional profile; the Member State stays as registered, so
    the employer list holds the public administrations of that Member State only (the same
    narrowing as at registration). The field still accepts any institution, so one of another
    country reaches services.update_profile and is refused there, on the employer field."""

    def __init__(self, *args, expert, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_employers(
            timezone.localdate(),
            expert.member_state_id,
            rows=expert_employers_of(expert.member_state, keep=expert.employer_id),
        )
        # No Member State field on this page for site.js to follow.
        self.fields["employer"].widget.attrs.pop("data-country-from", None)
        self.fields["cv"].label = _("Replace the CV (PDF)")


def profile_initial(expert):
    return {
        "employer": expert.employer_id,
        "position": expert.position,
        "years_of_experience": expert.years_of_experience,
        "expertise": expert.expertise,
        "keywords": expert.keywords,
        "chapters": [chapter.pk for chapter in expert.chapters.all()],
    }


class LanguageForm(forms.Form):
    language = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.all(), required=False
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", "---------"), *LanguageLevel.choices], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("language") and not data.get("level"):
            self.add_error("level", _("Give your level in this language."))
        if data.get("level") and not data.get("language"):
            self.add_error("language", _("Say which language this level is for."))
        return data


class UnavailabilityForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To (included)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start or data.get("note")) and not end and not self.has_error("end"):
            self.add_error("end", _("Give the last day you are not available."))
        if (end or data.get("note")) and not start and not self.has_error("start"):
            self.add_error("start", _("Give the first day you are not available."))
        if start and end and start > end:
            self.add_error(
                "end", _("The period ends before it starts: the end must be on or after the start.")
            )
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            language = form.cleaned_data.get("language")
            if language is not None and language.pk in seen:
                raise forms.ValidationError(
                    gettext("%(language)s is given twice; give it once.")
                    % {"language": language.name}
                )
            if language is not None:
                seen.add(language.pk)


LanguageFormSet = forms.formset_factory(
    LanguageForm, formset=BaseLanguageFormSet, extra=3, max_num=30
)
UnavailabilityFormSet = forms.formset_factory(UnavailabilityForm, extra=2, max_num=50)


def languages_from(formset):
    return [
        (form.cleaned_data["language"], form.cleaned_data["level"])
        for form in formset.forms
        if form.cleaned_data.get("language")
    ]


def unavailabilities_from(formset):
    return [
        (form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data.get("note", ""))
        for form in formset.forms
        if form.cleaned_data.get("start") and form.cleaned_data.get("end")
    ]


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection (the expert reads it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=PRIVATE_CONSULTANT_HINT,
        error_messages={"required": _("Give the reason for the rejection; the expert reads it.")},
    )


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand: my name, e-mail address, profile and CV are removed for good, and I "
            "cannot log in any more."
        ),
        error_messages={"required": _("Tick the box to confirm that your data is to be erased.")},
    )
