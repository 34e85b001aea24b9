"""Shared arrangement of the mission report and calendar tests: an implemented Serbian expert
mission handled by the justice team, with two confirmed experts, and one user per role.
Imported by the test modules (pytest registers the fixtures where they are imported)."""

from datetime import date

import pytest

from taiex.accounts.enums import Role
from taiex.reference.models import Country, ThematicTeam
from tests.factories import ApplicationFactory, EventFactory, ExpertFactory, UserFactory, make_user
from tests.factories.reports import expert_on_event

NOBODY = "anonymous"
ROLES = [
    NOBODY,
    "applicant",
    "ncp",
    "ncp_albania",
    "expert",  # an expert who is not on the mission
    "accepted_expert",
    "consultee",
    "other_team_case_handler",
    "case_handler",
    "head_of_unit",
    "administrator",
]


def client_as(client, request, role):
    if role != NOBODY:
        client.force_login(request.getfixturevalue(role))
    return client


def expert_user(full_name, country="SI"):
    email = f"{full_name.split()[0].lower()}@gov.example"
    return ExpertFactory(
        user=UserFactory(full_name=full_name, email=email),
        member_state=Country.objects.get(code=country),
    )


@pytest.fixture
def consultee(db):
    return make_user(Role.CONSULTEE, group="eu_delegation", full_name="Cora Consultee")


@pytest.fixture
def other_team_case_handler(db):
    return make_user(Role.CASE_HANDLER, team="agri", full_name="Otto Other Team")


@pytest.fixture
def mission(db, applicant, case_handler):
    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(created_by=applicant, lead_institution=institution)
    return EventFactory(
        reference="EM-2026-0007",
        event_type="expert_mission",
        state="implemented",
        title="Asylum case management",
        application=application,
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        place="Belgrade",
        venue_country=Country.objects.get(code="RS"),
        time_zone="Europe/Belgrade",
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        participants_count=None,
    )


@pytest.fixture
def accepted_expert(mission):
    """Sara Slovenska, who accepted the invitation to the mission (the user)."""
    return expert_on_event(mission, expert=expert_user("Sara Slovenska")).expert.user


@pytest.fixture
def second_expert(mission):
    """Ivo Ribar, the other confirmed expert of the mission (the user)."""
    return expert_on_event(mission, expert=expert_user("Ivo Ribar", "HR")).expert.user
