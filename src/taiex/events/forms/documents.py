"""The upload form of an event's documents."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..enums import DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, DocumentKind
from ..services.documents import upload_problem


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            _("PDF, Word, Excel, PowerPoint or OpenDocument; at most {megabytes} MB."),
            megabytes=DOCUMENT_MAX_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
        error_messages={"required": _("Choose a file to upload.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = upload_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload
