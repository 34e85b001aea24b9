"""Documents of an event: upload with type (by name and content) and size limits, download as
an attachment, delete; nothing stored when refused; every change in the audit log."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.enums import DOCUMENT_MAX_BYTES
from taiex.events.models import EventDocument

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def ooxml(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<document/>")
    return buffer.getvalue()


def odf(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _own_private_dir(settings, tmp_path):
    """Files of this test only: other tests (the demo's) leave theirs in the shared directory."""
    settings.TAIEX_PRIVATE_DIR = tmp_path / "private"


def stored_files():
    root = Path(settings.TAIEX_PRIVATE_DIR) / "events"
    return sorted(path.name for path in root.rglob("*") if path.is_file())


def upload(client, event, name, content, **fields):
    data = {"kind": "presentation", "title": "Interview techniques", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(reverse("events:documents", args=[event.pk]), data)


@pytest.fixture
def clean_storage():
    before = set(stored_files())
    yield
    assert set(stored_files()) - before == set()  # each test cleans up what it stored


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("slides.pdf", PDF, "application/pdf"),
        (
            "notes.docx",
            ooxml(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "slides.pptx",
            ooxml("ppt/presentation.xml"),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (
            "list.ods",
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
    ],
)
def test_upload_download_and_delete(
    client, event, case_handler, django_capture_on_commit_callbacks, name, content, content_type
):
    client.force_login(case_handler)

    response = upload(client, event, name, content)

    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert (
        document.event,
        document.kind,
        document.title,
        document.original_name,
        document.content_type,
        document.size,
        document.uploaded_by,
    ) == (
        event,
        "presentation",
        "Interview techniques",
        name,
        content_type,
        len(content),
        case_handler,
    )
    assert document.file.name.startswith(f"events/{event.pk}/")
    assert Path(document.file.path).read_bytes() == content

    download = client.get(reverse("events:document_download", args=[event.pk, document.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{name}"'
    assert download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == content

    path = Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post(reverse("events:document_delete", args=[event.pk, document.pk]))
    assert deleted.status_code == 302
    assert EventDocument.objects.count() == 0
    assert not path.exists()
    assert list(ActivityLog.objects.values_list("action", "note")) == [
        ("upload_document", f"Presentation: Interview techniques ({name})"),
        ("delete_document", f"Presentation: Interview techniques ({name})"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "script.exe",
            b"MZ...",
            "“script.exe” is not an allowed type: upload a PDF, Word (.docx), Excel (.xlsx), "
            "PowerPoint (.pptx) or OpenDocument (.odt, .odp, .ods) file.",
        ),
        ("fake.pdf", b"<html>not a pdf</html>", "The content of “fake.pdf” is not a PDF file."),
        ("fake.docx", PDF, "The content of “fake.docx” is not a DOCX file."),
        (
            "slides.docx",
            ooxml("ppt/presentation.xml"),
            "The content of “slides.docx” is not a DOCX file.",
        ),
        (
            "text.odt",
            odf("application/vnd.oasis.opendocument.spreadsheet"),
            "The content of “text.odt” is not a ODT file.",
        ),
        ("broken.xlsx", b"PK\x03\x04garbage", "The content of “broken.xlsx” is not a XLSX file."),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_a_wrong_type_is_refused_and_nothing_is_stored(
    client, event, case_handler, clean_storage, name, content, message
):
    client.force_login(case_handler)

    response = upload(client, event, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": [message]}
    assert f'id="id_file_error"><li>{message}</li>' in response.content.decode()
    assert EventDocument.objects.count() == 0
    assert ActivityLog.objects.count() == 0


def test_a_file_above_the_size_limit_is_refused(client, event, case_handler, clean_storage):
    client.force_login(case_handler)
    content = PDF + b"0" * (DOCUMENT_MAX_BYTES + 1 - len(PDF))

    response = upload(client, event, "huge.pdf", content)

    assert response.context["form"].errors == {
        "file": ["“huge.pdf” is 20.0 MB; a document may have at most 20.0 MB."]
    }
    assert EventDocument.objects.count() == 0
    assert ActivityLog.objects.count() == 0


def test_a_file_at_the_size_limit_is_accepted(client, event, case_handler):
    client.force_login(case_handler)
    content = PDF + b"0" * (DOCUMENT_MAX_BYTES - len(PDF))

    response = upload(client, event, "big.pdf", content)

    assert response.status_code == 302
    document = EventDocument.objects.get()
    assert document.size == DOCUMENT_MAX_BYTES
    document.file.delete(save=False)


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"title": ""}, {"title": ["This field is required."]}),
        (
            {"kind": "secret"},
            {"kind": ["Select a valid choice. secret is not one of the available choices."]},
        ),
    ],
)
def test_kind_and_title_are_checked(client, event, case_handler, clean_storage, fields, errors):
    client.force_login(case_handler)

    response = upload(client, event, "slides.pdf", PDF, **fields)

    assert response.context["form"].errors == errors
    assert EventDocument.objects.count() == 0


def test_a_document_of_another_event_is_404(client, event, case_handler):
    from tests.factories import EventFactory

    other = EventFactory(case_handler=case_handler)
    client.force_login(case_handler)
    upload(client, other, "slides.pdf", PDF)
    document = EventDocument.objects.get()

    download = client.get(reverse("events:document_download", args=[event.pk, document.pk]))
    delete = client.post(reverse("events:document_delete", args=[event.pk, document.pk]))

    assert (download.status_code, delete.status_code) == (404, 404)
    assert EventDocument.objects.count() == 1
    document.file.delete(save=False)
