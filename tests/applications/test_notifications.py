"""Who gets an e-mail when a request moves, and what it says (sent after the commit)."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.enums import Criterion
from taiex.applications.workflow import TransitionNotAllowed
from taiex.events.services.decisions import decide_application
from tests.factories import make_user, submittable_application


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def emails(*users):
    return sorted(user.email for user in users)


def body_for(user):
    [message] = [message for message in mail.outbox if message.to == [user.email]]
    return message.body


@pytest.fixture
def second_ncp(db):
    return make_user(Role.NCP, country="RS", full_name="Nada NCP Serbia")


def test_submit_application_emails_the_ncps_of_the_country_only(
    applicant, ncp, second_ncp, ncp_albania, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, actor=applicant)

    assert recipients() == emails(ncp, second_ncp)
    assert {message.subject for message in mail.outbox} == {
        f"[taiex] {application.reference} {application.title}: submitted for your check"
    }


def test_submit_application_emails_a_colleague_of_the_applicant(
    applicant, ncp, django_capture_on_commit_callbacks
):
    institution = applicant.memberships.get().institution
    colleague = make_user(Role.APPLICANT, institution=institution)
    application = submittable_application(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(application, actor=applicant)

    assert recipients() == emails(ncp, colleague)


def test_return_application_emails_the_applicant_with_the_reason(
    applicant, ncp, ncp_albania, django_capture_on_commit_callbacks
):
    application = services.submit_application(submittable_application(applicant), actor=applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.return_application(application, actor=ncp, reason="Add the draft agenda.")

    assert recipients() == emails(applicant)
    [message] = mail.outbox
    assert message.subject == (
        f"[taiex] {application.reference} {application.title}: returned for correction"
    )
    path = reverse("applications:detail", args=[application.pk])
    assert message.body == (
        "Dear Ana Applicant,\n"
        "\n"
        f'The request for assistance {application.reference} "{application.title}" '
        "was returned to the applicant for correction.\n"
        "\n"
        "Nikola NCP Serbia wrote:\n"
        "Add the draft agenda.\n"
        "\n"
        "Current state: Returned for correction\n"
        "\n"
        f"Open the request: {settings.TAIEX_SITE_URL}{path}\n"
        "\n"
        "--\n"
        "taiex, technical assistance and information exchange\n"
        "\n"
    )


def test_forward_application_emails_applicant_consultees_and_the_team(
    applicant, ncp, case_handler, consultees, django_capture_on_commit_callbacks
):
    other_team = make_user(Role.CASE_HANDLER, team="etet")
    application = services.submit_application(submittable_application(applicant), actor=applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.forward_application(application, actor=ncp)

    assert other_team.email not in recipients()
    assert recipients() == emails(applicant, case_handler, *consultees.values())


@pytest.mark.parametrize(("decision", "subject"), [("approve", "approved"), ("reject", "rejected")])
def test_decide_application_emails_applicant_ncp_and_case_handler_with_the_reason(
    applicant,
    ncp,
    ncp_albania,
    case_handler,
    head_of_unit,
    django_capture_on_commit_callbacks,
    decision,
    subject,
):
    application = submittable_application(applicant, state=S.ASSESSMENT, reference="APP-2026-00042")
    services.propose_decision(
        application,
        actor=case_handler,
        recommendation="approve",
        criteria=dict.fromkeys(Criterion.values, True),
        reason="Clear link to the acquis.",
    )

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application, actor=head_of_unit, decision=decision, reason="Decided at the meeting."
        )

    assert recipients() == emails(applicant, ncp, case_handler)
    assert {message.subject for message in mail.outbox} == {
        f"[taiex] APP-2026-00042 {application.title}: {subject}"
    }
    assert [
        "Hugo Head of Unit wrote:\nDecided at the meeting.\n" in message.body
        for message in mail.outbox
    ] == [True, True, True]


def test_add_comment_does_not_email_its_author(
    applicant, ncp, case_handler, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant, state=S.ASSESSMENT)
    application.team = case_handler.memberships.get().team
    application.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.add_comment(application, actor=ncp, body="Any news?")

    assert recipients() == emails(applicant, case_handler)
    assert "Nikola NCP Serbia wrote:\nAny news?\n" in body_for(applicant)


def test_put_on_hold_by_the_ncp_does_not_email_the_ncp(
    applicant, ncp, second_ncp, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant, state=S.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        services.put_on_hold(application, actor=ncp, reason="Waiting for the ministry.")

    assert recipients() == emails(applicant, second_ncp)


def test_withdraw_application_of_a_draft_emails_nobody(
    applicant, ncp, case_handler, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(application, actor=applicant)

    assert recipients() == []


def test_withdraw_application_after_submission_emails_the_ncps(
    applicant, ncp, django_capture_on_commit_callbacks
):
    application = services.submit_application(submittable_application(applicant), actor=applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_application(application, actor=applicant, reason="Solved ourselves.")

    assert recipients() == emails(ncp)


def submit_incomplete(applicant, ncp):
    services.submit_application(submittable_application(applicant, title=""), actor=applicant)


def return_without_reason(applicant, ncp):
    application = submittable_application(applicant, state=S.SUBMITTED)
    services.return_application(application, actor=ncp, reason="")


def forward_a_draft(applicant, ncp):
    services.forward_application(submittable_application(applicant), actor=ncp)


@pytest.mark.parametrize(
    ("act", "error"),
    [
        (submit_incomplete, services.ApplicationError),
        (return_without_reason, services.ApplicationError),
        (forward_a_draft, TransitionNotAllowed),
    ],
)
def test_service_that_raises_sends_nothing(
    applicant, ncp, consultees, django_capture_on_commit_callbacks, act, error
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(error):
        act(applicant, ncp)

    assert callbacks == []
    assert mail.outbox == []
