"""The venue's lists, opened and read: the list of participants (PDF and XLSX) and the
attendance signature sheets (one page per day); only the approved participants, no e-mail; who
may download them (the event's staff; 404 for everyone else)."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import io

import pytest
from django.contrib.messages import get_messages
from openpyxl import load_workbook
from pypdf import PdfReader

from taiex.reference.models import Country
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    NOBODY,
    ROLES,
    STAFF,
    client_as,
    consultee,
    participant,
    workshop,
)

pytestmark = pytest.mark.django_db


def pdf_pages(response):
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    ]


@pytest.fixture
def people(workshop):
    """Two approved participants (Zoran from Montenegro, Ana), one waiting, one rejected."""
    participant(
        workshop,
        1,
        full_name="Zoran Zorić",
        institution="Police Directorate",
        position="Inspector",
        country=Country.objects.get(code="ME"),
        state="approved",
    )
    participant(
        workshop,
        2,
        full_name="Ana Anić",
        institution="Ministry of Justice",
        position="Adviser",
        state="approved",
    )
    participant(workshop, 3, full_name="Waiting Vesna", state="requested")
    participant(workshop, 4, full_name="Rejected Rade", state="rejected")
    return workshop


def test_participants_list_pdf_lists_the_approved_by_name(client, case_handler, people):
    client.force_login(case_handler)

    response = client.get(f"/events/{people.pk}/participants/list.pdf")

    assert response["Content-Disposition"] == 'attachment; filename="WS-2027-0007-participants.pdf"'
    [page] = pdf_pages(response)
    assert "List of participants" in page
    assert "WS-2027-0007 · Treatment of vulnerable groups at detention facilities" in page
    assert "9 March 2027 to 10 March 2027 · Belgrade" in page
    assert "1 Ana Anić Adviser Ministry of Justice Serbia" in page
    assert "2 Zoran Zorić Inspector Police Directorate Montenegro" in page
    assert "2 participants" in page
    assert "Vesna" not in page
    assert "Rade" not in page
    assert "@" not in page


def test_attendance_sheets_have_one_page_per_day(client, case_handler, people):
    client.force_login(case_handler)

    response = client.get(f"/events/{people.pk}/participants/attendance-sheets.pdf")

    pages = pdf_pages(response)
    assert len(pages) == 2
    assert "Attendance sheet: Tuesday 9 March 2027" in pages[0]
    assert "Day 1 of 2" in pages[0]
    assert "Attendance sheet: Wednesday 10 March 2027" in pages[1]
    assert "Day 2 of 2" in pages[1]
    for page in pages:
        assert "No. Name Institution Signature" in page
        assert "1 Ana Anić Ministry of Justice 2 Zoran Zorić Police Directorate" in page
        assert "Vesna" not in page


def test_participants_list_xlsx(client, head_of_unit, people):
    client.force_login(head_of_unit)

    response = client.get(f"/events/{people.pk}/participants/list.xlsx")

    assert (
        response["Content-Disposition"] == 'attachment; filename="WS-2027-0007-participants.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        (
            "Participants of WS-2027-0007: Treatment of vulnerable groups at detention facilities",
            None,
            None,
            None,
            None,
        ),
        ("No.", "Name", "Position", "Institution", "Country"),
        (1, "Ana Anić", "Adviser", "Ministry of Justice", "Serbia"),
        (2, "Zoran Zorić", "Inspector", "Police Directorate", "Montenegro"),
    ]


@pytest.mark.parametrize(
    "path", ["list.pdf", "list.xlsx", "attendance-sheets.pdf"], ids=["pdf", "xlsx", "sheets"]
)
def test_lists_without_approved_participants_go_back_with_the_reason(
    client, case_handler, workshop, path
):
    participant(workshop, 1, state="requested")
    client.force_login(case_handler)

    response = client.get(f"/events/{workshop.pk}/participants/{path}")

    assert (response.status_code, response["Location"]) == (
        302,
        f"/events/{workshop.pk}/participants/",
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "No participant is approved yet."
    ]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["list.pdf", "list.xlsx", "attendance-sheets.pdf"])
def test_lists_are_for_the_event_staff_only(client, request, people, role, path):
    response = client_as(client, request, role).get(f"/events/{people.pk}/participants/{path}")

    if role == NOBODY:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif role in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(("role", "linked"), [("case_handler", True), ("ncp", False)])
def test_participants_page_links_the_lists_for_staff(client, request, people, role, linked):
    page = client_as(client, request, role).get(f"/events/{people.pk}/participants/")

    html = page.content.decode()
    assert page.status_code == 200
    assert (f'href="/events/{people.pk}/participants/list.pdf"' in html) is linked
    assert (f'href="/events/{people.pk}/participants/list.xlsx"' in html) is linked
    assert (f'href="/events/{people.pk}/participants/attendance-sheets.pdf"' in html) is linked
