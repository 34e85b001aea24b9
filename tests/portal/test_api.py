import pytest

from taiex.events.models import Event
from taiex.portal.api import EventModality, EventType
from taiex.reference.enums import AssistanceType, Modality
from taiex.reference.models import Language

KOSOVO = {
    "code": "XK",
    "name": "Kosovo*",
    "official_footnote": "This designation is without prejudice to positions on status and is "
    "in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.",
}


def references(response):
    return [item["reference"] for item in response.json()["items"]]


def test_api_event_types_and_modalities_are_the_reference_ones():
    assert list(EventType.__args__) == AssistanceType.values
    assert list(EventModality.__args__) == Modality.values


def test_api_lists_public_events_with_count_newest_first(client, catalogue):
    response = client.get("/api/v1/events/")

    body = response.json()
    assert (body["count"], body["next_cursor"], body["next"]) == (3, None, None)
    assert references(response) == ["SV-2025-0003", "WS-2025-0001", "EM-2024-0007"]


@pytest.mark.parametrize("sort", ["-date", "date", "title", "relevance"])
def test_api_cursor_walks_every_event_once_in_order(client, catalogue, sort):
    everything = references(client.get(f"/api/v1/events/?q=&sort={sort}&limit=100"))
    seen, url, pages = [], f"/api/v1/events/?sort={sort}&limit=1", 0
    if sort == "relevance":
        everything = references(client.get("/api/v1/events/?q=on&sort=relevance&limit=100"))
        url = "/api/v1/events/?q=on&sort=relevance&limit=1"
    while url:
        body = client.get(url).json()
        seen += [item["reference"] for item in body["items"]]
        url, pages = body["next"], pages + 1

    assert seen == everything
    assert pages == len(everything)


def test_api_next_link_keeps_the_filters(client, catalogue):
    body = client.get("/api/v1/events/?year=2025&limit=1").json()

    assert body["count"] == 2
    assert [item["reference"] for item in body["items"]] == ["SV-2025-0003"]
    assert body["next"] == (
        f"http://testserver/api/v1/events/?year=2025&limit=1&cursor={body['next_cursor']}"
    )
    following = client.get(body["next"]).json()
    assert [item["reference"] for item in following["items"]] == ["WS-2025-0001"]
    assert following["next"] is None


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "eyJzb3J0IjoidGl0bGUiLCJhZnRlciI6WyJhIiwxXX0", "eyJzb3J0IjoiLWRhdGUifQ"],
)
def test_api_forged_or_foreign_cursor_is_a_422_naming_it(client, catalogue, cursor):
    # The second is a valid cursor of the title sort, used with the date sort.
    response = client.get(f"/api/v1/events/?sort=-date&cursor={cursor}")

    assert response.status_code == 422
    assert response.json()["detail"] == "Check these fields: cursor."


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=RS", ["WS-2025-0001"]),
        ("country=me", ["SV-2025-0003"]),
        ("country=RS&country=XK", ["WS-2025-0001", "EM-2024-0007"]),
        ("window=enlargement&modality=on_site&chapter=24", ["WS-2025-0001"]),
        ("cluster=1&year=2025", ["WS-2025-0001"]),
        ("q=risks+analysis&type=expert_mission", ["EM-2024-0007"]),
        ("q=procedure+interviews&sort=relevance", ["WS-2025-0001"]),
        ("type=expert_mission", ["EM-2024-0007"]),
        ("year=2025", ["SV-2025-0003", "WS-2025-0001"]),
        ("q=asylum", ["WS-2025-0001"]),
        ("sort=title", ["WS-2025-0001", "SV-2025-0003", "EM-2024-0007"]),
        ("limit=1", ["SV-2025-0003"]),
        ("q=nothing+like+this", []),
    ],
)
def test_api_list_filters_and_pages(client, catalogue, query, expected):
    response = client.get(f"/api/v1/events/?{query}")

    assert references(response) == expected


def test_api_event_has_public_fields_only(client, catalogue, case_handler):
    Event.objects.filter(reference="EM-2024-0007").update(
        keywords="risk analysis; irregular migration",
        original_title="Analiza e rrezikut për migracionin e paligjshëm",
        original_language=Language.objects.get(code="sq"),
    )

    response = client.get("/api/v1/events/EM-2024-0007")

    assert response.json() == {
        "reference": "EM-2024-0007",
        "type": "expert_mission",
        "type_label": "Expert mission",
        "mission_kind": "advice",
        "mission_kind_label": "Advisory mission",
        "modality": "on_site",
        "title": "Risk analysis on illegal migration",
        "summary": "Border risk analysis with Frontex.",
        "legislation": "",
        "start_date": "2024-10-01",
        "end_date": "2024-10-03",
        "place": "Pristina",
        "beneficiary": KOSOVO,
        "other_beneficiaries": [],
        "window": {"code": "enlargement", "name": "Enlargement"},
        "chapters": [],
        "beneficiary_institutions": "",
        "participants_count": 12,
        "keywords": ["risk analysis", "irregular migration"],
        "original_title": "Analiza e rrezikut për migracionin e paligjshëm",
        "original_summary": "",
        "original_language": "sq",
        "follows": None,
        "host": None,
    }


def test_api_event_never_shows_the_case_handler(client, catalogue, case_handler):
    content = client.get("/api/v1/events/WS-2025-0001").content.decode()

    assert case_handler.full_name not in content
    assert case_handler.email not in content


@pytest.mark.parametrize("reference", ["WS-2026-0001", "WS-2025-0009", "XX-0000"])
def test_api_event_is_a_404_problem_for_hidden_or_unknown_events(client, catalogue, reference):
    response = client.get(f"/api/v1/events/{reference}")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "No such resource.",
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("type=unknown", "type"),
        ("country=Serbia", "country"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("sort=price", "sort"),
        ("modality=by_post", "modality"),
        ("kind=audit", "kind"),
        ("chapter=0", "chapter"),
        ("cluster=x", "cluster"),
        ("window=Not+A+Code", "window"),
        ("year=2025&year=1800", "year"),
    ],
)
def test_api_invalid_parameter_is_a_422_problem_naming_it(client, db, query, field):
    response = client.get(f"/api/v1/events/?{query}")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert (body["title"], body["status"], body["detail"]) == (
        "Invalid input",
        422,
        f"Check these fields: {field}.",
    )
    assert [(error["field"], error["in"]) for error in body["errors"]] == [(field, "query")]


def test_api_422_names_every_invalid_parameter(client, db):
    body = client.get("/api/v1/events/?year=abc&type=unknown").json()

    assert body["detail"] == "Check these fields: type, year."


def test_api_detail_query_count_is_constant(client, catalogue, django_assert_num_queries):
    # One query for the event (with its beneficiary, window, host...), two for its other
    # beneficiaries and chapters (events.queries.public_event_rows).
    with django_assert_num_queries(3):
        client.get("/api/v1/events/SV-2025-0003")


def test_openapi_documents_the_event_filters(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/events/"]["get"]["parameters"]
    }
    assert sorted(parameters) == [
        "chapter", "cluster", "country", "cursor", "exact", "kind", "limit", "modality", "q",
        "sort", "type", "window", "year",
    ]  # fmt: skip


def test_reference_windows_are_listed_by_name(client, db):
    body = client.get("/api/v1/reference/windows").json()

    assert [window["code"] for window in body][:3] == [
        "eir-peer-2-peer", "enlargement", "international-partnerships",
    ]  # fmt: skip
    assert body[1] == {
        "code": "enlargement",
        "name": "Enlargement",
        "is_peer_to_peer": False,
        "description": "Candidate countries and potential candidates, and the Turkish Cypriot "
        "community.",
    }
