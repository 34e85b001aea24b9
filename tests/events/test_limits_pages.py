"""The limits section of an event's page: who may ask for an exception and who decides, with
nothing changed for the others."""

from datetime import date, timedelta

import pytest

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.events.models import LimitException
from taiex.reference.models import Country, ThematicTeam
from tests.factories import EventFactory, make_user

pytestmark = pytest.mark.django_db

START = date(2026, 9, 7)


@pytest.fixture
def mission(db, case_handler):
    return EventFactory(
        reference="EM-2026-0007",
        event_type="expert_mission",
        state="planned",
        start_date=START,
        end_date=START + timedelta(days=2),
        beneficiary=Country.objects.get(code="RS"),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        experts_needed=2,
        participants_count=None,
    )


ASK = {
    "limit-exception-limit": "max_days",
    "limit-exception-allowed_value": "7",
    "limit-exception-reason": "Two regions take part.",
}


def users(case_handler, head_of_unit):
    return {
        "anonymous": None,
        "case handler": case_handler,
        "head of unit": head_of_unit,
        "other team": make_user(Role.CASE_HANDLER, team="agri"),
        "ncp": make_user(Role.NCP, country="RS"),
    }


@pytest.mark.parametrize(
    ("who", "status", "stored"),
    [
        ("anonymous", 302, 0),
        ("case handler", 302, 1),
        ("head of unit", 403, 0),
        ("other team", 403, 0),
        ("ncp", 403, 0),
    ],
)
def test_who_may_ask_for_an_exception(
    client, mission, case_handler, head_of_unit, who, status, stored
):
    user = users(case_handler, head_of_unit)[who]
    if user is not None:
        client.force_login(user)
    response = client.post(f"/events/{mission.pk}/limits/exceptions/", ASK)
    assert response.status_code == status
    assert LimitException.objects.count() == stored
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    if stored:
        assert response["Location"] == f"/events/{mission.pk}/"
        assert ActivityLog.objects.filter(action="request_limit_exception").count() == 2


def test_a_refused_request_shows_its_reason_next_to_the_field(client, mission, case_handler):
    client.force_login(case_handler)
    response = client.post(
        f"/events/{mission.pk}/limits/exceptions/", {**ASK, "limit-exception-allowed_value": "4"}
    )
    assert response.status_code == 400
    assert response.context["limit_exception_form"].errors == {
        "allowed_value": ["The limit is 5 days; an exception asks for more."]
    }
    assert LimitException.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "decision", "status", "state"),
    [
        ("case handler", "grant", 403, "requested"),
        ("other team", "grant", 403, "requested"),
        ("ncp", "refuse", 403, "requested"),
        ("head of unit", "grant", 302, "granted"),
        ("head of unit", "refuse", 302, "refused"),
    ],
)
def test_only_the_head_of_unit_decides(
    client, mission, case_handler, head_of_unit, who, decision, status, state
):
    exception = LimitException.objects.create(
        event=mission, limit="max_days", allowed_value=7, reason="Two.", requested_by=case_handler
    )
    client.force_login(users(case_handler, head_of_unit)[who])
    response = client.post(
        f"/events/{mission.pk}/limits/exceptions/{exception.pk}/{decision}/",
        {f"decide-{exception.pk}-note": "Agreed at the planning meeting."},
    )
    assert response.status_code == status
    assert LimitException.objects.get().state == state


def test_refusing_without_a_note_is_shown_on_the_form(client, mission, case_handler, head_of_unit):
    exception = LimitException.objects.create(
        event=mission, limit="max_days", allowed_value=7, reason="Two.", requested_by=case_handler
    )
    client.force_login(head_of_unit)
    response = client.post(f"/events/{mission.pk}/limits/exceptions/{exception.pk}/refuse/", {})
    assert response.status_code == 400
    forms = dict(response.context["limit_exceptions"])
    assert forms[exception].errors == {"note": ["Say why the exception is refused."]}
    assert LimitException.objects.get().state == "requested"


def test_the_event_page_shows_the_limits_and_the_exceptions(client, mission, case_handler):
    LimitException.objects.create(
        event=mission,
        limit="max_days",
        allowed_value=7,
        reason="Two regions take part.",
        requested_by=case_handler,
        state="granted",
    )
    client.force_login(case_handler)
    response = client.get(f"/events/{mission.pk}/")
    assert response.context["limits"] == [("Days", 5, 7), ("Experts", 2, 2)]
    assert "Two regions take part." in response.content.decode()


def test_applicants_and_ncps_do_not_see_the_limits_section(client, mission):
    ncp = make_user(Role.NCP, country="RS")
    client.force_login(ncp)
    response = client.get(f"/events/{mission.pk}/")
    assert response.status_code == 200
    assert response.context["shows_limits"] is False
    assert "Limits and exceptions" not in response.content.decode()


# The whole page; the limits section adds the dated limit and the exceptions, one query each.
# The logistics section adds two (the count of missing bookings with the contractor; the
# bookings); the delivery facts one (the interpretation pairs).
LIMITS_PAGE_QUERIES = 21


@pytest.mark.parametrize("count", [1, 3])
def test_the_limits_section_costs_the_same_for_1_and_3_exceptions(
    client, mission, case_handler, count, django_assert_num_queries
):
    for number in range(count):
        LimitException.objects.create(
            event=mission,
            limit=["max_days", "max_experts", "max_days"][number],
            allowed_value=7,
            reason="Why.",
            requested_by=case_handler,
            state="refused",
        )
    client.force_login(case_handler)
    client.get(f"/events/{mission.pk}/")  # warm the per-process caches
    with django_assert_num_queries(LIMITS_PAGE_QUERIES):
        response = client.get(f"/events/{mission.pk}/")
    assert len(response.context["limit_exceptions"]) == count
