"""A small public catalogue: three public events and two that must stay hidden."""

from datetime import date

import pytest

from taiex.reference.models import Chapter, Country
from tests.factories import EventFactory


def country(code):
    return Country.objects.get(code=code)


@pytest.fixture
def catalogue(db, case_handler):
    asylum = EventFactory(
        reference="WS-2025-0001",
        title="Asylum procedures",
        summary="Interview techniques for asylum officers.",
        start_date=date(2025, 3, 10),
        end_date=date(2025, 3, 11),
        beneficiary=country("RS"),
        case_handler=case_handler,
    )
    asylum.chapters.set([Chapter.objects.get(number=24)])
    border = EventFactory(
        reference="EM-2024-0007",
        event_type="expert_mission",
        state="closed",
        title="Risk analysis on illegal migration",
        summary="Border risk analysis with Frontex.",
        start_date=date(2024, 10, 1),
        end_date=date(2024, 10, 3),
        place="Pristina",
        beneficiary=country("XK"),
        participants_count=12,
    )
    plastic = EventFactory(
        reference="SV-2025-0003",
        event_type="study_visit",
        title="Plastic waste management",
        summary="Circular economy in municipalities.",
        start_date=date(2025, 6, 2),
        end_date=date(2025, 6, 4),
        place="Ljubljana",
        beneficiary=country("AL"),
        participants_count=5,
    )
    plastic.other_beneficiaries.set([country("ME")])
    planned = EventFactory(
        reference="WS-2026-0001",
        state="planned",
        title="Planned asylum workshop",
        start_date=date(2026, 5, 1),
        end_date=date(2026, 5, 1),
    )
    cancelled = EventFactory(
        reference="WS-2025-0009",
        state="cancelled",
        cancellation_reason="No venue.",
        title="Cancelled asylum workshop",
    )
    return {
        "asylum": asylum,
        "border": border,
        "plastic": plastic,
        "planned": planned,
        "cancelled": cancelled,
    }
