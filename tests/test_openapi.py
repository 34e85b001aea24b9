"""The API contract: the OpenAPI schema must not change by accident.

After an intended change, regenerate the snapshot with
`TAIEX_UPDATE_SNAPSHOTS=1 uv run pytest tests/test_openapi.py` and commit it with the change.
"""

import json
import os
from pathlib import Path

from taiex.api import api

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi.json"


def current_schema():
    return json.loads(json.dumps(api.get_openapi_schema(), sort_keys=True, default=str))


def test_openapi_schema_matches_the_snapshot():
    schema = current_schema()
    if os.environ.get("TAIEX_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    assert schema == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_openapi_schema_is_served_as_openapi_3_1(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.1")
    assert sorted(response.json()["paths"]) == [
        "/api/v1/casework/events/",
        "/api/v1/casework/events/{event_id}",
        "/api/v1/casework/events/{event_id}/actions/{action}",
        "/api/v1/casework/events/{event_id}/participants",
        "/api/v1/events/",
        "/api/v1/events/{reference}",
        "/api/v1/experts/",
        "/api/v1/experts/{expert_id}",
        "/api/v1/reference/chapters",
        "/api/v1/reference/countries",
        "/api/v1/reference/institution-kinds",
        "/api/v1/reference/windows",
        "/api/v1/requests/",
        "/api/v1/requests/{request_id}",
        "/api/v1/requests/{request_id}/actions/{action}",
        "/api/v1/statistics/",
        "/api/v1/statistics/evaluations",
    ]
