"""Forms of calls for experts and invitations; the services check the rules."""

from django import forms

from taiex.events.enums import ExpertRole


class CallForm(forms.Form):
    description = forms.CharField(
        label="What expertise the event needs",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Experts whose profile fits see this on their home page.",
    )


class InterestForm(forms.Form):
    motivation = forms.CharField(
        label="Why you are interested",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say in a few words why you are interested."},
    )


class InviteForm(forms.Form):
    expert = forms.IntegerField(label="Expert number", min_value=1)
    role = forms.ChoiceField(label="Role", choices=ExpertRole.choices, initial=ExpertRole.EXPERT)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why the invitation is withdrawn",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the invitation is withdrawn."},
    )


class LinkAnswerForm(DeclineForm):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
