"""Invisible control and format characters (U+202E, U+200B...) are dropped from every text
typed into a form or the API."""

import json

import pytest
from django import forms
from django.urls import reverse

from taiex.applications.models import Application
from taiex.core.text import without_invisible_characters

pytestmark = pytest.mark.django_db

RLO = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero-width space


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (f"{RLO}Workshop on asylum", "Workshop on asylum"),
        (f"Work{ZWSP}shop\u2066 on\u2069 asylum\ufeff", "Workshop on asylum"),
        ("Bell\x07 and\x00 escape\x1b", "Bell and escape"),
        ("Line one\r\nLine two\tend", "Line one\r\nLine two\tend"),
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        ("Čačak and Užice", "Čačak and Užice"),
    ],
)
def test_without_invisible_characters(typed, kept):
    assert without_invisible_characters(typed) == kept


def test_every_form_char_field_drops_them_but_a_password_field_keeps_what_was_typed():
    class AnyForm(forms.Form):
        title = forms.CharField()
        email = forms.EmailField()
        password = forms.CharField(strip=False)

    form = AnyForm(
        {"title": f"{RLO}Title", "email": f"a{ZWSP}@example.org", "password": f"pw{ZWSP}"}
    )

    assert form.is_valid()
    assert form.cleaned_data == {
        "title": "Title",
        "email": "a@example.org",
        "password": f"pw{ZWSP}",
    }


def test_request_form_stores_the_title_without_the_override(client, applicant):
    institution = applicant.memberships.get().institution
    client.force_login(applicant)

    client.post(
        reverse("applications:new"),
        {
            "version": 1,
            "title": f"{RLO}Workshop on{ZWSP} asylum",
            "lead_institution": institution.pk,
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-0-name": f"Jelena{RLO} Petrović",
            "contacts-0-email": "jelena@example.org",
            "save": "1",
        },
    )

    application = Application.objects.get()
    assert application.title == "Workshop on asylum"
    assert list(application.contacts.values_list("name", flat=True)) == ["Jelena Petrović"]


def test_api_input_drops_them_before_checking_the_value(client):
    response = client.get("/api/v1/statistics/", {"window": f"{RLO}enlargement{ZWSP}"})

    assert response.status_code == 200
    assert json.loads(response.content)["filters"]["window"] == "enlargement"
