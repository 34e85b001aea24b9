"""Shared arrangement of the invitation, call and home tests: a planned Serbian workshop on
asylum handled by the justice team, and experts who fit it or not. Imported by the other
test modules (pytest registers the fixtures where they are imported)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.reference.models import Chapter, Country, ThematicTeam, Window
from tests.factories import ApplicationFactory, EventFactory, ExpertFactory, UserFactory


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def planned_event(**fields):
    values = {
        "state": "planned",
        "title": "Fisheries inspection",
        "summary": "Control of landings.",
        "start_date": in_days(60),
        "end_date": in_days(61),
        "participants_count": None,
        **fields,
    }
    return EventFactory(**values)


@pytest.fixture
def event(db, applicant, case_handler):
    institution = applicant.memberships.get(role=Role.APPLICANT).institution
    application = ApplicationFactory(
        created_by=applicant,
        lead_institution=institution,
        expertise_wished="Interview techniques for asylum officers",
    )
    return planned_event(
        reference="WS-2026-0042",
        title="Asylum interview techniques",
        summary="Practice of Member States with vulnerable applicants.",
        application=application,
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
    )


def expert_named(full_name, **fields):
    return ExpertFactory(
        user=UserFactory(full_name=full_name, email=f"{full_name.split()[0].lower()}@gov.example"),
        **fields,
    )


@pytest.fixture
def fitting_expert(db):
    """A verified Slovenian asylum expert (keyword "asylum")."""
    return expert_named("Sara Slovenska")


@pytest.fixture
def other_expert(db):
    """A verified Croatian fisheries expert: nothing in common with the asylum workshop."""
    return expert_named(
        "Ivo Ribar",
        member_state=Country.objects.get(code="HR"),
        keywords="fisheries, aquaculture",
        expertise="Fisheries control.",
    )


def chapter(number):
    return Chapter.objects.get(number=number)


def peer_to_peer_window():
    return Window.objects.get(code="regio-peer-2-peer")
