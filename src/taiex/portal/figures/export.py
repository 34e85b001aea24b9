"""The figures on requests as tables (header, rows, total) for the CSV and the XLSX, and the
workbook: the figures, then the workload of teams and case handlers."""

import io

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font

from taiex.core.csv_export import FORMULA_STARTS

from .queries import MEDIANS, OUTCOMES, RequestFigures

WORKLOAD_HEADER = [
    _("In consultation"),
    _("In assessment"),
    _("Proposed"),
    _("Events in preparation"),
    _("Total"),
]


def figure_table(figures: RequestFigures):
    """(header, rows, total row) of the figures, one row per group."""
    header = [
        figures.by_label,
        *(str(label) for _name, label in OUTCOMES),
        *(str(label) for _name, label in MEDIANS),
    ]
    rows = [[row.label, *row.counts, *row.medians] for row in figures.rows]
    total = [gettext("Total"), *figures.total.counts, *figures.total.medians]
    return header, rows, total


def workload_table(rows, first_column):
    header = [str(first_column), *(str(name) for name in WORKLOAD_HEADER)]
    body = [
        [row.label, row.consultations, row.assessments, row.proposed, row.events, row.total]
        for row in rows
    ]
    return header, body


def xlsx_cell(cell):
    if hasattr(cell, "official_footnote"):
        return str(cell)  # in the reader's language
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def append_table(sheet, title, header, rows, total=None):
    sheet.append([title])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(cell) for cell in row])
    if total:
        sheet.append([xlsx_cell(cell) for cell in total])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 34


def add_figure_sheets(workbook, figures: RequestFigures, *, title, first=False):
    """The figures sheet and the workload sheet, in `workbook`."""
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = gettext("Requests")[:31]
    header, rows, total = figure_table(figures)
    append_table(sheet, title, header, rows, total)
    sheet.append([])
    sheet.append(
        [gettext("Medians in days, from the submission; see the page for the definitions.")]
    )
    workload = workbook.create_sheet(gettext("Workload")[:31])
    append_table(
        workload,
        gettext("Workload by thematic team (today)"),
        *workload_table(figures.teams, gettext("Thematic team")),
    )
    workload.append([])
    append_table(
        workload,
        gettext("Workload by case handler (today)"),
        *workload_table(figures.handlers, gettext("Case handler")),
    )


def figures_workbook(figures: RequestFigures, *, title) -> bytes:
    workbook = Workbook()
    add_figure_sheets(workbook, figures, title=title, first=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
