"""The head of unit's choice on one proposal of the planning meeting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taiex.applications.enums import Decision


class ProposalDecisionForm(forms.Form):
    selected = forms.BooleanField(label=_("Decide this proposal"), required=False)
    decision = forms.ChoiceField(
        choices=Decision.choices, widget=forms.RadioSelect, label=_("Decision"), required=False
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant and the NCP)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        self.error_prefix = application.reference  # in the page's error summary
        if not self.is_bound and getattr(application, "proposal", None) in Decision.values:
            self.initial["decision"] = application.proposal

    def clean(self):
        data = super().clean()
        if data.get("selected"):
            if not data.get("decision"):
                self.add_error("decision", _("Choose approve or reject."))
            if not (data.get("reason") or "").strip():
                self.add_error("reason", _("Give the reason for the decision."))
        return data
