"""Pages of the payment: who may move a statement after approval, the forms' errors, the bank's
answer, the payees' bank details (the expert's own page, the host's signed link) shown masked
except to the role that pays, and the payee seeing the state of their statements."""

import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.events.models import BankAccount, FeeStatement, HostAgreement
from taiex.events.services.bank_details import bank_details_token, save_bank_details
from taiex.events.services.fees import approve_statement, refresh_statements
from taiex.events.services.payments import send_for_payment
from taiex.reference.models import Country
from tests.events.fees_fixtures import expert_on, serbian_rate_fixture  # noqa: F401 (fixture)
from tests.factories import InstitutionFactory, make_user

pytestmark = pytest.mark.django_db

IBAN = "SI56191000000123438"


@pytest.fixture
def eva(event, case_handler, serbian_rate):
    """Eva's statement, approved, with her bank details entered."""
    invitation = expert_on(event, "Eva Expert")
    user = invitation.expert.user
    save_bank_details(user, actor=user, account_holder="Eva Expert", iban=IBAN, bic="LJBASI2X")
    refresh_statements(event, actor=case_handler)
    statement = FeeStatement.objects.get(event_expert=invitation)
    approve_statement(statement, actor=case_handler)
    statement.refresh_from_db()
    return statement


@pytest.fixture
def people(
    applicant,
    case_handler,
    same_team_case_handler,
    other_team_case_handler,
    head_of_unit,
    administrator,
    finance,
):
    return {
        "applicant": applicant,
        "case_handler": case_handler,
        "same_team_case_handler": same_team_case_handler,
        "other_team_case_handler": other_team_case_handler,
        "head_of_unit": head_of_unit,
        "administrator": administrator,
        "finance": finance,
    }


# Who pays: finance and the head of unit; those who see the money but do not pay get 403;
# everyone else 404.
PAY = {
    "applicant": 404,
    "other_team_case_handler": 404,
    "case_handler": 403,
    "same_team_case_handler": 403,
    "administrator": 403,
    "head_of_unit": 302,
    "finance": 302,
}


@pytest.mark.parametrize("who", [None, *PAY])
def test_send_for_payment_permission_matrix_and_denied_changes_nothing(
    client, event, eva, people, who
):
    if who:
        client.force_login(people[who])

    response = client.post(reverse("events:statement_send", args=[event.pk, eva.pk]))

    state = FeeStatement.objects.get(pk=eva.pk).state
    if who is None:
        assert (response.status_code, state) == (302, "approved")
        assert response["Location"].startswith(reverse("accounts:login"))
    elif PAY[who] == 302:
        assert (response.status_code, state) == (302, "sent_for_payment")
    else:
        assert (response.status_code, state) == (PAY[who], "approved")


@pytest.mark.parametrize("who", list(PAY))
def test_reject_permission_matrix(client, event, eva, people, who):
    client.force_login(people[who])

    response = client.post(
        reverse("events:statement_reject", args=[event.pk, eva.pk]), {"reason": "Wrong IBAN."}
    )

    statement = FeeStatement.objects.get(pk=eva.pk)
    expected = ("rejected", "Wrong IBAN.") if PAY[who] == 302 else ("approved", "")
    assert (response.status_code, (statement.state, statement.rejection_reason)) == (
        PAY[who],
        expected,
    )


@pytest.mark.parametrize(
    ("who", "status", "state"),
    [("finance", 403, "rejected"), ("other_team_case_handler", 404, "rejected"),
     ("case_handler", 302, "draft"), ("same_team_case_handler", 302, "draft")],
)  # fmt: skip
def test_reopen_is_for_who_manages_the_event(
    client, event, eva, people, head_of_unit, who, status, state
):
    client.force_login(head_of_unit)
    client.post(reverse("events:statement_reject", args=[event.pk, eva.pk]), {"reason": "No."})
    client.force_login(people[who])

    response = client.post(reverse("events:statement_reopen", args=[event.pk, eva.pk]))

    assert (response.status_code, FeeStatement.objects.get(pk=eva.pk).state) == (status, state)


def test_finance_sends_and_marks_paid_and_the_expert_sees_it(client, event, eva, finance):
    client.force_login(finance)
    client.post(reverse("events:statement_send", args=[event.pk, eva.pk]))

    response = client.post(
        reverse("events:statement_paid", args=[event.pk, eva.pk]),
        {"paid_on": "2026-05-04", "bank_reference": "TRF-88123"},
        follow=True,
    )

    assert "The statement is marked paid." in response.content.decode()
    client.force_login(eva.event_expert.expert.user)
    listing = client.get(reverse("events:my_statements")).content.decode()
    own = client.get(reverse("events:my_statement", args=[event.pk])).content.decode()
    assert "Paid</span> on 4 May 2026" in listing
    assert f"Paid on 4 May 2026, reference {eva.payment_reference}." in own


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"paid_on": "2026-13-01"}, {"paid_on": ["Enter a valid date."]}),
        ({"paid_on": "2999-01-01"}, {"paid_on": ["The payment date cannot be in the future."]}),
    ],
)
def test_mark_paid_errors_are_on_the_form_and_nothing_changes(
    client, event, eva, finance, data, errors
):
    send_for_payment(eva, actor=finance)
    client.force_login(finance)

    response = client.post(reverse("events:statement_paid", args=[event.pk, eva.pk]), data)

    assert response.status_code == 400
    assert response.context["paid_form"].errors == errors
    assert FeeStatement.objects.get(pk=eva.pk).state == "sent_for_payment"


def test_a_rejection_without_reason_is_a_form_error(client, event, eva, finance):
    client.force_login(finance)

    response = client.post(reverse("events:statement_reject", args=[event.pk, eva.pk]), {})

    assert response.status_code == 400
    assert response.context["reject_form"].errors == {"reason": ["This field is required."]}
    assert FeeStatement.objects.get(pk=eva.pk).state == "approved"


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("finance", "SI56 1910 0000 0123 438", None),
        ("head_of_unit", "SI56 1910 0000 0123 438", None),
        ("case_handler", "SI•• •••• •••• •••3 438", "SI56 1910"),
        ("administrator", "SI•• •••• •••• •••3 438", "SI56 1910"),
    ],
)
def test_bank_details_are_masked_except_for_the_role_that_pays(
    client, event, eva, people, who, shown, hidden
):
    client.force_login(people[who])

    page = client.get(reverse("events:statement", args=[event.pk, eva.pk])).content.decode()
    workbook = client.get(reverse("events:payment_list", args=[event.pk]))

    assert shown in page
    rows = list(load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True))
    if hidden is None:
        assert rows[1][-3:] == ("Account holder", "IBAN", "BIC")
        assert rows[2][-3:] == ("Eva Expert", "SI56 1910 0000 0123 438", "LJBASI2X")
    else:
        assert hidden not in page
        assert (rows[1][-1], rows[2][-1]) == ("Bank details", "entered")
        assert IBAN not in str(rows)


# The bank's answer


@pytest.mark.parametrize("who", ["case_handler", "administrator", "applicant"])
def test_the_bank_answer_page_is_only_for_who_pays(client, people, who):
    client.force_login(people[who])

    assert client.get(reverse("events:bank_answer")).status_code == 404


def upload(client, text):
    file = io.BytesIO(text.encode())
    file.name = "answer.csv"
    return client.post(reverse("events:bank_answer"), {"file": file})


def test_importing_the_bank_answer_marks_paid(client, event, eva, finance):
    send_for_payment(eva, actor=finance)
    client.force_login(finance)

    response = upload(client, f"reference,paid_on\n{eva.payment_reference},2026-05-04\n")

    assert response.status_code == 302
    assert FeeStatement.objects.get(pk=eva.pk).state == "paid"


def test_a_bad_bank_answer_lists_each_problem_and_changes_nothing(client, event, eva, finance):
    send_for_payment(eva, actor=finance)
    client.force_login(finance)

    response = upload(
        client,
        f"reference,paid_on\n{eva.payment_reference},2026-05-04\nPAY-1999-00001,2026-05-04\n"
        f"{eva.payment_reference},2026-05-04\n",
    )

    assert response.status_code == 400
    assert response.context["problems"] == [
        f"Line 4 ({eva.payment_reference}): the reference is already on line 2.",
    ]
    assert "Nothing was marked paid" in response.content.decode()
    assert FeeStatement.objects.get(pk=eva.pk).state == "sent_for_payment"


# Bank details entered by the payee


def test_an_expert_enters_bank_details_and_sees_them_masked(client):
    expert = make_user(Role.EXPERT, full_name="Eva Expert")
    client.force_login(expert)

    response = client.post(
        reverse("events:my_bank_details"),
        {"account_holder": "Eva Expert", "iban": "si56 1910 0000 0123 438", "bic": "ljbasi2x"},
        follow=True,
    )

    assert "Your bank details are saved." in response.content.decode()
    assert "SI•• •••• •••• •••3 438" in response.content.decode()
    account = BankAccount.objects.get(user=expert)
    assert (account.iban, account.bic, account.entered_by) == (IBAN, "LJBASI2X", expert)


def test_a_wrong_iban_is_a_form_error_and_nothing_is_saved(client):
    expert = make_user(Role.EXPERT)
    client.force_login(expert)

    response = client.post(
        reverse("events:my_bank_details"),
        {"account_holder": "Eva Expert", "iban": "SI56 1910 0000 0123 439", "bic": "LJBASI2X"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "iban": ["This IBAN's check digits are wrong: a character is mistyped."]
    }
    assert BankAccount.objects.count() == 0


@pytest.mark.parametrize("role", [Role.CASE_HANDLER, Role.APPLICANT, Role.FINANCE])
def test_the_own_bank_details_page_is_for_experts(client, role):
    client.force_login(make_user(role))

    assert client.get(reverse("events:my_bank_details")).status_code == 404


@pytest.fixture
def host_statement(event, case_handler):
    host = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    event.event_type = "study_visit"
    event.host_institution = host
    event.save()
    HostAgreement.objects.create(event=event, institution=host, state="agreed")
    refresh_statements(event, actor=case_handler)
    return FeeStatement.objects.get(host_institution=host)


def test_the_case_handler_sends_the_host_a_link_that_saves_its_bank_details(
    client, event, case_handler, host_statement, django_capture_on_commit_callbacks
):
    client.force_login(case_handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:statement_bank_link", args=[event.pk, host_statement.pk]),
            {"email": "finance@mnz.gov.si"},
        )
    assert response.status_code == 302
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["finance@mnz.gov.si"], "[taiex] Bank details for the payment of WS-2026-0042")
    ]
    path = re.search(r"/events/bank-details/\S+/", mail.outbox[0].body).group(0)
    client.logout()

    page = client.get(path)
    response = client.post(
        path,
        {"account_holder": "Ministry of the Interior", "iban": IBAN, "bic": "BSLJSI2X"},
        follow=True,
    )

    assert "Bank details of Slovenian Ministry of the Interior" in page.content.decode()
    assert "To be approved" in page.content.decode()  # the host sees its statement's state
    assert "Your bank details are saved." in response.content.decode()
    account = BankAccount.objects.get(institution=host_statement.host_institution)
    assert (account.iban, account.entered_by) == (IBAN, None)
    assert ActivityLog.objects.filter(action="send_bank_details_link").count() == 1


def test_an_altered_link_is_not_found(client, host_statement):
    token = bank_details_token(host_statement.host_institution)

    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    response = client.get(reverse("events:bank_details_by_link", args=[altered]))

    assert response.status_code == 404


def test_finance_cannot_send_the_bank_details_link(client, event, finance, host_statement):
    client.force_login(finance)

    response = client.post(
        reverse("events:statement_bank_link", args=[event.pk, host_statement.pk]),
        {"email": "finance@mnz.gov.si"},
    )

    assert response.status_code == 403
    assert ActivityLog.objects.filter(action="send_bank_details_link").count() == 0


def test_finance_sends_every_approved_statement_and_is_told_who_lacks_bank_details(
    client, event, eva, case_handler, finance
):
    ivan = expert_on(event, "Ivan Expert")
    refresh_statements(event, actor=case_handler)
    approve_statement(FeeStatement.objects.get(event_expert=ivan), actor=case_handler)
    client.force_login(finance)

    response = client.post(reverse("events:send_all_for_payment"), follow=True)

    page = response.content.decode()
    assert "1 statement sent for payment." in page
    assert (
        "Ivan Expert has not entered bank details yet: the statement cannot be sent for payment."
        in page
    )
    assert dict(
        FeeStatement.objects.values_list("event_expert__expert__user__full_name", "state")
    ) == {"Eva Expert": "sent_for_payment", "Ivan Expert": "approved"}


@pytest.mark.parametrize("who", ["case_handler", "administrator"])
def test_only_who_pays_sends_the_whole_list(client, eva, people, who):
    client.force_login(people[who])

    response = client.post(reverse("events:send_all_for_payment"))

    assert response.status_code == 404
    assert FeeStatement.objects.get(pk=eva.pk).state == "approved"
