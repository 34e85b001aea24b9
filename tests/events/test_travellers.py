"""Participants who travel: who travels (the event's rule and the case handler's marking), their
statement (daily allowance by the dated rates and rules, refunds of approved receipts) through
every state of the experts' statements, the receipts' checks, the personal link with bank
details, the bank's answer, the cost page and who sees what."""

import io
import json
import re
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.events.models import BankAccount, FeeStatement, Participant, TravelReceipt
from taiex.events.queries.costs import cost_of_event
from taiex.events.queries.fees import is_travelling, travelling_participants
from taiex.events.services.errors import EventError
from taiex.events.services.fees import approve_statement, refresh_statements
from taiex.events.services.participants import erase_participant
from taiex.events.services.payments import (
    import_bank_answer,
    mark_paid,
    reject_statement,
    reopen_statement,
    send_for_payment,
)
from taiex.events.services.travellers import (
    decide_receipt,
    mark_travelling,
    participant_from_token,
    traveller_token,
    upload_receipt,
)
from taiex.reference.models import Country, FeeRule
from tests.factories import make_user
from tests.factories.money import SubsistenceRateFactory, TravelFactory
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db

D = Decimal
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
IBAN = "DE89370400440532013000"


@pytest.fixture(autouse=True)
def _own_private_dir(settings, tmp_path):
    """Files of this test only: other tests (the demo's) leave theirs in the shared directory."""
    settings.TAIEX_PRIVATE_DIR = tmp_path / "private"


def stored_receipts():
    root = Path(settings.TAIEX_PRIVATE_DIR) / "events"
    return sorted(
        str(path) for path in root.rglob("*") if path.is_file() and "/receipts/" in str(path)
    )


@pytest.fixture
def clean_storage():
    before = set(stored_receipts())
    yield
    for name in set(stored_receipts()) - before:
        Path(name).unlink()


@pytest.fixture
def serbian_rate(db):
    return SubsistenceRateFactory(daily_amount=D("100.00"))


@pytest.fixture
def multi(event):
    """The Serbian workshop (14-15 Apr 2026) shared with Albania: a multi-country event."""
    event.other_beneficiaries.add(Country.objects.get(code="AL"))
    return event


def participant_of(event, name, country="AL", **fields):
    return ParticipantFactory(
        event=event, full_name=name, country=Country.objects.get(code=country), **fields
    )


def travel_of(participant, **fields):
    """Out 13 Apr 2026 at 15:20, back 16 Apr 2026 landing 17:00, booked, 180 EUR."""
    values = {
        "outbound_date": date(2026, 4, 13),
        "outbound_departure": time(15, 20),
        "return_date": date(2026, 4, 16),
        "return_arrival": time(17, 0),
        "cost": D("180.00"),
        **fields,
    }
    return TravelFactory(
        event_expert=None, participant=participant, event=participant.event, **values
    )


def receipt_file(name="ticket.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def receipt(participant, amount, state="submitted", actor=None, kind="train"):
    made = upload_receipt(
        participant, actor=actor, kind=kind, amount=D(amount), upload=receipt_file()
    )
    if state != "submitted":
        decide_receipt(made, actor=actor, approve=state == "approved", reason="Not a ticket.")
    made.refresh_from_db()
    return made


@pytest.fixture
def anna(multi, serbian_rate, clean_storage):
    """An Albanian participant of the multi-country workshop, with booked travel."""
    participant = participant_of(multi, "Anna Albanian")
    travel_of(participant)
    return participant


def statement_of(participant):
    return FeeStatement.objects.get(participant=participant)


# Who travels


def test_the_events_rule_makes_participants_of_another_country_travel(multi):
    anna = participant_of(multi, "Anna Albanian")
    sasa = participant_of(multi, "Saša Serbian", country="RS")
    waiting = participant_of(multi, "Wanda Waiting", state="requested")

    assert [is_travelling(multi, p) for p in (anna, sasa, waiting)] == [True, False, False]
    assert list(travelling_participants(multi)) == [anna]


def test_a_single_country_workshop_has_no_traveller_by_rule(event):
    anna = participant_of(event, "Anna Albanian")

    assert is_travelling(event, anna) is False
    assert list(travelling_participants(event)) == []


def test_everyone_of_a_study_visit_travels(event):
    event.event_type = "study_visit"
    event.save()
    sasa = participant_of(event, "Saša Serbian", country="RS")

    assert is_travelling(event, sasa) is True
    assert list(travelling_participants(event)) == [sasa]


def test_the_case_handler_marks_who_travels_and_the_move_is_audited(multi, case_handler):
    sasa = participant_of(multi, "Saša Serbian", country="RS")
    anna = participant_of(multi, "Anna Albanian")

    mark_travelling(sasa, actor=case_handler, marking="travelling")
    mark_travelling(anna, actor=case_handler, marking="not_travelling")

    assert list(travelling_participants(multi)) == [sasa]
    assert (is_travelling(multi, sasa), is_travelling(multi, anna)) == (True, False)
    row = ActivityLog.objects.filter(object_id=str(sasa.pk), action="mark_travelling").get()
    assert (row.actor, row.from_state, row.to_state) == (case_handler, "automatic", "travelling")
    mark_travelling(sasa, actor=case_handler, marking="automatic")
    assert list(travelling_participants(multi)) == []


def test_marking_twice_the_same_is_refused(multi, case_handler):
    sasa = participant_of(multi, "Saša Serbian", country="RS")
    mark_travelling(sasa, actor=case_handler, marking="travelling")

    with pytest.raises(EventError, match=re.escape("Saša Serbian is already marked travelling.")):
        mark_travelling(sasa, actor=case_handler, marking="travelling")


def test_a_participant_not_approved_cannot_be_marked(multi, case_handler):
    waiting = participant_of(multi, "Wanda Waiting", state="requested")

    with pytest.raises(EventError, match="Only an approved participant"):
        mark_travelling(waiting, actor=case_handler, marking="travelling")
    assert Participant.objects.get(pk=waiting.pk).travel_marking == "automatic"


def test_marking_from_the_travel_page(client, multi, case_handler, same_team_case_handler):
    sasa = participant_of(multi, "Saša Serbian", country="RS")
    url = reverse("events:travel_marking", args=[multi.pk, sasa.pk])
    client.force_login(case_handler)

    page = client.get(reverse("events:logistics", args=[multi.pk])).content.decode()
    response = client.post(url, {"marking": "travelling"})

    assert 'id="marking-' in page
    assert response.status_code == 302
    assert Participant.objects.get(pk=sasa.pk).travel_marking == "travelling"
    client.force_login(make_user(Role.HEAD_OF_UNIT, full_name="Hugo Head"))
    assert client.post(url, {"marking": "automatic"}).status_code == 302
    client.force_login(make_user(Role.NCP, country="RS", full_name="Nina Ncp"))
    assert client.post(url, {"marking": "automatic"}).status_code == 403
    assert Participant.objects.get(pk=sasa.pk).travel_marking == "automatic"


# The computation


def test_allowance_for_each_day_away_and_refunds_to_the_cent(anna, case_handler):
    receipt(anna, "12.40", "approved", actor=case_handler)
    receipt(anna, "3.35", "approved", actor=case_handler, kind="local_transport")
    receipt(anna, "99.00", "refused", actor=case_handler)

    result = refresh_statements(anna.event, actor=case_handler)

    statement = statement_of(anna)
    assert (result.computed, result.problems) == (1, [])
    assert (statement.fee_total, statement.allowance_total, statement.refund_total) == (
        D("0.00"),
        D("400.00"),
        D("15.75"),
    )
    assert statement.total == D("415.75")
    assert [line["kind"] for line in statement.lines] == ["allowance"] * 4 + ["refund"] * 2
    assert statement.lines[4]["amount"] == "12.40"
    assert statement.lines[0]["label"] == "Daily allowance, 13 Apr 2026 (Serbia)"


def test_travel_days_follow_the_experts_rules_where_the_rules_say_so(anna, case_handler):
    FeeRule.objects.update(participant_travel_days=True)

    refresh_statements(anna.event, actor=case_handler)

    statement = statement_of(anna)
    assert {name: value for name, value in statement.lines[0].items() if name != "text"} == {
        "kind": "allowance",
        "label": "Daily allowance, 13 Apr 2026 (Serbia): outbound flight 15:20 after 14:00: "
        "half day",
        "quantity": "0.5",
        "rate": "100.00",
        "amount": "50.00",
        "is_demo": False,
    }
    assert statement.allowance_total == D("350.00")


def test_a_travel_day_not_counted_pays_nothing_and_deducts_nothing(
    multi, serbian_rate, case_handler
):
    FeeRule.objects.update(participant_travel_days=True)
    anna = participant_of(multi, "Anna Albanian")
    travel_of(anna, outbound_departure=time(19, 0), return_arrival=time(8, 0), hotel_nights=3)

    refresh_statements(multi, actor=case_handler)

    lines = statement_of(anna).lines
    assert [(line["kind"], line["amount"]) for line in lines if line["amount"] != "0.00"] == [
        ("allowance", "100.00"),
        ("deduction", "-50.00"),
        ("allowance", "100.00"),
        ("deduction", "-50.00"),
    ]
    assert statement_of(anna).allowance_total == D("100.00")


def test_the_rate_is_the_one_valid_on_each_day(multi, case_handler):
    SubsistenceRateFactory(
        daily_amount=D("100.01"), valid_from=date(2010, 1, 1), valid_to=date(2026, 4, 14)
    )
    SubsistenceRateFactory(daily_amount=D("120.00"), valid_from=date(2026, 4, 15))
    FeeRule.objects.update(participant_travel_days=True)
    anna = participant_of(multi, "Anna Albanian")
    travel_of(anna)

    refresh_statements(multi, actor=case_handler)

    amounts = [line["amount"] for line in statement_of(anna).lines]
    # 13 Apr half of 100.01 rounds half up to 50.01; 14 Apr 100.01; 15-16 Apr at 120.00.
    assert amounts == ["50.01", "100.01", "120.00", "120.00"]
    assert statement_of(anna).total == D("390.02")


def test_no_allowance_for_an_online_event_but_receipts_are_refunded(anna, case_handler):
    anna.event.modality = "online"
    anna.event.save()
    receipt(anna, "7.10", "approved", actor=case_handler)

    refresh_statements(anna.event, actor=case_handler)

    statement = statement_of(anna)
    assert statement.lines[0]["label"] == "No daily allowance: the event is held online."
    assert (statement.allowance_total, statement.total) == (D("0.00"), D("7.10"))


def test_the_statement_goes_when_the_participant_no_longer_travels(anna, case_handler):
    refresh_statements(anna.event, actor=case_handler)
    mark_travelling(anna, actor=case_handler, marking="not_travelling")

    result = refresh_statements(anna.event, actor=case_handler)

    assert result.removed == 1
    assert not FeeStatement.objects.filter(participant=anna).exists()


def test_a_statement_has_exactly_one_payee(anna, case_handler):
    refresh_statements(anna.event, actor=case_handler)
    statement = statement_of(anna)

    with pytest.raises(IntegrityError), transaction.atomic():
        FeeStatement.objects.filter(pk=statement.pk).update(
            host_institution=anna.event.application.lead_institution
        )


# The states


def test_every_move_of_a_participant_statement(anna, case_handler, finance):
    from taiex.events.services.bank_details import save_bank_details

    refresh_statements(anna.event, actor=case_handler)
    statement = statement_of(anna)

    approve_statement(statement, actor=case_handler)
    assert statement_of(anna).state == "approved"
    assert statement_of(anna).payment_reference.startswith("PAY-")
    with pytest.raises(EventError, match="Anna Albanian has not entered bank details yet"):
        send_for_payment(statement_of(anna), actor=finance)
    save_bank_details(anna, actor=None, account_holder="Anna Albanian", iban=IBAN, bic="COBADEFF")
    send_for_payment(statement_of(anna), actor=finance)
    assert statement_of(anna).state == "sent_for_payment"
    reject_statement(statement_of(anna), actor=finance, reason="Wrong account holder.")
    assert statement_of(anna).state == "rejected"
    reopen_statement(statement_of(anna), actor=case_handler)
    assert statement_of(anna).state == "draft"
    approve_statement(statement_of(anna), actor=case_handler)
    send_for_payment(statement_of(anna), actor=finance)
    mark_paid(statement_of(anna), actor=finance, paid_on=timezone.localdate())
    assert statement_of(anna).state == "paid"
    moves = list(
        ActivityLog.objects.filter(
            object_id=str(statement.pk), content_type__model="feestatement"
        ).values_list("to_state", flat=True)
    )
    assert moves == [
        "approved",
        "sent_for_payment",
        "rejected",
        "draft",
        "approved",
        "sent_for_payment",
        "paid",
    ]


def test_approval_is_refused_while_a_receipt_waits(anna, case_handler):
    receipt(anna, "5.00")
    refresh_statements(anna.event, actor=case_handler)

    with pytest.raises(EventError, match="Anna Albanian has receipts still to be checked"):
        approve_statement(statement_of(anna), actor=case_handler)
    assert statement_of(anna).state == "draft"


def test_approval_is_refused_when_an_approved_receipt_is_not_yet_on_the_statement(
    anna, case_handler
):
    refresh_statements(anna.event, actor=case_handler)
    receipt(anna, "5.00", "approved", actor=case_handler)

    with pytest.raises(EventError, match="is out of date"):
        approve_statement(statement_of(anna), actor=case_handler)


def test_approval_is_refused_without_travel(multi, serbian_rate, case_handler):
    anna = participant_of(multi, "Anna Albanian")
    refresh_statements(multi, actor=case_handler)

    with pytest.raises(EventError, match="The travel of Anna Albanian is not recorded"):
        approve_statement(statement_of(anna), actor=case_handler)


def test_approval_is_refused_when_the_participant_no_longer_travels(anna, case_handler):
    refresh_statements(anna.event, actor=case_handler)
    Participant.objects.filter(pk=anna.pk).update(travel_marking="not_travelling")

    with pytest.raises(EventError, match="no longer a travelling participant"):
        approve_statement(statement_of(anna), actor=case_handler)


def test_the_bank_answer_marks_a_participant_statement_paid(anna, case_handler, finance):
    from taiex.events.services.bank_details import save_bank_details

    save_bank_details(anna, actor=None, account_holder="Anna Albanian", iban=IBAN, bic="COBADEFF")
    refresh_statements(anna.event, actor=case_handler)
    approve_statement(statement_of(anna), actor=case_handler)
    send_for_payment(statement_of(anna), actor=finance)
    reference = statement_of(anna).payment_reference

    paid = import_bank_answer(
        f"reference,paid_on,bank_reference\n{reference},2026-04-30,TRX-9\n".encode(),
        actor=finance,
    )

    statement = statement_of(anna)
    assert paid == [statement]
    assert (statement.state, statement.paid_on, statement.bank_reference) == (
        "paid",
        date(2026, 4, 30),
        "TRX-9",
    )


def test_the_payment_list_has_the_participant(client, anna, case_handler, finance):
    from openpyxl import load_workbook

    from taiex.events.services.bank_details import save_bank_details

    save_bank_details(anna, actor=None, account_holder="Anna Albanian", iban=IBAN, bic="COBADEFF")
    receipt(anna, "12.40", "approved", actor=case_handler)
    refresh_statements(anna.event, actor=case_handler)
    approve_statement(statement_of(anna), actor=case_handler)
    client.force_login(finance)

    response = client.get(reverse("events:payments_xlsx"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[2][:8] == (
        "WS-2026-0042",
        "Anna Albanian",
        "Participant",
        "Albania",
        0,
        400,
        12.4,
        412.4,
    )
    assert rows[2][-3:] == ("Anna Albanian", "DE89 3704 0044 0532 0130 00", "COBADEFF")


# The cost page


def test_the_cost_of_the_event_adds_participants_to_the_cent(anna, case_handler, finance):
    other = participant_of(anna.event, "Arben Albanian")
    travel_of(other, cost=D("99.99"))
    receipt(anna, "12.40", "approved", actor=case_handler)
    receipt(other, "0.35", "approved", actor=case_handler)
    refresh_statements(anna.event, actor=case_handler)
    approve_statement(statement_of(anna), actor=case_handler)
    FeeStatement.objects.filter(participant=anna).update(state="paid")

    cost = cost_of_event(anna.event)

    planned = {line.kind: line.planned for line in cost.lines}
    actual = {line.kind: line.actual for line in cost.lines}
    assert (planned["participant_allowances"], planned["refunds"], planned["travel"]) == (
        D("800.00"),
        D("12.75"),
        D("279.99"),
    )
    assert (actual["participant_allowances"], actual["refunds"]) == (D("400.00"), D("12.40"))
    assert (planned["allowances"], cost.planned_total, cost.difference) == (
        D("0.00"),
        D("1092.74"),
        D("680.34"),
    )


def test_the_cost_page_shows_the_participants_kinds(client, anna, case_handler):
    receipt(anna, "12.40", "approved", actor=case_handler)
    refresh_statements(anna.event, actor=case_handler)
    client.force_login(case_handler)

    page = client.get(reverse("events:event_cost", args=[anna.event.pk])).content.decode()

    assert "Participants&#x27; daily allowances" in page
    assert "592.40" in page  # allowance 400.00 + refunds 12.40 + travel 180.00


# Receipts


def test_a_receipt_of_each_type_is_stored(anna):
    for name, content, content_type in [
        ("ticket.pdf", PDF, "application/pdf"),
        ("bus.JPG", JPEG, "image/jpeg"),
        ("metro.png", PNG, "image/png"),
    ]:
        made = upload_receipt(
            anna, actor=None, kind="train", amount="4.20", upload=receipt_file(name, content)
        )
        assert (made.content_type, made.amount, made.uploaded_by) == (content_type, D("4.20"), None)
    assert TravelReceipt.objects.filter(participant=anna).count() == 3


@pytest.mark.parametrize(
    ("name", "content", "field", "message"),
    [
        ("ticket.gif", b"GIF89a", "file", "“ticket.gif” is not an allowed type: upload a PDF, "),
        ("ticket.pdf", PNG, "file", "The content of “ticket.pdf” is not a PDF file."),
        ("photo.jpg", PDF, "file", "The content of “photo.jpg” is not a JPG file."),
        ("empty.png", b"", "file", "“empty.png” is empty."),
    ],
)
def test_a_bad_receipt_file_is_refused_and_nothing_stored(anna, name, content, field, message):
    with pytest.raises(EventError) as refused:
        upload_receipt(
            anna, actor=None, kind="train", amount="4.20", upload=receipt_file(name, content)
        )

    assert (refused.value.field, str(refused.value).startswith(message)) == (field, True)
    assert TravelReceipt.objects.count() == 0
    assert stored_receipts() == []


def test_a_receipt_above_the_size_limit_is_refused(anna):
    big = receipt_file("ticket.pdf", PDF + b"0" * (10 * 1024 * 1024))

    with pytest.raises(
        EventError, match=re.escape("is 10.0 MB; a receipt may have at most 10.0 MB.")
    ):
        upload_receipt(anna, actor=None, kind="train", amount="4.20", upload=big)
    assert TravelReceipt.objects.count() == 0


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "The amount must be more than 0."),
        ("5000.01", "A receipt refunds at most 5000.00"),
        ("NaN", "Give the amount in euros, such as 12.40."),
        ("twelve", "Give the amount in euros, such as 12.40."),
    ],
)
def test_the_amount_is_checked(anna, amount, message):
    with pytest.raises(EventError, match=message):
        upload_receipt(anna, actor=None, kind="train", amount=amount, upload=receipt_file())
    assert TravelReceipt.objects.count() == 0


def test_no_receipt_for_a_participant_who_does_not_travel(multi, clean_storage):
    sasa = participant_of(multi, "Saša Serbian", country="RS")

    with pytest.raises(EventError, match="does not travel at the programme's cost"):
        upload_receipt(sasa, actor=None, kind="train", amount="4.20", upload=receipt_file())


def test_a_refusal_needs_a_reason_and_a_receipt_is_decided_once(anna, case_handler):
    made = receipt(anna, "4.20")

    with pytest.raises(EventError, match=re.escape("Say why the receipt is refused.")):
        decide_receipt(made, actor=case_handler, approve=False, reason=" ")
    decide_receipt(made, actor=case_handler, approve=True)
    with pytest.raises(EventError, match=re.escape("The receipt is approved already.")):
        decide_receipt(TravelReceipt.objects.get(pk=made.pk), actor=case_handler, approve=False,
                       reason="Late.")  # fmt: skip


def test_receipts_cannot_change_once_the_statement_is_approved(anna, case_handler):
    refresh_statements(anna.event, actor=case_handler)
    approve_statement(statement_of(anna), actor=case_handler)
    anna.refresh_from_db()

    with pytest.raises(EventError, match="The statement is approved already"):
        upload_receipt(anna, actor=None, kind="train", amount="4.20", upload=receipt_file())


def test_staff_upload_with_a_bad_file_gets_a_form_error(client, anna, case_handler):
    client.force_login(case_handler)
    url = reverse("events:traveller", args=[anna.event.pk, anna.pk])

    response = client.post(
        url, {"kind": "train", "amount": "4.20", "file": receipt_file("ticket.exe", b"MZ")}
    )

    assert response.status_code == 400
    assert response.context["receipt_form"].errors == {
        "file": ["“ticket.exe” is not an allowed type: upload a PDF, JPEG or PNG file."]
    }
    assert TravelReceipt.objects.count() == 0


def test_staff_upload_approve_and_refuse_from_the_page(client, anna, case_handler):
    client.force_login(case_handler)
    url = reverse("events:traveller", args=[anna.event.pk, anna.pk])

    response = client.post(url, {"kind": "train", "amount": "4.20", "file": receipt_file()})
    made = TravelReceipt.objects.get()
    refused = client.post(
        reverse("events:receipt_decide", args=[anna.event.pk, anna.pk, made.pk, "refuse"]),
        {"reason": ""},
    )
    approved = client.post(
        reverse("events:receipt_decide", args=[anna.event.pk, anna.pk, made.pk, "approve"])
    )

    assert response.status_code == 302
    assert made.uploaded_by == case_handler
    assert refused.status_code == 400
    assert approved.status_code == 302
    made.refresh_from_db()
    assert (made.state, made.decided_by) == ("approved", case_handler)


# Who sees what


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("case_handler", 200),
        ("same_team_case_handler", 200),
        ("head_of_unit", 200),
        ("finance", 200),
        ("other_team_case_handler", 404),
        ("applicant", 404),
        ("ncp", 404),
        ("expert", 404),
    ],
)
def test_only_the_team_head_of_unit_and_finance_see_receipts_and_statements(
    request, client, anna, case_handler, who, status
):
    made = receipt(anna, "4.20")
    refresh_statements(anna.event, actor=case_handler)
    client.force_login(request.getfixturevalue(who))
    event = anna.event

    pages = [
        reverse("events:traveller", args=[event.pk, anna.pk]),
        reverse("events:receipt_file", args=[event.pk, anna.pk, made.pk]),
        reverse("events:statement", args=[event.pk, statement_of(anna).pk]),
    ]

    assert [client.get(page).status_code for page in pages] == [status] * 3


def test_finance_may_read_but_not_decide_receipts(client, anna, finance):
    made = receipt(anna, "4.20")
    client.force_login(finance)

    response = client.post(
        reverse("events:receipt_decide", args=[anna.event.pk, anna.pk, made.pk, "approve"])
    )

    assert response.status_code == 403
    assert TravelReceipt.objects.get(pk=made.pk).state == "submitted"


def test_a_participant_who_does_not_travel_has_no_page(client, multi, case_handler):
    sasa = participant_of(multi, "Saša Serbian", country="RS")
    client.force_login(case_handler)

    response = client.get(reverse("events:traveller", args=[multi.pk, sasa.pk]))

    assert response.status_code == 404


# The personal link


def test_the_link_is_sent_by_mail_and_logged(client, anna, case_handler):
    from taiex.core.models import OutboxMessage

    client.force_login(case_handler)

    client.post(reverse("events:traveller_link", args=[anna.event.pk, anna.pk]))

    mail = OutboxMessage.objects.get()
    assert mail.to_address == anna.email
    assert reverse("events:own_travel_costs", args=[traveller_token(anna)]) in mail.body
    assert ActivityLog.objects.filter(action="send_traveller_link", actor=case_handler).exists()


def test_the_participant_uploads_enters_bank_details_and_sees_the_state(client, anna, case_handler):
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    upload = client.post(
        url, {"part": "receipt", "kind": "train", "amount": "12.40", "file": receipt_file()}
    )
    bank = client.post(
        url, {"part": "bank", "account_holder": "Anna Albanian", "iban": IBAN, "bic": "COBADEFF"}
    )
    decide_receipt(TravelReceipt.objects.get(), actor=case_handler, approve=True)
    refresh_statements(anna.event, actor=case_handler)
    approve_statement(statement_of(anna), actor=case_handler)
    page = client.get(url).content.decode()

    assert (upload.status_code, bank.status_code) == (302, 302)
    assert TravelReceipt.objects.get().uploaded_by is None
    account = BankAccount.objects.get(participant=anna)
    assert (account.iban, account.entered_by) == (IBAN, None)
    assert "412.40\u00a0EUR" in page
    assert "Approved" in page
    assert "DE•• •••• •••• •••• ••30 00" in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT iban FROM events_bankaccount WHERE id = %s", [account.pk])
        assert IBAN not in cursor.fetchone()[0]


def test_bad_bank_details_through_the_link_are_named_and_nothing_saved(client, anna):
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    response = client.post(
        url,
        {"part": "bank", "account_holder": "Anna", "iban": "DE89370400440532013001", "bic": "X"},
    )

    assert response.status_code == 400
    assert set(response.context["bank_form"].errors) == {"iban", "bic"}
    assert not BankAccount.objects.exists()


def test_a_bad_receipt_through_the_link_is_a_form_error(client, anna):
    url = reverse("events:own_travel_costs", args=[traveller_token(anna)])

    response = client.post(
        url,
        {"part": "receipt", "kind": "train", "amount": "4", "file": receipt_file("a.pdf", PNG)},
    )

    assert response.status_code == 400
    assert response.context["receipt_form"].errors == {
        "file": ["The content of “a.pdf” is not a PDF file."]
    }
    assert not TravelReceipt.objects.exists()


def test_the_link_is_refused_when_altered_erased_or_not_travelling(client, anna, case_handler):
    token = traveller_token(anna)

    assert participant_from_token(token) == anna
    assert client.get(reverse("events:own_travel_costs", args=[token + "x"])).status_code == 404
    mark_travelling(anna, actor=case_handler, marking="not_travelling")
    assert client.get(reverse("events:own_travel_costs", args=[token])).status_code == 404


def test_the_link_ends_a_year_after_the_event(client, anna):
    token = traveller_token(anna)
    event = anna.event
    event.start_date = event.end_date = timezone.localdate() - timedelta(days=365)
    event.save()
    assert client.get(reverse("events:own_travel_costs", args=[token])).status_code == 200

    event.start_date = event.end_date = timezone.localdate() - timedelta(days=366)
    event.save()
    assert client.get(reverse("events:own_travel_costs", args=[token])).status_code == 404


def test_another_participants_receipt_is_not_found_through_a_link(anna, client):
    other = participant_of(anna.event, "Arben Albanian")
    made = receipt(other, "4.20")

    response = client.get(reverse("events:own_receipt_file", args=[traveller_token(anna), made.pk]))

    assert response.status_code == 404


# Personal data


def test_the_participant_export_has_statement_receipts_and_bank_details(client, anna, case_handler):
    from taiex.events.services.bank_details import save_bank_details

    save_bank_details(anna, actor=None, account_holder="Anna Albanian", iban=IBAN, bic="COBADEFF")
    receipt(anna, "12.40", "approved", actor=case_handler)
    refresh_statements(anna.event, actor=case_handler)
    client.force_login(case_handler)

    response = client.get(reverse("events:participant_data", args=[anna.event.pk, anna.pk]))

    registration = json.loads(response.content)["registrations"][0]
    assert registration["travel_statement"]["total"] == "412.40"
    assert [(r["amount"], r["state"]) for r in registration["receipts"]] == [("12.40", "approved")]
    assert registration["bank_details"]["iban"] == "DE•• •••• •••• •••• ••30 00"


def test_erasure_removes_bank_details_and_receipt_files_and_keeps_the_amounts(
    anna, case_handler, django_capture_on_commit_callbacks
):
    from taiex.events.services.bank_details import save_bank_details

    save_bank_details(anna, actor=None, account_holder="Anna Albanian", iban=IBAN, bic="COBADEFF")
    made = receipt(anna, "12.40", "approved", actor=case_handler)
    refresh_statements(anna.event, actor=case_handler)
    Participant.objects.filter(pk=anna.pk).update(state="cancelled")
    anna.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        erase_participant(anna, actor=case_handler, reason="At the person's request.")

    made.refresh_from_db()
    assert not BankAccount.objects.exists()
    assert (made.file.name, made.original_name, made.amount) == ("", "(erased)", D("12.40"))
    assert stored_receipts() == []
    assert statement_of(anna).refund_total == D("12.40")
    assert not ActivityLog.objects.filter(note__contains="Anna Albanian").exists()


def test_the_case_handlers_home_names_the_participant_payee(anna, case_handler):
    from taiex.portal.homes.casework import payee

    refresh_statements(anna.event, actor=case_handler)

    assert payee(statement_of(anna)) == "Anna Albanian"


def test_the_fees_page_lists_the_participant_and_names_who_has_no_statement(
    client, multi, serbian_rate, case_handler
):
    anna = participant_of(multi, "Anna Albanian")
    travel_of(anna)
    participant_of(multi, "Arben Albanian")  # no travel: no rate problem, a note line
    refresh_statements(multi, actor=case_handler)
    FeeStatement.objects.filter(participant__full_name="Arben Albanian").delete()
    client.force_login(case_handler)

    page = client.get(reverse("events:fees", args=[multi.pk])).content.decode()

    assert (
        'Anna Albanian <span class="muted">(travelling participant, '
        '<span class="country">Albania</span>)</span>'
    ) in page
    assert "No statement yet for: Arben Albanian." in page
