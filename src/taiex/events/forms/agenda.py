"""The form of an agenda session: day and local times, title, language, interpretation and the
speakers (experts who accepted to take part)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.models import Language

from ..queries.agenda import accepted_experts_of
from ..services.agenda import session_problems


class SpeakerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, expert):
        return f"{expert.user.full_name} ({expert.member_state.name})"


class SessionForm(forms.Form):
    day = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    starts_at = forms.TimeField(
        label=_("Starts at (local time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=_("Ends at (local time)"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ModelChoiceField(
        label=_("Language"), queryset=Language.objects.all(), required=False
    )
    interpretation = forms.BooleanField(label=_("Interpretation in this session"), required=False)
    speakers = SpeakerChoiceField(
        label=_("Speakers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose speakers among the experts who accepted to take part.")
        },
    )

    def __init__(self, data=None, *, event, **kwargs):
        self.event = event
        super().__init__(data, **kwargs)
        self.fields["speakers"].queryset = accepted_experts_of(event)
        languages = list(event.working_languages.all())
        if languages:
            names = ", ".join(language.name for language in languages)
            self.fields["language"].queryset = event.working_languages.all()
            self.fields["language"].error_messages["invalid_choice"] = _(
                "Choose one of the working languages of the event: %(names)s."
            ) % {"names": names}

    def clean(self):
        cleaned = super().clean()
        for field, message in session_problems(self.event, cleaned):
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned


def session_initial(session):
    return {
        "day": session.day,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "title": session.title,
        "description": session.description,
        "language": session.language_id,
        "interpretation": session.interpretation,
        "speakers": list(session.speakers.all()),
    }
