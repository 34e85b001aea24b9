"""The payment list: fee statements approved and not yet paid as an XLSX workbook for the paying
service (one row per payee, a total row), with the payees' bank details for the role that pays
and only whether they are entered for the others."""

import io
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from ..queries.fees import bank_account_of, payee_country, payee_kind, payee_name

HEADER = [
    "Event",
    "Payee",
    "Kind",
    "Member State",
    "Fee (EUR)",
    "Allowance (EUR)",
    "Refunds (EUR)",
    "Total (EUR)",
    "Approved on",
    "Payment reference",
    "State",
]
BANK_HEADER = ["Account holder", "IBAN", "BIC"]
BANK_STATE_HEADER = ["Bank details"]
AMOUNT_FORMAT = "#,##0.00"
FORMULA_STARTS = ("=", "+", "-", "@")


def text_cell(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def bank_columns(statement, *, with_bank_details):
    account = bank_account_of(statement)
    if with_bank_details:
        if account is None:
            return ["(missing)", "", ""]
        return [text_cell(account.account_holder), account.formatted_iban, account.bic]
    return ["entered" if account else "missing"]


def payment_list_workbook(statements, *, title, with_bank_details=False) -> bytes:
    """The XLSX bytes of `statements` (approved, with payees and their bank accounts loaded),
    under `title`; the account holder, IBAN and BIC when `with_bank_details`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Payment list"
    sheet.append([text_cell(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(HEADER + (BANK_HEADER if with_bank_details else BANK_STATE_HEADER))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    totals = [Decimal("0.00")] * 4
    for statement in statements:
        country = payee_country(statement)
        amounts = [
            statement.fee_total,
            statement.allowance_total,
            statement.refund_total,
            statement.total,
        ]
        totals = [total + amount for total, amount in zip(totals, amounts, strict=True)]
        sheet.append(
            [
                statement.event.reference,
                text_cell(payee_name(statement)),
                payee_kind(statement),
                country.name if country else "",
                *amounts,
                timezone.localtime(statement.approved_at).date() if statement.approved_at else None,
                statement.payment_reference,
                statement.get_state_display(),
                *bank_columns(statement, with_bank_details=with_bank_details),
            ]
        )
    sheet.append(["Total", "", "", "", *totals, None])
    last = sheet.max_row
    for cell in sheet[last]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3, max_row=last, min_col=5, max_col=8):
        for cell in row:
            cell.number_format = AMOUNT_FORMAT
    for row in sheet.iter_rows(min_row=3, max_row=last, min_col=9, max_col=9):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    widths = [14, 30, 18, 20, 12, 16, 14, 12, 12, 18, 18, 30, 34, 14]
    for column, width in zip("ABCDEFGHIJKLMN", widths, strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
