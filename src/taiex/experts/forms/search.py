"""The form of the staff search of the expert database."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taiex.reference.models import Chapter, Country, Language
from taiex.reference.queries import member_states_on

from ..enums import LanguageLevel, VerificationState
from ..queries.search import SORTS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ExpertSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        label=_("Words"),
        help_text=_("Name, expertise, keywords, position or employer."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    member_state = forms.ModelChoiceField(
        required=False,
        label=_("Member State"),
        queryset=Country.objects.none(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    language = forms.ModelChoiceField(
        required=False,
        label=_("Language"),
        queryset=Language.objects.all(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    min_level = forms.ChoiceField(
        required=False,
        label=_("At least"),
        choices=[("", _("Any level")), *LanguageLevel.choices],
    )
    chapter = forms.ModelChoiceField(
        required=False,
        label=_("Chapter"),
        queryset=Chapter.objects.all(),
        to_field_name="number",
        empty_label=_("Any"),
    )
    verification_state = forms.ChoiceField(
        required=False,
        label=_("Verification"),
        choices=[("", _("Any")), *VerificationState.choices],
    )
    available_from = forms.DateField(required=False, label=_("Available from"), widget=DATE)
    available_to = forms.DateField(required=False, label=_("Available until"), widget=DATE)
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in SORTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].queryset = member_states_on(timezone.localdate())

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if start and end and end < start:
            self.add_error("available_to", _("The end of the period is before its start."))
        if data.get("min_level") and not data.get("language"):
            self.add_error("min_level", _("Choose the language the level applies to."))
        return data

    def filters(self) -> dict:
        """The cleaned values as keyword arguments of `experts_matching` (none when invalid)."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "member_state": data["member_state"],
            "language": data["language"],
            "min_level": data["min_level"],
            "chapter": data["chapter"],
            "verification_state": data["verification_state"],
            "available_from": data["available_from"],
            "available_to": data["available_to"],
            "sort": data["sort"] or "name",
        }
