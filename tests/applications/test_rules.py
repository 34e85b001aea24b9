"""Who may do what to a request (the django-rules permissions)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.reference.models import ThematicTeam
from tests.factories import make_user, submittable_application

EVERYONE = [
    "anonymous",
    "applicant",
    "colleague",
    "other_applicant",
    "ncp",
    "ncp_albania",
    "eu_delegation",
    "line_dg",
    "delegation_albania",
    "line_dg_environment",
    "case_handler",
    "case_handler_etet",
    "head_of_unit",
    "administrator",
    "expert",
]


@pytest.fixture
def people(
    applicant, ncp, ncp_albania, case_handler, head_of_unit, administrator, consultees, expert
):
    institution = applicant.memberships.get().institution
    return {
        "anonymous": AnonymousUser(),
        "applicant": applicant,
        "colleague": make_user(Role.APPLICANT, institution=institution),
        "other_applicant": make_user(Role.APPLICANT, country="RS"),
        "ncp": ncp,
        "ncp_albania": ncp_albania,
        "eu_delegation": consultees["eu_delegation"],
        "line_dg": consultees["line_dg"],
        # Consulted services whose scope (Albania; chapter 27) the Serbian chapter-24 requests
        # of these tests are outside.
        "delegation_albania": make_user(Role.CONSULTEE, service="delegation-al"),
        "line_dg_environment": make_user(Role.CONSULTEE, service="dg-env"),
        "case_handler": case_handler,
        "case_handler_etet": make_user(Role.CASE_HANDLER, team="etet"),
        "head_of_unit": head_of_unit,
        "administrator": administrator,
        "expert": expert,
    }


def allowed(people, permission, subject):
    return sorted(name for name in EVERYONE if people[name].has_perm(permission, subject))


def in_team_jfs(applicant, state):
    return submittable_application(
        applicant, state=state, team=ThematicTeam.objects.get(code="jfs")
    )


def test_edit_application_of_a_draft_is_for_its_institution(people, applicant):
    application = submittable_application(applicant)

    assert allowed(people, "applications.edit_application", application) == [
        "applicant",
        "colleague",
    ]


@pytest.mark.parametrize("state", [S.SUBMITTED, S.CONSULTATION, S.APPROVED, S.WITHDRAWN])
def test_edit_and_submit_application_after_submission_is_for_nobody(people, applicant, state):
    application = submittable_application(applicant, state=state)

    assert allowed(people, "applications.edit_application", application) == []
    assert allowed(people, "applications.submit_application", application) == []


def test_submit_application_of_a_returned_request_is_for_its_institution(people, applicant):
    application = submittable_application(applicant, state=S.RETURNED)

    assert allowed(people, "applications.submit_application", application) == [
        "applicant",
        "colleague",
    ]


def test_withdraw_application_is_for_its_institution(people, applicant):
    application = submittable_application(applicant, state=S.ASSESSMENT)

    assert allowed(people, "applications.withdraw_application", application) == [
        "applicant",
        "colleague",
    ]


def test_check_application_is_only_for_the_ncp_of_the_country(people, applicant):
    application = submittable_application(applicant, state=S.SUBMITTED)

    assert allowed(people, "applications.check_application", application) == ["ncp"]


def test_give_opinion_is_for_the_consulted_service_while_pending(people, applicant, ncp):
    application = services.forward_application(
        submittable_application(applicant, state=S.SUBMITTED), actor=ncp
    )
    delegation = application.consultations.get(group="eu_delegation")
    line_dg = application.consultations.get(group="line_dg")
    services.record_opinion(line_dg, actor=people["line_dg"], opinion="no_objection")
    line_dg.refresh_from_db()

    assert allowed(people, "applications.give_opinion", delegation) == ["eu_delegation"]
    assert allowed(people, "applications.give_opinion", line_dg) == []


def test_assess_application_is_for_the_team_and_the_head_of_unit(people, applicant):
    application = in_team_jfs(applicant, S.ASSESSMENT)

    assert allowed(people, "applications.assess_application", application) == [
        "case_handler",
        "head_of_unit",
    ]


def test_assess_application_is_for_the_case_handler_of_another_team_who_proposed(people, applicant):
    application = in_team_jfs(applicant, S.PROPOSED)
    application.case_handler = people["case_handler_etet"]

    assert allowed(people, "applications.assess_application", application) == [
        "case_handler",
        "case_handler_etet",
        "head_of_unit",
    ]


def test_decide_application_is_only_for_the_head_of_unit(people, applicant):
    application = in_team_jfs(applicant, S.PROPOSED)

    assert allowed(people, "applications.decide_application", application) == ["head_of_unit"]


def test_hold_application_is_for_the_team_and_the_head_of_unit(people, applicant):
    application = in_team_jfs(applicant, S.CONSULTATION)

    assert allowed(people, "applications.hold_application", application) == [
        "case_handler",
        "head_of_unit",
    ]


def test_comment_application_is_for_everybody_involved(people, applicant, ncp):
    application = services.forward_application(
        submittable_application(applicant, state=S.SUBMITTED), actor=ncp
    )

    assert allowed(people, "applications.comment_application", application) == [
        "administrator",
        "applicant",
        "case_handler",
        "case_handler_etet",
        "colleague",
        "eu_delegation",
        "head_of_unit",
        "line_dg",
        "ncp",
    ]
