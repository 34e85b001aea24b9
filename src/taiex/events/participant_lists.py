"""The lists the venue works with: the list of the approved participants (PDF with WeasyPrint,
XLSX with openpyxl) and the attendance signature sheets, one page per day of the event. Only the
names, positions, institutions and countries: no e-mail or phone leaves in these files."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint import CSS, HTML

from .participant_documents import DocumentNotAvailable, refuse_fetch
from .queries.participants import approved_participants, event_days
from .services.payment_list import text_cell

# Translated when the workbook is made: in the language of the person who downloads it.
LIST_HEADER = [
    gettext_noop("No."),
    gettext_noop("Name"),
    gettext_noop("Position"),
    gettext_noop("Institution"),
    gettext_noop("Country"),
]


def listed_participants(event):
    """The approved participants, by name; refused while there are none."""
    people = list(approved_participants(event))
    if not people:
        raise DocumentNotAvailable("No participant is approved yet.")
    return people


def render_list_pdf(template, context):
    html = render_to_string(template, {**context, "issued_on": timezone.localdate()})
    stylesheet = CSS(string=render_to_string("events/participants/pdf/lists.css"))
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(stylesheets=[stylesheet])


def participants_list_pdf(event):
    """The list of the approved participants, numbered, by name."""
    return render_list_pdf(
        "events/participants/pdf/participants_list.html",
        {"event": event, "participants": listed_participants(event)},
    )


def attendance_sheets_pdf(event):
    """One signature sheet per day of the event: every approved participant with a blank
    signature cell."""
    days = event_days(event)
    if not days:
        raise DocumentNotAvailable("The event has no dates yet.")
    return render_list_pdf(
        "events/participants/pdf/attendance_sheets.html",
        {"event": event, "days": days, "participants": listed_participants(event)},
    )


def participants_list_workbook(event) -> bytes:
    """The list of the approved participants as XLSX bytes."""
    people = listed_participants(event)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Participants")[:31]
    title = gettext("Participants of %(reference)s: %(title)s") % {
        "reference": event.reference,
        "title": event.title,
    }
    sheet.append([text_cell(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([gettext(name) for name in LIST_HEADER])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, person in enumerate(people, start=1):
        sheet.append(
            [
                number,
                text_cell(person.full_name),
                text_cell(person.position),
                text_cell(person.institution),
                str(person.country),  # in the reader's language
            ]
        )
    for column, width in zip("ABCDE", [6, 32, 32, 40, 20], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
