"""Travel: the checks against the event's dates, recording and editing it on its page, who may,
and the travellers list of a study visit."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.events.models import Participant, Travel
from taiex.events.services.errors import EventError
from taiex.events.services.travel import save_travel, travel_problems
from taiex.reference.models import Country
from tests.events.fees_fixtures import expert_on
from tests.factories.money import EventExpertFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "from_place": "Ljubljana",
    "to_place": "Belgrade",
    "outbound_date": "2026-04-13",
    "outbound_departure": "15:20",
    "outbound_arrival": "16:30",
    "return_date": "2026-04-16",
    "return_departure": "16:00",
    "return_arrival": "17:00",
    "flight_details": "JU 101 / JU 102",
    "hotel_nights": "3",
    "breakfasts_provided": "3",
    "lunches_provided": "2",
    "dinners_provided": "1",
    "state": "booked",
    "cost": "420.00",
    "note": "",
}


@pytest.fixture
def invitation(event):
    return EventExpertFactory(event=event)


def url_of(event, invitation):
    return reverse("events:travel", args=[event.pk, "expert", invitation.pk])


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"return_date": "2026-04-12"},
            {"return_date": ["The return date cannot be before the outbound date."]},
        ),
        (
            {"outbound_date": "2026-04-10"},
            {
                "outbound_date": [
                    "The outbound date cannot be earlier than 11 Apr 2026, 3 days before the "
                    "event starts."
                ]
            },
        ),
        (
            {"return_date": "2026-04-19"},
            {
                "return_date": [
                    "The return date cannot be later than 18 Apr 2026, 3 days after the event ends."
                ]
            },
        ),
        ({"cost": "-1.00"}, {"cost": ["The cost cannot be negative."]}),
        (
            {"hotel_nights": "4"},
            {"hotel_nights": ["The trip has 3 nights: no more hotel nights."]},
        ),
        (
            {"dinners_provided": "5"},
            {"dinners_provided": ["The trip has 4 days: no more dinners than that."]},
        ),
        (
            {"state": "lost"},
            {"state": ["Select a valid choice. lost is not one of the available choices."]},
        ),
    ],
)
def test_bad_travel_is_refused_with_the_field_named_and_nothing_saved(
    client, event, case_handler, invitation, changes, errors
):
    client.force_login(case_handler)

    response = client.post(url_of(event, invitation), {**GOOD, **changes})

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert Travel.objects.count() == 0


def test_case_handler_records_then_edits_the_travel(client, event, case_handler, invitation):
    client.force_login(case_handler)

    response = client.post(url_of(event, invitation), GOOD)

    assert response.status_code == 302
    travel = Travel.objects.get()
    assert (
        travel.event_expert, travel.event, travel.outbound_date, travel.outbound_departure,
        travel.return_arrival, travel.hotel_nights, travel.state, travel.cost,
    ) == (
        invitation, event, date(2026, 4, 13), time(15, 20), time(17, 0), 3, "booked",
        Decimal("420.00"),
    )  # fmt: skip

    client.post(url_of(event, invitation), {**GOOD, "state": "cancelled"})

    travel.refresh_from_db()
    assert travel.state == "cancelled"
    name = invitation.expert.user.full_name
    assert list(
        ActivityLog.objects.filter(action__in=["record_travel", "edit_travel"])
        .order_by("pk")
        .values_list("action", "note")
    ) == [
        ("record_travel", f"Travel of {name}: booked."),
        ("edit_travel", f"Travel of {name}: cancelled."),
    ]


def test_logistics_lists_the_accepted_experts_with_their_travel(client, event, case_handler):
    expert_on(event, "Eva Expert")
    expert_on(event, "Ivan Expert", no_travel=True)
    client.force_login(case_handler)

    page = client.get(reverse("events:logistics", args=[event.pk])).content.decode()

    assert "Eva Expert" in page
    assert "13 Apr 2026, leaves 15:20" in page
    assert "Ivan Expert" in page
    assert "No travel recorded." in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("applicant", 403),
        ("ncp", 403),
        ("consultee", 404),
        ("expert", 404),
        ("other_team_case_handler", 403),
        ("head_of_unit", 302),
        ("administrator", 302),
    ],
)
def test_travel_edit_permission_matrix_and_denied_changes_nothing(
    client, event, invitation, applicant, ncp, consultees, expert, other_team_case_handler,
    head_of_unit, administrator, who, status,
):  # fmt: skip
    people = {
        "applicant": applicant, "ncp": ncp, "consultee": consultees["line_dg"], "expert": expert,
        "other_team_case_handler": other_team_case_handler, "head_of_unit": head_of_unit,
        "administrator": administrator,
    }  # fmt: skip
    if who:
        client.force_login(people[who])

    response = client.post(url_of(event, invitation), GOOD)

    assert response.status_code == status
    assert Travel.objects.count() == (1 if who in ("head_of_unit", "administrator") else 0)


def test_the_expert_themselves_cannot_edit_their_travel(client, event, invitation):
    client.force_login(invitation.expert.user)

    assert client.post(url_of(event, invitation), GOOD).status_code == 404
    assert Travel.objects.count() == 0


def test_travel_of_an_expert_not_accepted_is_not_found(client, event, case_handler, invitation):
    invitation.left_at = timezone.now()  # withdrawn: no longer on the event
    invitation.save()
    client.force_login(case_handler)

    assert client.post(url_of(event, invitation), GOOD).status_code == 404
    with pytest.raises(EventError) as error:
        save_travel(event, invitation, actor=case_handler, values={})
    assert str(error.value) == "Only the accepted experts of the event travel for it."


def test_event_without_dates_refuses_travel(event):
    event.start_date = event.end_date = None

    assert travel_problems(event, {}) == {
        None: "The event has no dates yet: fix them before recording travel."
    }


def test_study_visit_participants_travel_too(client, event, case_handler):
    event.event_type = "study_visit"
    event.save()
    participant = Participant.objects.create(
        event=event, full_name="Petar Participant", email="petar@gov.example",
        institution="Ministry of Interior", country=Country.objects.get(code="RS"),
        state="approved", check_code="SV-CHECK-0001",
    )  # fmt: skip
    client.force_login(case_handler)

    response = client.post(
        reverse("events:travel", args=[event.pk, "participant", participant.pk]), GOOD
    )
    page = client.get(reverse("events:logistics", args=[event.pk])).content.decode()

    assert response.status_code == 302
    assert Travel.objects.get().participant == participant
    assert "Petar Participant" in page


def test_workshop_participants_do_not_travel_at_the_programmes_cost(client, event, case_handler):
    participant = Participant.objects.create(
        event=event, full_name="Petar Participant", email="petar@gov.example",
        institution="Ministry of Interior", country=Country.objects.get(code="RS"),
        state="approved", check_code="WS-CHECK-0001",
    )  # fmt: skip
    client.force_login(case_handler)

    response = client.post(
        reverse("events:travel", args=[event.pk, "participant", participant.pk]), GOOD
    )

    assert response.status_code == 404


def test_logistics_query_count_is_stable_for_study_visit_participants(
    client, event, case_handler, django_assert_num_queries
):
    event.event_type = "study_visit"
    event.save()
    client.force_login(case_handler)
    url = reverse("events:logistics", args=[event.pk])

    def participant(number):
        return Participant.objects.create(
            event=event, full_name=f"Participant {number}", email=f"p{number}@gov.example",
            institution="Ministry", country=Country.objects.get(code="RS"), state="approved",
            check_code=f"SV-CHECK-{number:04d}",
        )  # fmt: skip

    participant(1)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    participant(2)
    participant(3)

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
