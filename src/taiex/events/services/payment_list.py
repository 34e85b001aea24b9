"""The payment list: fee statements approved and not yet paid as an XLSX workbook for the paying
service (one row per payee, a total row), with the payees' bank details for the role that pays
and only whether they are entered for the others. The fixed words (sheet, headers, kinds) are in
the active language: the language of the person who downloads it."""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from ..queries.fees import bank_account_of, payee_country, payee_kind, payee_name

# The headers, translated when the workbook is made (the downloader's language).
HEADER = [
    gettext_noop("Event"),
    gettext_noop("Payee"),
    gettext_noop("Kind"),
    gettext_noop("Member State"),
    gettext_noop("Fee (EUR)"),
    gettext_noop("Allowance (EUR)"),
    gettext_noop("Refunds (EUR)"),
    gettext_noop("Total (EUR)"),
    gettext_noop("Approved on"),
    gettext_noop("Payment reference"),
    gettext_noop("State"),
]
BANK_HEADER = [gettext_noop("Account holder"), gettext_noop("IBAN"), gettext_noop("BIC")]
BANK_STATE_HEADER = [gettext_noop("Bank details")]
PAYEE_KINDS = {
    "Expert": pgettext_lazy("payee", "Expert"),
    "Participant": pgettext_lazy("payee", "Participant"),
    "Study-visit host": pgettext_lazy("payee", "Study-visit host"),
}
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
            return [pgettext("bank details", "(missing)"), "", ""]
        return [text_cell(account.account_holder), account.formatted_iban, account.bic]
    return [pgettext("bank details", "entered") if account else pgettext("bank details", "missing")]


def payment_list_workbook(statements, *, title, with_bank_details=False) -> bytes:
    """The XLSX bytes of `statements` (approved, with payees and their bank accounts loaded),
    under `title`; the account holder, IBAN and BIC when `with_bank_details`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Payment list")[:31]
    sheet.append([text_cell(title)])
    sheet["A1"].font = Font(bold=True)
    header = HEADER + (BANK_HEADER if with_bank_details else BANK_STATE_HEADER)
    sheet.append([gettext(name) for name in header])
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
                str(PAYEE_KINDS[payee_kind(statement)]),
                str(country) if country else "",  # in the reader's language
                *amounts,
                timezone.localtime(statement.approved_at).date() if statement.approved_at else None,
                statement.payment_reference,
                statement.get_state_display(),
                *bank_columns(statement, with_bank_details=with_bank_details),
            ]
        )
    sheet.append([gettext("Total"), "", "", "", *totals, None])
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
