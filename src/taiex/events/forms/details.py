"""The form of an event's details: delivery (modality, place, time zone, dates, meeting link,
languages, interpretation, capacity), other beneficiaries of a workshop, and the experts needed
(not of a study visit, whose host has its own section: services/hosting.py). A hidden version
refuses a save over someone else's change."""

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.core.widgets import filterable
from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.keywords import clean_keywords
from taiex.reference.models import Country, Language
from taiex.reference.queries import beneficiary_countries
from taiex.reference.translation import translated

from ..services.details import DATE_STATES, details_problems, version_of

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventDetailsForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput)
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    venue_country = forms.ModelChoiceField(
        label=_("Venue country"), queryset=Country.objects.all(), required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone of the venue"),
        help_text=_("The agenda's times are local times of this zone."),
        error_messages={
            "invalid_choice": _("Choose a time zone from the list, for example Europe/Belgrade.")
        },
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE_WIDGET)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE_WIDGET)
    meeting_link = forms.URLField(
        label=_("Meeting link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Online and hybrid events; shown only to people registered for the event."),
    )
    working_languages = forms.ModelMultipleChoiceField(
        label=_("Working languages"),
        queryset=Language.objects.all(),
        required=False,
        widget=filterable(forms.SelectMultiple()),
    )
    interpretation_needed = forms.BooleanField(label=_("Interpretation needed"), required=False)
    interpretation_note = forms.CharField(
        label=_("Interpretation"), required=False, max_length=200,
        help_text=_("For example: English <> Serbian, simultaneous."),
    )  # fmt: skip
    capacity = forms.IntegerField(
        label=_("Capacity (seats for participants)"), required=False, min_value=1
    )
    experts_needed = forms.IntegerField(label=_("Experts needed"), min_value=0, max_value=20)
    mission_kind = forms.ChoiceField(
        label=_("Kind of expert mission"),
        choices=MissionKind.choices,
        required=False,
        help_text=_("A peer review and an assessment mission have their own report template."),
        error_messages={"invalid_choice": _("Choose advisory mission, peer review or assessment.")},
    )
    other_beneficiaries = forms.ModelMultipleChoiceField(
        label=_("Other beneficiaries (multi-country workshop)"),
        queryset=Country.objects.none(),
        required=False,
        widget=filterable(forms.SelectMultiple()),
        error_messages={
            "invalid_choice": _("Choose other beneficiaries among the beneficiary countries.")
        },
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What people would search for, separated by semicolons, for example: "
            "public procurement; remedies; review bodies."
        ),
    )
    original_title = forms.CharField(
        label=_("Title in the beneficiary's language"), required=False, max_length=250
    )
    original_summary = forms.CharField(
        label=_("Summary in the beneficiary's language"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    original_language = forms.ModelChoiceField(
        label=_("Language of the original title and summary"),
        queryset=Language.objects.order_by("name"),
        required=False,
    )

    def __init__(self, data=None, *, event, **kwargs):
        self.event = event
        initial = {
            "version": version_of(event),
            "modality": event.modality,
            "place": event.place,
            "venue_country": event.venue_country_id,
            "time_zone": event.time_zone,
            "start_date": event.start_date,
            "end_date": event.end_date,
            "meeting_link": event.meeting_link,
            "working_languages": list(event.working_languages.all()),
            "interpretation_needed": event.interpretation_needed,
            "interpretation_note": event.interpretation_note,
            "capacity": event.capacity,
            "experts_needed": event.experts_needed,
            "mission_kind": event.mission_kind or MissionKind.ADVICE,
            "other_beneficiaries": list(event.other_beneficiaries.all()),
            "keywords": event.keywords,
            "original_title": event.original_title,
            "original_summary": event.original_summary,
            "original_language": event.original_language_id,
        }
        super().__init__(data, initial=initial, **kwargs)
        for name in ("venue_country", "other_beneficiaries"):
            self.fields[name].label_from_instance = translated  # in the reader's language
        self.fields["time_zone"].choices = [(zone, zone) for zone in sorted(available_timezones())]
        if event.state not in DATE_STATES:
            for name in ("start_date", "end_date"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Postpone the event to give it new dates.")
        if event.event_type == AssistanceType.WORKSHOP:
            self.fields["other_beneficiaries"].queryset = (
                beneficiary_countries().exclude(pk=event.beneficiary_id).order_by("name")
            )
        else:
            del self.fields["other_beneficiaries"]
        if event.event_type == AssistanceType.STUDY_VISIT:
            # A study visit has a host (its own section of the event's page), not experts.
            del self.fields["experts_needed"]
        if event.event_type != AssistanceType.EXPERT_MISSION:
            del self.fields["mission_kind"]

    def clean_keywords(self):
        return clean_keywords(self.cleaned_data["keywords"])

    def values(self):
        """The cleaned details the service saves (everything but the version)."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "version"
            and not self.fields[name].disabled
            # Left out of the post: the kind stays as it is.
            and not (name == "mission_kind" and not value)
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            values = {
                k: v for k, v in cleaned.items() if k != "version" and (k != "mission_kind" or v)
            }
            for field, message in details_problems(self.event, values):
                self.add_error(field if field in self.fields else None, message)
        return cleaned
