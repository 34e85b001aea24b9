"""The statistics endpoint of the open-data API."""

from datetime import date

import pytest

from tests.factories import EventFactory

URL = "/api/v1/statistics/"


def test_statistics_under_a_period(client, history):
    response = client.get(URL, {"year_from": 2024, "year_to": 2024})

    assert response.status_code == 200
    body = response.json()
    assert body["filters"] == {"year_from": 2024, "year_to": 2024, "window": None}
    assert body["key_figures"] == {
        "events": 2,
        "participants": 52,
        "expert_participations": 3,
        "experts": 2,
        "beneficiaries": 2,
    }
    assert body["years"] == [
        {
            "year": 2024,
            "month": None,
            "events": 2,
            "participants": 52,
            "events_by_type": [
                {"type": "workshop", "events": 1, "participants": 40},
                {"type": "expert_mission", "events": 1, "participants": 12},
                {"type": "study_visit", "events": 0, "participants": 0},
            ],
        }
    ]
    assert [(m["month"], m["events"]) for m in body["months"]] == [(3, 1), (10, 1)]
    assert body["by_type"] == [
        {"type": "workshop", "events": 1, "participants": 40},
        {"type": "expert_mission", "events": 1, "participants": 12},
        {"type": "study_visit", "events": 0, "participants": 0},
    ]
    assert body["by_window"] == [
        {"code": "enlargement", "name": "Enlargement", "events": 2, "participants": 52}
    ]
    assert [
        (row["country"]["code"], row["events"], row["events_by_window"])
        for row in body["by_beneficiary"]
    ] == [
        ("XK", 1, [{"window": "enlargement", "events": 1}]),
        ("RS", 1, [{"window": "enlargement", "events": 1}]),
    ]
    assert body["by_beneficiary"][0]["country"]["name"] == "Kosovo*"
    assert body["experts_by_member_state"] == [
        {
            "member_state": {"code": "SI", "name": "Slovenia", "official_footnote": ""},
            "expert_participations": 2,
            "experts": 1,
        },
        {
            "member_state": {"code": "HR", "name": "Croatia", "official_footnote": ""},
            "expert_participations": 1,
            "experts": 1,
        },
    ]
    assert body["by_chapter"] == [
        {"number": 23, "name": "Judiciary and fundamental rights", "cluster": "Fundamentals",
         "events": 1, "participants": 40},
        {"number": 24, "name": "Justice, freedom and security", "cluster": "Fundamentals",
         "events": 2, "participants": 52},
    ]  # fmt: skip
    assert body["by_cluster"] == [{"number": 1, "name": "Fundamentals", "events": 2}]
    assert body["events_without_chapter"] == 0


def test_statistics_of_a_window_with_events_without_window(client, history):
    body = client.get(URL).json()

    assert body["by_window"][-1] == {
        "code": None,
        "name": "No window",
        "events": 1,
        "participants": 8,
    }
    assert body["by_beneficiary"][0]["events_by_window"] == [
        {"window": None, "events": 1},
        {"window": "enlargement", "events": 1},
    ]
    assert client.get(URL, {"window": "neighbourhood-east"}).json()["key_figures"]["events"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": 1800}, "year_to"),
        ({"year_from": 2025, "year_to": 2024}, "year_to"),
        ({"window": "atlantis"}, "window"),
    ],
)
def test_invalid_parameters_are_problems_naming_them(client, db, params, field):
    response = client.get(URL, params)

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "Invalid input"
    assert body["detail"] == f"Check these fields: {field}."
    assert [error["field"] for error in body["errors"]] == [field]


def test_endpoint_queries_do_not_grow_with_the_data(client, db, django_assert_num_queries):
    # Cold cache both times: the version (1), the shared cache's look (1), the figures,
    # storing them in the shared cache (5, in a savepoint). The figures: the process reads its
    # facts first (8), then only what changed (5) (test_pages.py says which).
    EventFactory(start_date=date(2020, 1, 1), end_date=date(2020, 1, 1))
    with django_assert_num_queries(15):
        client.get(URL)
    EventFactory(start_date=date(2021, 1, 1), end_date=date(2021, 1, 1))
    EventFactory(start_date=date(2022, 1, 1), end_date=date(2022, 1, 1))
    with django_assert_num_queries(12):
        client.get(URL)
