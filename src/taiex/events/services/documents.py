"""Writes on an event's documents: upload (type and size checked by name and by content) and
delete. Files live in the private storage and are served only through a permission-checked view.
"""

import zipfile
from pathlib import PurePath

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext

from taiex.core.audit import log_action

from ..enums import DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, DocumentKind
from ..models import EventDocument
from .errors import EventError

# What an OOXML package must contain besides [Content_Types].xml, by extension.
OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def megabytes(size):
    return gettext("%(size)s MB") % {"size": number_format(size / (1024 * 1024), decimal_pos=1)}


def content_matches(extension, head, upload):
    """Whether the file's bytes are of the type its name says: a PDF starts with %PDF-; OOXML and
    OpenDocument files are zip packages with their own marker inside."""
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if not head.startswith(b"PK\x03\x04"):
        return False
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OOXML_PARTS[extension]) for name in names
                )
            return "mimetype" in names and (
                package.read("mimetype").decode("ascii", "replace").strip()
                == DOCUMENT_TYPES[extension]
            )
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        upload.seek(0)


def upload_problem(upload):
    """Why `upload` cannot be stored (a sentence about the file field), or "" when it can."""
    if upload is None:
        return gettext("Choose a file to upload.")
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower()
    if extension not in DOCUMENT_TYPES:
        return gettext(
            "“%(name)s” is not an allowed type: upload a PDF, Word (.docx), Excel (.xlsx), "
            "PowerPoint (.pptx) or OpenDocument (.odt, .odp, .ods) file."
        ) % {"name": name}
    if upload.size == 0:
        return gettext("“%(name)s” is empty.") % {"name": name}
    if upload.size > DOCUMENT_MAX_BYTES:
        return gettext("“%(name)s” is %(size)s; a document may have at most %(limit)s.") % {
            "name": name,
            "size": megabytes(upload.size),
            "limit": megabytes(DOCUMENT_MAX_BYTES),
        }
    upload.seek(0)
    head = upload.read(8)
    if not content_matches(extension, head, upload):
        return gettext("The content of “%(name)s” is not a %(type)s file.") % {
            "name": name,
            "type": extension[1:].upper(),
        }
    return ""


def upload_document(event, *, actor, kind, title, upload):
    """Store `upload` as a document of `event` after checking its type (by name and content)
    and size; logs the upload on the event. Nothing is stored when a check fails."""
    if kind not in DocumentKind.values:
        raise EventError("Choose the kind of document.", "kind")
    title = (title or "").strip()
    if not title:
        raise EventError("Give the document a title.", "title")
    problem = upload_problem(upload)
    if problem:
        raise EventError(problem, "file")
    name = PurePath(upload.name).name
    extension = PurePath(name).suffix.lower()
    document = EventDocument(
        event=event,
        kind=kind,
        title=title,
        original_name=name[:200],
        content_type=DOCUMENT_TYPES[extension],
        size=upload.size,
        uploaded_by=actor,
    )
    upload.seek(0)
    document.file.save(name, upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            log_action(
                event,
                actor=actor,
                action="upload_document",
                note=f"{document.get_kind_display()}: {title} ({name})",
                data={"document": document.pk},
            )
    except Exception:
        document.file.delete(save=False)  # the row is not there: the file must not stay either
        raise
    return document


def delete_document(document, *, actor):
    """Delete a document of an event and its file (once the deletion is committed); logs it."""
    event = document.event
    file_name = document.file.name
    storage = document.file.storage
    with transaction.atomic():
        note = f"{document.get_kind_display()}: {document.title} ({document.original_name})"
        document.delete()
        log_action(event, actor=actor, action="delete_document", note=note)
        transaction.on_commit(lambda: storage.delete(file_name))
