"""Documents joined to a request: checked for type and size like the experts' CVs, stored in
the private storage, added and removed by those who may edit the request."""

from django.db import transaction
from django.utils.translation import gettext as _

from taiex.core.audit import log_action

from .models import Application, Attachment
from .services import EDITABLE_STATES, ApplicationError

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# What a file must start with, and the content type the browser must declare, per extension.
ACCEPTED = {
    "pdf": (b"%PDF-", {"application/pdf"}),
    "docx": (
        b"PK\x03\x04",
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ),
    "odt": (b"PK\x03\x04", {"application/vnd.oasis.opendocument.text"}),
}


def attachment_problems(upload):
    """Why `upload` cannot be joined (empty when it can): too large, or not a PDF, Word
    (.docx) or OpenDocument (.odt) text whose content matches its name."""
    megabytes = ATTACHMENT_MAX_BYTES // (1024 * 1024)
    if upload.size > ATTACHMENT_MAX_BYTES:
        return [
            f"{upload.name} is {upload.size / (1024 * 1024):.1f} MB; the limit is {megabytes} MB."
        ]
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    signature, content_types = ACCEPTED.get(extension, (None, set()))
    upload.seek(0)
    head = upload.read(len(signature or b""))
    upload.seek(0)
    if signature is None or head != signature or upload.content_type not in content_types:
        return [
            f"{upload.name} is not a PDF, Word (.docx) or OpenDocument (.odt) document; "
            "save it in one of these formats and send it again."
        ]
    return []


def add_attachment(application, *, actor, kind, upload):
    """Join `upload` to a draft or returned request; refused (nothing stored) when the file
    is too large or of another type, or the request can no longer be edited."""
    if kind not in Attachment.Kind.values:
        raise ApplicationError(_("Choose what the document is."), {"kind": [_("Choose one.")]})
    problems = attachment_problems(upload)
    if problems:
        raise ApplicationError(problems[0], {"file": problems})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.state not in EDITABLE_STATES:
            raise ApplicationError(f"{locked} can no longer be edited.")
        attachment = Attachment(
            application=locked,
            kind=kind,
            original_name=upload.name[-200:],
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(upload.name, upload, save=False)
        stored = attachment.file.name
        try:
            attachment.save()
        except Exception:
            attachment.file.storage.delete(stored)
            raise
        log_action(
            locked,
            actor=actor,
            action="attach",
            data={"attachment": attachment.pk, "name": attachment.original_name, "kind": kind},
        )
    return attachment


def remove_attachment(attachment, *, actor):
    """Take a document off a draft or returned request; the file is deleted after commit."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=attachment.application_id)
        if locked.state not in EDITABLE_STATES:
            raise ApplicationError(f"{locked} can no longer be edited.")
        storage, name = attachment.file.storage, attachment.file.name
        log_action(
            locked,
            actor=actor,
            action="detach",
            data={"name": attachment.original_name, "kind": attachment.kind},
        )
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
