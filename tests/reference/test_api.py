"""The public reference endpoints under /api/v1/reference/."""


def test_chapters_endpoint_lists_35_chapters_with_their_cluster(client, db):
    response = client.get("/api/v1/reference/chapters")

    chapters = response.json()
    assert response.status_code == 200
    assert len(chapters) == 35
    assert chapters[0] == {
        "number": 1,
        "name": "Free movement of goods",
        "cluster": "Internal market",
    }
    assert chapters[34] == {"number": 35, "name": "Other issues", "cluster": None}


def test_countries_endpoint_gives_windows_with_their_dates(client, db):
    response = client.get("/api/v1/reference/countries")

    countries = {country["code"]: country for country in response.json()}
    assert response.status_code == 200
    assert countries["BY"]["beneficiary_periods"] == [
        {
            "window": "neighbourhood-east",
            "window_name": "Neighbourhood East",
            "valid_from": "2006-01-01",
            "valid_to": "2021-06-28",
        }
    ]
    assert countries["XK"]["name"] == "Kosovo*"
    assert countries["XK"]["official_footnote"].startswith("This designation is without prejudice")
    assert countries["HR"]["eu_member_since"] == "2013-07-01"
    assert countries["HR"]["beneficiary_periods"][0]["window"] == "enlargement"


def test_institution_kinds_endpoint_says_which_are_eligible(client, db):
    response = client.get("/api/v1/reference/institution-kinds")

    kinds = {kind["code"]: kind for kind in response.json()}
    assert response.status_code == 200
    assert kinds["civil-society"] == {
        "code": "civil-society",
        "name": "Civil society organisation",
        "is_eligible": False,
    }
    assert kinds["judiciary"]["is_eligible"] is True
    assert len(kinds) == 14


def test_reference_endpoints_need_no_login(client, db):
    statuses = [
        client.get(f"/api/v1/reference/{name}").status_code
        for name in ("countries", "chapters", "institution-kinds")
    ]

    assert statuses == [200, 200, 200]
