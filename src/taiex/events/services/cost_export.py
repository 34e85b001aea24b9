"""The cost of events as a table (header and rows) for the CSV and XLSX downloads: one row per
event or per group (month, year, window, country, type, chapter), planned, actual and
difference per kind of cost, and a total row."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from taiex.reference.enums import AssistanceType

from ..queries.costs import COST_KINDS, GROUPINGS, group_costs, total_of
from .payment_list import AMOUNT_FORMAT, text_cell

EVENT_COLUMNS = ["Reference", "Title", "Start date", "Type", "Window", "Beneficiary", "Chapters"]


def amount_header():
    columns = []
    for label in [*COST_KINDS.values(), "Total"]:
        columns += [f"{label} planned (EUR)", f"{label} actual (EUR)", f"{label} difference (EUR)"]
    return columns


def amounts(cost):
    cells = []
    for line in cost.lines:
        cells += [line.planned, line.actual, line.difference]
    return [*cells, cost.planned_total, cost.actual_total, cost.difference]


def cost_table(rows, by):
    """(header, rows, total row) of the event rows `rows` shown by `by` (a GROUPINGS key)."""
    if by == "event":
        header = EVENT_COLUMNS + amount_header()
        body = [
            [
                row.event.reference,
                row.event.title,
                row.event.start_date,
                str(AssistanceType(row.event.event_type).label),
                row.event.window.name if row.event.window else "",
                row.event.beneficiary,
                "; ".join(str(chapter.number) for chapter in row.chapters),
                *amounts(row.cost),
            ]
            for row in rows
        ]
        total = ["Total", f"{len(rows)} events", "", "", "", "", "", *amounts(total_of(rows))]
        return header, body, total
    header = [GROUPINGS[by], "Events", *amount_header()]
    body = [[group.label, group.events, *amounts(group.cost)] for group in group_costs(rows, by)]
    total = ["Total", len(rows), *amounts(total_of(rows))]
    return header, body, total


def xlsx_cell(cell):
    """A country becomes its name; text a spreadsheet would run as a formula is quoted."""
    if hasattr(cell, "official_footnote"):
        cell = cell.name
    return text_cell(cell) if isinstance(cell, str) else cell


def cost_workbook(rows, by, *, title) -> bytes:
    """The XLSX bytes of the cost table, amounts as numbers with two decimals."""
    header, body, total = cost_table(rows, by)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cost of events"
    sheet.append([text_cell(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in [*body, total]:
        sheet.append([xlsx_cell(cell) for cell in row])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first_amount = len(header) - len(amount_header()) + 1
    for row in sheet.iter_rows(min_row=3, min_col=first_amount):
        for cell in row:
            cell.number_format = AMOUNT_FORMAT
    if by == "event":
        for row in sheet.iter_rows(min_row=3, min_col=3, max_col=3):
            for cell in row:
                cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
