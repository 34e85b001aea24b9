"""Documents joined to a request: checked, stored privately, downloaded with a permission check."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.applications import attachments
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Attachment
from taiex.applications.services import ApplicationError
from taiex.core.models import ActivityLog
from tests.factories import submittable_application

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a draft agenda\n"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(content=PDF, name="agenda.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_a_pdf_agenda_is_stored_and_logged(applicant):
    application = submittable_application(applicant)

    attachment = attachments.add_attachment(
        application, actor=applicant, kind="draft_agenda", upload=upload()
    )

    entry = ActivityLog.objects.get(action="attach")
    assert (attachment.original_name, attachment.size, attachment.kind) == (
        "agenda.pdf",
        len(PDF),
        "draft_agenda",
    )
    assert attachment.file.read() == PDF
    assert entry.data == {"attachment": attachment.pk, "name": "agenda.pdf", "kind": "draft_agenda"}


def test_a_word_draft_law_is_accepted(applicant):
    application = submittable_application(applicant)

    attachment = attachments.add_attachment(
        application,
        actor=applicant,
        kind="draft_law",
        upload=upload(b"PK\x03\x04rest", "law.docx", DOCX),
    )

    assert attachment.original_name == "law.docx"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (
            upload(b"MZ\x90\x00", "agenda.pdf"),
            "agenda.pdf is not a PDF, Word (.docx) or OpenDocument (.odt) document; save it in "
            "one of these formats and send it again.",
        ),
        (
            upload(PDF, "agenda.pdf", "image/png"),
            "agenda.pdf is not a PDF, Word (.docx) or OpenDocument (.odt) document; save it in "
            "one of these formats and send it again.",
        ),
        (
            upload(PDF, "agenda.exe"),
            "agenda.exe is not a PDF, Word (.docx) or OpenDocument (.odt) document; save it in "
            "one of these formats and send it again.",
        ),
        (
            upload(PDF + b"x" * (10 * 1024 * 1024), "big.pdf"),
            "big.pdf is 10.0 MB; the limit is 10 MB.",
        ),
    ],
)
def test_a_wrong_file_is_refused_and_nothing_is_stored(applicant, file, message):
    application = submittable_application(applicant)

    with pytest.raises(ApplicationError) as refused:
        attachments.add_attachment(application, actor=applicant, kind="draft_agenda", upload=file)

    assert (str(refused.value), refused.value.problems) == (message, {"file": [message]})
    assert Attachment.objects.count() == 0


def test_a_file_of_exactly_the_limit_is_accepted(applicant):
    content = PDF + b"x" * (attachments.ATTACHMENT_MAX_BYTES - len(PDF))

    attachment = attachments.add_attachment(
        submittable_application(applicant), actor=applicant, kind="other", upload=upload(content)
    )

    assert attachment.size == attachments.ATTACHMENT_MAX_BYTES


def test_no_document_is_added_once_the_request_is_submitted(applicant):
    application = submittable_application(applicant, state=S.SUBMITTED)

    with pytest.raises(ApplicationError) as refused:
        attachments.add_attachment(application, actor=applicant, kind="other", upload=upload())

    assert str(refused.value) == f"{application} can no longer be edited."
    assert Attachment.objects.count() == 0


def test_removing_a_document_deletes_the_file_after_commit(
    applicant, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant)
    attachment = attachments.add_attachment(
        application, actor=applicant, kind="other", upload=upload()
    )
    storage, name = attachment.file.storage, attachment.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachments.remove_attachment(attachment, actor=applicant)

    assert (Attachment.objects.count(), storage.exists(name)) == (0, False)


@pytest.fixture
def document(applicant, ncp):
    application = submittable_application(applicant, state=S.SUBMITTED)
    return Attachment.objects.create(
        application=application,
        kind="draft_law",
        file=SimpleUploadedFile("x.pdf", PDF),
        original_name="Draft law on asylum.pdf",
        size=len(PDF),
        uploaded_by=applicant,
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("applicant", 200), ("ncp", 200), ("ncp_albania", 404), ("expert", 404), ("anonymous", 302)],
)
def test_the_download_goes_through_the_requests_permission(client, request, document, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(
        reverse("applications:attachment", args=[document.application_id, document.pk])
    )

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == ('attachment; filename="Draft law on asylum.pdf"')


def test_the_applicant_adds_a_document_on_the_request_page(client, applicant):
    application = submittable_application(applicant)
    client.force_login(applicant)

    response = client.post(
        reverse("applications:attachment_add", args=[application.pk]),
        {"attach-kind": "draft_agenda", "attach-file": upload()},
    )

    assert response.status_code == 302
    assert list(application.attachments.values_list("original_name", flat=True)) == ["agenda.pdf"]


def test_somebody_who_may_not_edit_cannot_add_and_nothing_changes(client, applicant, ncp):
    application = submittable_application(applicant, state=S.SUBMITTED)
    client.force_login(ncp)

    response = client.post(
        reverse("applications:attachment_add", args=[application.pk]),
        {"attach-kind": "draft_agenda", "attach-file": upload()},
    )

    assert response.status_code == 403
    assert Attachment.objects.count() == 0
