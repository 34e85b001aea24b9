"""The cost of events as a table (header and rows) for the CSV and XLSX downloads: one row per
event or per group (month, year, window, country, type, chapter), planned, actual and
difference per kind of cost, and a total row. The headers, labels and reference names are in the
active language: the language of the person who downloads it."""

import io

from django.utils.translation import gettext, gettext_noop, ngettext
from openpyxl import Workbook
from openpyxl.styles import Font

from taiex.reference.enums import AssistanceType

from ..queries.costs import COST_KINDS, GROUPINGS, GroupedCosts, group_costs, total_of
from .payment_list import AMOUNT_FORMAT, text_cell

EVENT_COLUMNS = [
    gettext_noop("Reference"),
    gettext_noop("Title"),
    gettext_noop("Start date"),
    gettext_noop("Type"),
    gettext_noop("Window"),
    gettext_noop("Beneficiary"),
    gettext_noop("Chapters"),
]


def amount_header():
    columns = []
    for label in [*COST_KINDS.values(), gettext_noop("Total")]:
        name = {"kind": gettext(label)}
        columns += [
            gettext("%(kind)s planned (EUR)") % name,
            gettext("%(kind)s actual (EUR)") % name,
            gettext("%(kind)s difference (EUR)") % name,
        ]
    return columns


def group_label(label):
    """A group's label in the reader's language: a country or a window by its translated name
    (a country keeps its object, for the footnote), a fixed label ("No date") translated."""
    if hasattr(label, "official_footnote"):
        return label
    return gettext(str(label)) if label else label


def amounts(cost):
    cells = []
    for line in cost.lines:
        cells += [line.planned, line.actual, line.difference]
    return [*cells, cost.planned_total, cost.actual_total, cost.difference]


def cost_table(table, by):
    """(header, rows, total row) of the costs shown by `by` (a GROUPINGS key): `table` is the
    event rows by event, else the costs grouped (`queries.costs.GroupedCosts`), or event rows
    that are grouped here."""
    if by == "event":
        rows = table
        header = [gettext(name) for name in EVENT_COLUMNS] + amount_header()
        body = [
            [
                row.event.reference,
                row.event.title,
                row.event.start_date,
                str(AssistanceType(row.event.event_type).label),
                str(row.event.window) if row.event.window else "",  # translated name
                row.event.beneficiary,
                "; ".join(str(chapter.number) for chapter in row.chapters),
                *amounts(row.cost),
            ]
            for row in rows
        ]
        events = ngettext("%(count)s event", "%(count)s events", len(rows)) % {"count": len(rows)}
        total = [gettext("Total"), events, "", "", "", "", "", *amounts(total_of(rows))]
        return header, body, total
    if not isinstance(table, GroupedCosts):
        table = GroupedCosts(group_costs(table, by), total_of(table), len(table))
    header = [gettext(GROUPINGS[by]), gettext("Events"), *amount_header()]
    body = [
        [group_label(group.label), group.events, *amounts(group.cost)] for group in table.groups
    ]
    total = [gettext("Total"), table.events, *amounts(table.total)]
    return header, body, total


def xlsx_cell(cell):
    """A country becomes its name; text a spreadsheet would run as a formula is quoted."""
    if hasattr(cell, "official_footnote"):
        cell = str(cell)  # in the reader's language
    return text_cell(cell) if isinstance(cell, str) else cell


def cost_workbook(table, by, *, title) -> bytes:
    """The XLSX bytes of the cost table (`cost_table`), amounts as numbers with two decimals."""
    header, body, total = cost_table(table, by)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Cost of events")[:31]
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
