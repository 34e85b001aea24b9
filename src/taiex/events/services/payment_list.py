"""The payment list: approved fee statements as an XLSX workbook for the paying service (one
row per payee, a total row). Bank details are not stored here, so the list has none."""

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from ..queries.fees import payee_country, payee_name

HEADER = [
    "Event",
    "Payee",
    "Kind",
    "Member State",
    "Fee (EUR)",
    "Allowance (EUR)",
    "Total (EUR)",
    "Approved on",
]
AMOUNT_FORMAT = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def payment_list_workbook(statements, *, title) -> bytes:
    """The XLSX bytes of `statements` (approved, with payees loaded), under `title`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Payment list"
    sheet.append([text_cell(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(HEADER)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    totals = [0, 0, 0]
    for statement in statements:
        country = payee_country(statement)
        amounts = [statement.fee_total, statement.allowance_total, statement.total]
        totals = [total + amount for total, amount in zip(totals, amounts, strict=True)]
        sheet.append(
            [
                statement.event.reference,
                text_cell(payee_name(statement)),
                "Expert" if statement.event_expert_id else "Study-visit host",
                country.name if country else "",
                *amounts,
                timezone.localtime(statement.approved_at).date() if statement.approved_at else None,
            ]
        )
    sheet.append(["Total", "", "", "", *totals, None])
    last = sheet.max_row
    for cell in sheet[last]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, max_row=last, min_col=5, max_col=7):
        for cell in row:
            cell.number_format = AMOUNT_FORMAT
    for row in sheet.iter_rows(min_row=3, max_row=last, min_col=8, max_col=8):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGH", [14, 30, 18, 20, 12, 16, 12, 12], strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
