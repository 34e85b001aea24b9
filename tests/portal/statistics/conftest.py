"""Hand-made history for the statistics: five public events over 2022-2025, two hidden ones, and
expert invitations, with figures small enough to add up by hand.

| event        | type           | start      | beneficiary | window             | part. | ch.    |
|--------------|----------------|------------|-------------|--------------------|-------|--------|
| WS-2022-0001 | workshop       | 2022-05-05 | UA          | neighbourhood-east | 30    | -      |
| WS-2024-0001 | workshop       | 2024-03-10 | RS          | enlargement        | 40    | 23, 24 |
| EM-2024-0001 | expert_mission | 2024-10-01 | XK (closed) | enlargement        | 12    | 24     |
| SV-2025-0001 | study_visit    | 2025-06-02 | AL          | enlargement        | none  | 27     |
| WS-2025-0002 | workshop       | 2025-01-20 | RS          | none               | 8     | 24     |
(part. = participants_count, ch. = chapters)
Hidden: a planned 2024 workshop (99 participants) and a cancelled one (50).
Experts (accepted): a Slovenian on WS-2024-0001 and EM-2024-0001, a Croat on WS-2024-0001.
Not counted: an Austrian who declined SV-2025-0001, a Croat accepted on the planned workshop.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.events.services.experts import add_expert_to_event
from taiex.reference.models import Chapter, Country, Window
from taiex.staffing.models import Invitation
from tests.factories import EventFactory, ExpertFactory, UserFactory


def country(code):
    return Country.objects.get(code=code)


def chapters(*numbers):
    return list(Chapter.objects.filter(number__in=numbers))


def invite(event, expert, state, inviter):
    invitation = Invitation.objects.create(
        event=event,
        expert=expert,
        state=state,
        invited_by=inviter,
        expires_at=timezone.now() + timedelta(days=7),
    )
    if state == "accepted":  # as accept_invitation leaves it
        add_expert_to_event(event, expert, role=invitation.role)
    return invitation


@pytest.fixture
def history(db):
    ukraine = EventFactory(
        reference="WS-2022-0001",
        start_date=date(2022, 5, 5),
        end_date=date(2022, 5, 6),
        beneficiary=country("UA"),
        window=Window.objects.get(code="neighbourhood-east"),
        participants_count=30,
    )
    serbia = EventFactory(
        reference="WS-2024-0001",
        start_date=date(2024, 3, 10),
        end_date=date(2024, 3, 11),
        participants_count=40,
    )
    serbia.chapters.set(chapters(23, 24))
    kosovo = EventFactory(
        reference="EM-2024-0001",
        event_type="expert_mission",
        state="closed",
        start_date=date(2024, 10, 1),
        end_date=date(2024, 10, 3),
        beneficiary=country("XK"),
        participants_count=12,
    )
    kosovo.chapters.set(chapters(24))
    albania = EventFactory(
        reference="SV-2025-0001",
        event_type="study_visit",
        start_date=date(2025, 6, 2),
        end_date=date(2025, 6, 4),
        beneficiary=country("AL"),
        participants_count=None,
    )
    albania.chapters.set(chapters(27))
    serbia_again = EventFactory(
        reference="WS-2025-0002",
        start_date=date(2025, 1, 20),
        end_date=date(2025, 1, 20),
        window=None,
        participants_count=8,
    )
    serbia_again.chapters.set(chapters(24))
    planned = EventFactory(
        reference="WS-2024-0009",
        state="planned",
        start_date=date(2024, 11, 5),
        end_date=date(2024, 11, 5),
        participants_count=99,
    )
    planned.chapters.set(chapters(24))
    EventFactory(
        reference="WS-2024-0010",
        state="cancelled",
        cancellation_reason="No venue.",
        start_date=date(2024, 12, 1),
        end_date=date(2024, 12, 1),
        participants_count=50,
    )
    inviter = UserFactory()
    slovenian = ExpertFactory()
    croat = ExpertFactory(member_state=country("HR"))
    austrian = ExpertFactory(member_state=country("AT"))
    invite(serbia, slovenian, "accepted", inviter)
    invite(kosovo, slovenian, "accepted", inviter)
    invite(serbia, croat, "accepted", inviter)
    invite(albania, austrian, "declined", inviter)
    invite(planned, croat, "accepted", inviter)
    return {
        "ukraine": ukraine,
        "serbia": serbia,
        "kosovo": kosovo,
        "albania": albania,
        "serbia_again": serbia_again,
        "planned": planned,
    }
