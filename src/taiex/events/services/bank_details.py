"""Bank details of payees: checked (IBAN with its checksum, BIC, account holder), stored
encrypted (`models.BankAccount`), entered by the payee through their account or a signed link
that the case handler sends to a study-visit host (a travelling participant enters them through
their personal link, `services.travellers`)."""

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from schwifty import BIC, IBAN
from schwifty.exceptions import (
    InvalidBBANChecksum,
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    InvalidStructure,
    SchwiftyException,
)

from taiex.core.audit import log_action
from taiex.core.mail import notify

from ..models import BankAccount, FeeStatement
from ..models.payments import masked_iban

LINK_SALT = "taiex.events.bank-details-link"
LINK_VALID_DAYS = 30
IBAN_PROBLEMS = {
    InvalidChecksumDigits: gettext_lazy(
        "This IBAN's check digits are wrong: a character is mistyped."
    ),
    InvalidBBANChecksum: gettext_lazy(
        "The account number in this IBAN fails its national check digit."
    ),
    InvalidCountryCode: gettext_lazy("This IBAN does not start with a known country code."),
    InvalidLength: gettext_lazy("This IBAN has the wrong number of characters for its country."),
    InvalidStructure: gettext_lazy("This IBAN does not have the structure of its country's IBANs."),
}
BIC_PROBLEMS = {
    InvalidCountryCode: gettext_lazy(
        "This BIC does not name a known country (its 5th and 6th letters)."
    ),
    InvalidLength: gettext_lazy("A BIC has 8 or 11 characters."),
    InvalidStructure: gettext_lazy(
        "A BIC is 4 letters or digits, a country code, and 2 or 5 letters or digits."
    ),
}


class BankDetailsInvalid(Exception):
    """Bank details that cannot be saved; `problems` is {field: message}."""

    def __init__(self, problems):
        super().__init__("; ".join(problems.values()))
        self.problems = problems


@dataclass(frozen=True)
class CheckedBankDetails:
    account_holder: str
    iban: str
    bic: str


def check_bank_details(*, account_holder, iban, bic) -> CheckedBankDetails:
    """The details in their stored form (IBAN and BIC compact, upper case); BankDetailsInvalid
    naming every wrong field otherwise."""
    problems = {}
    holder = " ".join((account_holder or "").split())
    if not holder:
        problems["account_holder"] = gettext(
            "Give the name of the account holder as the bank knows it."
        )
    elif len(holder) > 140:
        problems["account_holder"] = gettext(
            "The account holder's name has at most 140 characters."
        )
    checked_iban = checked_bic = ""
    if not (iban or "").strip():
        problems["iban"] = gettext("Give the IBAN of the account.")
    else:
        try:
            checked_iban = IBAN(iban).compact
        except SchwiftyException as error:
            problems["iban"] = str(
                IBAN_PROBLEMS.get(type(error), gettext_lazy("This is not a valid IBAN."))
            )
    if not (bic or "").strip():
        problems["bic"] = gettext("Give the BIC (SWIFT code) of the bank.")
    else:
        try:
            checked_bic = BIC(bic).compact
        except SchwiftyException as error:
            problems["bic"] = str(
                BIC_PROBLEMS.get(type(error), gettext_lazy("This is not a valid BIC."))
            )
    if problems:
        raise BankDetailsInvalid(problems)
    return CheckedBankDetails(holder, checked_iban, checked_bic)


def save_bank_details(owner, *, actor, account_holder, iban, bic) -> BankAccount:
    """Check and store the bank details of `owner` (a user, an institution or a travelling
    participant), replacing any
    earlier ones. Logged on the account with the IBAN masked (the audit log never holds it).
    `actor` is None when the payee used the signed link."""
    details = check_bank_details(account_holder=account_holder, iban=iban, bic=bic)
    owner_field = {"institution": "institution", "participant": "participant"}.get(
        owner._meta.model_name, "user"
    )
    with transaction.atomic():
        account, created = BankAccount.objects.select_for_update().get_or_create(
            **{owner_field: owner},
            defaults={
                "account_holder": details.account_holder,
                "iban": details.iban,
                "bic": details.bic,
                "entered_by": actor,
            },
        )
        if not created:
            account.account_holder = details.account_holder
            account.iban = details.iban
            account.bic = details.bic
            account.entered_by = actor
            account.updated_at = timezone.now()
            account.save()
        log_action(
            account,
            actor=actor,
            action="save_bank_details",
            note=f"Bank details of {owner} {'entered' if created else 'changed'}: "
            f"{masked_iban(details.iban)}.",
        )
    return account


def bank_details_token(institution) -> str:
    return signing.TimestampSigner(salt=LINK_SALT).sign_object({"institution": institution.pk})


def institution_pk_from_token(token) -> int | None:
    """The institution of a signed link, or None when the link is altered or expired."""
    try:
        payload = signing.TimestampSigner(salt=LINK_SALT).unsign_object(
            token, max_age=LINK_VALID_DAYS * 24 * 3600
        )
        return int(payload["institution"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def send_bank_details_link(statement: FeeStatement, *, actor, email) -> str:
    """E-mail a host institution the signed link where it enters its bank details (valid for
    LINK_VALID_DAYS days); returns the link's path. Logged on the statement."""
    institution = statement.host_institution
    if institution is None:
        raise BankDetailsInvalid(
            {
                "email": gettext(
                    "Experts enter their bank details through their own account, participants "
                    "through their personal link."
                )
            }
        )
    path = reverse("events:bank_details_by_link", args=[bank_details_token(institution)])
    with transaction.atomic():
        notify(
            [email],
            subject=format_lazy(
                gettext_lazy("Bank details for the payment of {reference}"),
                reference=statement.event.reference,
            ),
            template="events/fees/bank_details_link_email.txt",
            context={
                "institution": institution,
                "event": statement.event,
                "path": path,
                "days": LINK_VALID_DAYS,
            },
        )
        log_action(
            statement,
            actor=actor,
            action="send_bank_details_link",
            note=f"Link to enter bank details sent to {email}.",
        )
    return path
