"""Malformed addresses get a 4xx that says why, never a 500, on SQLite and PostgreSQL."""

import json

import pytest
from django.urls import reverse

from taiex.core.middleware import REFUSAL

pytestmark = pytest.mark.django_db

CONTROL_CHARACTER_ADDRESSES = [
    "/api/v1/statistics/?window=%00",
    "/public/events/%00/",
    "/events/calendar/%00.ics",
    "/events/register/%00/",
    "/api/v1/events/%00",
    "/api/v1/events/?q=%00",
    "/public/events/?q=a%00b",
    "/public/search/?q=%01",
    "/events/verify/%00/",
    "/events/verify/?code=%00",
    "/accounts/login/?next=%00",
    "/experts/register/?x=%0D%0A",
    "/public/events/%0A/",
]


@pytest.mark.parametrize("address", CONTROL_CHARACTER_ADDRESSES)
def test_control_character_in_an_address_is_refused_with_400(client, address):
    response = client.get(address)

    assert response.status_code == 400
    if address.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json"
        assert json.loads(response.content) == {
            "type": "about:blank",
            "title": "Bad request",
            "status": 400,
            "detail": REFUSAL,
        }
    else:
        assert response.content.decode() == REFUSAL


def test_control_character_in_a_posted_address_is_refused_before_the_view(client):
    response = client.post("/accounts/login/?next=%00", {"username": "a@example.org"})

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/api/v1/statistics/?year_from=%E2%80%AE1999x", 422),
        ("/api/v1/events/?limit=-1", 422),
        ("/api/v1/events/?limit=%FF", 422),
        ("/public/events/%FF/", 404),
        ("/events/calendar/not-a-token.ics", 404),
        ("/events/register/not-a-token/", 404),
        ("/events/verify/a%2Fb/", 404),
        ("/events/verify/?code=%2F%2F", 404),
    ],
)
def test_other_malformed_addresses_get_a_client_error(client, address, status):
    assert client.get(address).status_code == status


def test_check_code_with_a_slash_goes_to_the_page_of_its_letters_and_digits(client):
    response = client.get(reverse("events:verify_lookup"), {"code": "a/b"})

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("events:verify", kwargs={"code": "AB"}),
    )


def test_check_code_without_letters_or_digits_says_no_document_carries_it(client):
    response = client.get(reverse("events:verify_lookup"), {"code": "//"})

    assert response.status_code == 404
    assert "No document carries the check code //." in response.content.decode()
