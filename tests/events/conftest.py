"""An event of a Serbian request handled by the justice team, and the people around it."""

from datetime import date

import pytest

from taiex.accounts.enums import Role
from taiex.reference.models import Country, ThematicTeam
from tests.factories import ApplicationFactory, EventFactory, make_user


@pytest.fixture
def other_applicant(db):
    return make_user(Role.APPLICANT, country="RS", full_name="Olga Other Applicant")


@pytest.fixture
def other_team_case_handler(db):
    return make_user(Role.CASE_HANDLER, team="agri", full_name="Otto Other Team")


@pytest.fixture
def event(db, applicant, case_handler):
    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(created_by=applicant, lead_institution=institution)
    return EventFactory(
        reference="WS-2026-0042",
        state="planned",
        title="Asylum interview techniques",
        application=application,
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        participants_count=None,
    )


@pytest.fixture
def same_team_case_handler(db):
    """A case handler of the event's team (justice) who does not handle the event."""
    return make_user(Role.CASE_HANDLER, team="jfs", full_name="Sam Same Team")


@pytest.fixture
def finance(db):
    return make_user(Role.FINANCE, full_name="Fiona Finance")


@pytest.fixture
def assigned_contractor(event, contractor):
    """A person of the logistics contractor assigned to the event (no audit row written)."""
    from taiex.events.models import ContractorAssignment

    membership = contractor.memberships.get(role=Role.LOGISTICS)
    ContractorAssignment.objects.create(event=event, contractor=membership.contractor)
    return contractor
