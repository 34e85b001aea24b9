"""The staff API of issue 10's forms: each event names its request, the earlier event it follows
up, its kind of expert mission and, for a study visit, the administration that agreed to host
(not one only asked); the same for whoever sees the event, in a constant number of queries."""

from datetime import date

import pytest

from taiex.accounts.enums import Role
from taiex.events.services.hosting import ask_host, record_host_answer
from taiex.reference.models import Country, ThematicTeam
from tests.factories import ApplicationFactory, EventFactory, InstitutionFactory, make_user
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(db):
    team = ThematicTeam.objects.get(code="jfs")
    application = ApplicationFactory(reference="APP-2026-00077")
    workshop = EventFactory(
        reference="WS-2026-0101",
        state="implemented",
        application=application,
        team=team,
        start_date=date(2026, 2, 3),
        end_date=date(2026, 2, 4),
    )
    review = EventFactory(
        reference="EM-2026-0102",
        state="planned",
        event_type="expert_mission",
        mission_kind="peer_review",
        application=application,
        follows=workshop,
        team=team,
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 3),
    )
    visit = EventFactory(
        reference="SV-2026-0103",
        state="planned",
        event_type="study_visit",
        experts_needed=0,
        venue_country=None,
        team=team,
        start_date=date(2026, 9, 7),
        end_date=date(2026, 9, 9),
    )
    return {"workshop": workshop, "review": review, "visit": visit}


def test_a_follow_up_names_its_request_and_the_event_it_follows(client, series):
    head = make_user(Role.HEAD_OF_UNIT)

    body = client.get(f"/api/v1/casework/events/{series['review'].pk}", headers=bearer(head)).json()

    assert {key: body[key] for key in ("request", "follows", "mission_kind", "host")} == {
        "request": "APP-2026-00077",
        "follows": "WS-2026-0101",
        "mission_kind": "peer_review",
        "host": None,
    }


def test_the_host_shows_once_it_agreed_not_while_it_is_asked(client, series):
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    ministry = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    url = f"/api/v1/casework/events/{series['visit'].pk}"
    agreement = ask_host(series["visit"], ministry, actor=case_handler, contact_email="a@gov.si")

    asked = client.get(url, headers=bearer(case_handler)).json()
    record_host_answer(agreement, actor=case_handler, agreed=True)
    agreed = client.get(url, headers=bearer(case_handler)).json()

    assert (asked["host"], asked["mission_kind"], asked["request"]) == (None, None, None)
    assert agreed["host"] == {"institution": "Slovenian Ministry of the Interior", "country": "SI"}
    # The contact address of the ask is not in the API.
    assert "a@gov.si" not in str(agreed)


def test_an_ncp_reads_the_same_series_and_host_as_staff(client, series):
    ncp = make_user(Role.NCP, country="RS")

    items = client.get("/api/v1/casework/events/", headers=bearer(ncp)).json()["items"]

    assert sorted((i["reference"], i["request"], i["follows"]) for i in items) == [
        ("EM-2026-0102", "APP-2026-00077", "WS-2026-0101"),
        ("SV-2026-0103", None, None),
        ("WS-2026-0101", "APP-2026-00077", None),
    ]


def test_the_list_with_series_and_hosts_costs_the_same_for_three_and_six_events(
    client, series, django_assert_num_queries
):
    head = make_user(Role.HEAD_OF_UNIT)
    headers = bearer(head)
    client.get("/api/v1/casework/events/", headers=headers)  # records the token's first use
    with django_assert_num_queries(3):
        three = client.get("/api/v1/casework/events/", headers=headers)
    host = InstitutionFactory(name="Agência", country=Country.objects.get(code="PT"))
    for _ in range(3):
        EventFactory(
            application=series["workshop"].application,
            follows=series["workshop"],
            event_type="study_visit",
            host_institution=host,
        )
    with django_assert_num_queries(3):
        six = client.get("/api/v1/casework/events/", headers=headers)

    assert (len(three.json()["items"]), len(six.json()["items"])) == (3, 6)
    assert {i["host"]["institution"] for i in six.json()["items"] if i["host"]} == {"Agência"}
