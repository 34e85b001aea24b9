"""The form of a follow-up event: what the case handler chooses; the rest comes from the request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.reference.enums import AssistanceType, MissionKind

from ..services.series import FollowUp

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FollowUpForm(forms.Form):
    event_type = forms.ChoiceField(
        label=_("Type of the follow-up event"),
        choices=AssistanceType.choices,
        error_messages={"required": _("Choose the type of the follow-up event.")},
    )
    mission_kind = forms.ChoiceField(
        label=_("Kind of expert mission"),
        choices=[("", _("—")), *MissionKind.choices],
        required=False,
        help_text=_("Expert missions only; an expert mission is advisory unless you choose."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        error_messages={"required": _("Give the follow-up event a title.")},
    )
    start_date = forms.DateField(
        label=_("First day"),
        widget=DATE,
        error_messages={"required": _("Give the first day of the follow-up event.")},
    )
    end_date = forms.DateField(label=_("Last day (optional)"), widget=DATE, required=False)
    experts_needed = forms.IntegerField(
        label=_("Member State experts needed"),
        min_value=0,
        max_value=50,
        initial=0,
        help_text=_("0 for a study visit: a Member State administration hosts it."),
        error_messages={"required": _("Say how many experts the follow-up needs (0 for none).")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if not self.is_bound:
            self.fields["title"].initial = (_("Follow-up: %(title)s") % {"title": event.title})[
                :250
            ]
            self.fields["event_type"].initial = AssistanceType.EXPERT_MISSION

    def follow_up(self):
        data = self.cleaned_data
        return FollowUp(
            follows=self.event,
            event_type=data["event_type"],
            title=data["title"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            experts_needed=data["experts_needed"],
            mission_kind=data["mission_kind"],
        )
