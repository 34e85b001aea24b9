"""The HTTP boundary of the expert mission report: the experts' form and the staff review.

The length limit and the sections a submission needs are checked by the service (one rule for
the page, the API and commands); the view puts its messages next to the sections."""

from django import forms
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..enums import REPORT_SECTION_MAX_CHARS

SECTION_HELP = format_lazy(
    _("At most {count} characters."),
    count=number_format(REPORT_SECTION_MAX_CHARS, force_grouping=True),
)


def section_field(label):
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=SECTION_HELP,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class MissionReportForm(forms.Form):
    """The report's sections: the three ordinary ones, or with `sections` ({field: label}, from
    `services.reports.sections_of`) a peer review's own."""

    findings = section_field(_("Findings"))
    recommendations = section_field(_("Recommendations"))
    follow_up = section_field(_("Follow-up"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_names = list(sections or ("findings", "recommendations", "follow_up"))
        if sections:
            version = self.fields.pop("version")
            self.fields = {name: section_field(label) for name, label in sections.items()}
            self.fields["version"] = version

    def sections(self):
        return {name: self.cleaned_data.get(name, "") for name in self.section_names}


class ReportReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the experts"),
        required=False,
        help_text=_("Required when you ask for changes: say what should change."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
