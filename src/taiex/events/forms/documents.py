"""The upload form of an event's documents."""

from django import forms

from ..enums import DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, DocumentKind
from ..services.documents import upload_problem


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=DocumentKind.choices)
    title = forms.CharField(label="Title", max_length=200)
    file = forms.FileField(
        label="File",
        help_text="PDF, Word, Excel, PowerPoint or OpenDocument; "
        f"at most {DOCUMENT_MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(DOCUMENT_TYPES)}),
        error_messages={"required": "Choose a file to upload."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        problem = upload_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload
