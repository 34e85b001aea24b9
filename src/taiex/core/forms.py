"""Forms of the core's staff pages: the audit log's filters."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditLogFilterForm(forms.Form):
    object_type = forms.ModelChoiceField(
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("Any"),
        label=_("Type of object"),
    )
    object = forms.CharField(
        required=False,
        max_length=100,
        label=_("Object"),
        help_text=_("Its number (id) or reference, e.g. APP-2026-00042 or WS-2026-0042."),
    )
    person = forms.CharField(
        required=False,
        max_length=254,
        label=_("Person who acted"),
        help_text=_("An e-mail address, part of a name, or the person's number."),
    )
    action = forms.CharField(
        required=False,
        max_length=80,
        label=_("Action"),
        help_text=_("Exactly, e.g. forward or erase."),
    )
    date_from = forms.DateField(
        required=False,
        label=pgettext_lazy("date", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        required=False,
        label=pgettext_lazy("date", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["object_type"]
        field.queryset = ContentType.objects.order_by("app_label", "model")
        # The type as a code (accounts.user), as the CSV writes it: the same in every language.
        field.label_from_instance = lambda ct: f"{ct.app_label}.{ct.model}"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end day is before the start day."))
        return cleaned
