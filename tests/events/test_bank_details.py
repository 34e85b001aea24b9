"""Bank details of payees: IBAN and BIC checked with real-world examples, encrypted at rest (the
raw column never holds them), masked, and the signed link of a study-visit host."""

import pytest
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from taiex.core.encryption import decrypt, encrypt
from taiex.core.models import ActivityLog
from taiex.events.models import BankAccount
from taiex.events.models.payments import masked_iban
from taiex.events.services.bank_details import (
    LINK_SALT,
    BankDetailsInvalid,
    bank_details_token,
    check_bank_details,
    institution_pk_from_token,
    save_bank_details,
)
from tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

OTHER_KEY = "Q2l2WEKu0b3Bd4KSh2tB3W4m0rN2ZsUVd8l7ZxQyT1k="


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"),  # the ECBS example
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("si56 1910 0000 0123 438", "SI56191000000123438"),
        ("RS35 2600 0560 1001 6113 79", "RS35260005601001611379"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"),
        ("AL47 2121 1009 0000 0002 3569 8741", "AL47212110090000000235698741"),
        ("MK07 2501 2000 0058 984", "MK07250120000058984"),
        ("BE68 5390 0754 7034", "BE68539007547034"),
        ("ME25 5050 0001 2345 6789 51", "ME25505000012345678951"),
    ],
)
def test_valid_ibans_are_stored_compact_and_upper_case(typed, stored):
    details = check_bank_details(account_holder="Eva Expert", iban=typed, bic="DEUTDEFF")

    assert details.iban == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (
            "DE89 3704 0044 0532 0130 01",
            "This IBAN's check digits are wrong: a character is mistyped.",
        ),
        (
            "GB82 WEST 1234 5698 7654 33",
            "This IBAN's check digits are wrong: a character is mistyped.",
        ),
        (
            "DE89 3704 0044 0532 0130 0",
            "This IBAN has the wrong number of characters for its country.",
        ),
        ("XX89 3704 0044 0532 0130 00", "This IBAN does not start with a known country code."),
        (
            "GB82 1234 WEST 5698 7654 32",
            "This IBAN does not have the structure of its country's IBANs.",
        ),
        ("", "Give the IBAN of the account."),
    ],
)
def test_invalid_ibans_are_refused_with_the_reason(typed, problem):
    with pytest.raises(BankDetailsInvalid) as refused:
        check_bank_details(account_holder="Eva Expert", iban=typed, bic="DEUTDEFF")

    assert refused.value.problems == {"iban": problem}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("DEUTDEFF", "DEUTDEFF"),
        ("deutdeff500", "DEUTDEFF500"),
        ("NBBEBEBB", "NBBEBEBB"),
        ("LJBA SI 2X", "LJBASI2X"),
        ("BKAUATWW", "BKAUATWW"),
    ],
)
def test_valid_bics(typed, stored):
    details = check_bank_details(
        account_holder="Eva Expert", iban="DE89370400440532013000", bic=typed
    )

    assert details.bic == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("DEUTDEF", "A BIC has 8 or 11 characters."),
        ("DEUTDEFF5", "A BIC has 8 or 11 characters."),
        ("DEUTXXFF", "This BIC does not name a known country (its 5th and 6th letters)."),
        ("DE!TDEFF", "A BIC is 4 letters or digits, a country code, and 2 or 5 letters or digits."),
        ("  ", "Give the BIC (SWIFT code) of the bank."),
    ],
)
def test_invalid_bics_are_refused_with_the_reason(typed, problem):
    with pytest.raises(BankDetailsInvalid) as refused:
        check_bank_details(account_holder="Eva Expert", iban="DE89370400440532013000", bic=typed)

    assert refused.value.problems == {"bic": problem}


def test_every_wrong_field_is_named_at_once_and_nothing_is_saved():
    user = UserFactory()

    with pytest.raises(BankDetailsInvalid) as refused:
        save_bank_details(user, actor=user, account_holder="  ", iban="DE00", bic="X")

    assert set(refused.value.problems) == {"account_holder", "iban", "bic"}
    assert BankAccount.objects.count() == 0


def raw_row(account):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT account_holder, iban, bic FROM events_bankaccount WHERE id = %s", [account.pk]
        )
        return cursor.fetchone()


def test_the_raw_columns_never_hold_the_bank_details():
    user = UserFactory(full_name="Eva Expert")

    account = save_bank_details(
        user,
        actor=user,
        account_holder="Eva Expert",
        iban="DE89 3704 0044 0532 0130 00",
        bic="DEUTDEFF",
    )

    holder, iban, bic = raw_row(account)
    assert "DE89370400440532013000" not in iban
    assert "3704" not in iban
    assert "Eva Expert" not in holder
    assert "DEUTDEFF" not in bic
    assert decrypt(iban) == "DE89370400440532013000"
    stored = BankAccount.objects.get(pk=account.pk)
    assert (stored.account_holder, stored.iban, stored.bic) == (
        "Eva Expert",
        "DE89370400440532013000",
        "DEUTDEFF",
    )


def test_the_audit_log_holds_the_iban_masked_only():
    user = UserFactory(full_name="Eva Expert")

    save_bank_details(
        user, actor=user, account_holder="Eva Expert", iban="DE89370400440532013000", bic="DEUTDEFF"
    )
    save_bank_details(
        user, actor=user, account_holder="Eva Expert", iban="GB82WEST12345698765432", bic="NWBKGB2L"
    )

    notes = list(ActivityLog.objects.order_by("pk").values_list("action", "note"))
    assert notes == [
        ("save_bank_details", f"Bank details of {user} entered: DE•• •••• •••• •••• ••30 00."),
        ("save_bank_details", f"Bank details of {user} changed: GB•• •••• •••• •••• ••54 32."),
    ]
    assert BankAccount.objects.get().iban == "GB82WEST12345698765432"


def test_masked_iban_shows_the_country_and_the_last_four_characters():
    assert masked_iban("SI56191000000123438") == "SI•• •••• •••• •••3 438"
    assert masked_iban("") == ""


def test_each_encryption_differs_and_an_old_key_still_decrypts():
    first, second = encrypt("DE89370400440532013000"), encrypt("DE89370400440532013000")
    assert first != second
    with override_settings(FIELD_ENCRYPTION_KEYS=[OTHER_KEY]):
        under_new_key = encrypt("GB82WEST12345698765432")
        with pytest.raises(ImproperlyConfigured):
            decrypt(first)
    from django.conf import settings

    with override_settings(FIELD_ENCRYPTION_KEYS=[OTHER_KEY, *settings.FIELD_ENCRYPTION_KEYS]):
        assert decrypt(first) == "DE89370400440532013000"
        assert decrypt(under_new_key) == "GB82WEST12345698765432"


def test_no_key_refuses_to_store_bank_details():
    user = UserFactory()

    with override_settings(FIELD_ENCRYPTION_KEYS=[]), pytest.raises(ImproperlyConfigured):
        save_bank_details(
            user, actor=user, account_holder="Eva", iban="DE89370400440532013000", bic="DEUTDEFF"
        )


def test_a_signed_link_names_its_institution_and_an_altered_one_nothing():
    host = InstitutionFactory()

    token = bank_details_token(host)

    assert institution_pk_from_token(token) == host.pk
    assert institution_pk_from_token(token[:-2] + ("xx" if token[-2:] != "xx" else "yy")) is None
    assert institution_pk_from_token("not-a-token") is None
    forged = signing.TimestampSigner(salt="another-salt").sign_object({"institution": host.pk})
    assert institution_pk_from_token(forged) is None
    assert LINK_SALT == "taiex.events.bank-details-link"


def test_an_erased_expert_loses_bank_details_and_the_name_in_their_audit(case_handler):
    from taiex.core.personal_data import exported_sections
    from taiex.experts.services.personal_data import erase_expert
    from tests.factories import ExpertFactory

    expert = ExpertFactory(user__full_name="Vesna Kranjc")
    user = expert.user
    save_bank_details(
        user, actor=user, account_holder="Vesna Kranjc", iban="SI56191000000123438", bic="LJBASI2X"
    )
    assert exported_sections(user)["bank_details"]["iban"] == "SI56191000000123438"

    erase_expert(expert, actor=case_handler)

    assert BankAccount.objects.count() == 0
    assert ActivityLog.objects.filter(note__contains="Vesna Kranjc").count() == 0
    assert exported_sections(user)["bank_details"] is None
