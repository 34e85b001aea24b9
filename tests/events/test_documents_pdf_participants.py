"""The participants' PDFs, opened and read: the confirmation letter, the certificate of
attendance and all certificates of an event; who may download them; and the public check-code
verification page."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import io
from datetime import date

import pytest
from pypdf import PdfReader

from taiex.events.models import Attendance, Event
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
TUESDAY, WEDNESDAY = date(2027, 3, 9), date(2027, 3, 10)
SEES_EVENT = ["applicant", "ncp", "other_team_case_handler", *STAFF]


def pdf_pages(response):
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def ana(workshop):
    return participant(
        workshop,
        1,
        full_name="Ana Anić",
        institution="Ministry of Justice",
        state="approved",
        check_code="K7MPQ2XR9ZTB",
    )


def letter_url(event, person):
    return f"/events/{event.pk}/participants/{person.pk}/letter.pdf"


def certificate_url(event, person):
    return f"/events/{event.pk}/participants/{person.pk}/certificate.pdf"


def test_confirmation_letter(client, case_handler, workshop, ana):
    client.force_login(case_handler)

    response = client.get(letter_url(workshop, ana))

    assert response["Content-Disposition"] == (
        'attachment; filename="WS-2027-0007-letter-K7MPQ2XR9ZTB.pdf"'
    )
    [text] = pdf_pages(response)
    assert "Confirmation of participation" in text
    assert "Ana Anić, Adviser, of Ministry of Justice (Serbia)" in text
    assert "Event Treatment of vulnerable groups at detention facilities" in text
    assert "Reference WS-2027-0007" in text
    assert "Dates 9 March 2027 to 10 March 2027" in text
    assert "Place Belgrade" in text
    assert "Check code K7MPQ2XR9ZTB" in text
    assert (
        "Anyone can check that this letter is genuine at http://127.0.0.1:8000/events/verify/"
        in text
    )
    assert "Meeting link" not in text


def test_letter_of_an_online_event_has_the_meeting_link(client, case_handler, workshop, ana):
    Event.objects.filter(pk=workshop.pk).update(
        modality="hybrid", meeting_link="https://meet.example.eu/ws7"
    )
    client.force_login(case_handler)

    [text] = pdf_pages(client.get(letter_url(workshop, ana)))

    assert "Meeting link https://meet.example.eu/ws7" in text


@pytest.mark.parametrize("state", ["requested", "waitlisted", "cancelled", "replaced"])
def test_no_letter_unless_approved(client, case_handler, workshop, state):
    person = participant(workshop, 2, state=state)
    client.force_login(case_handler)

    assert client.get(letter_url(workshop, person)).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_letter_permissions(client, request, workshop, ana, role):
    response = client_as(client, request, role).get(letter_url(workshop, ana))

    if role == NOBODY:
        assert response.status_code == 302
    elif role in SEES_EVENT:
        assert "Confirmation of participation" in pdf_pages(response)[0]
    else:
        assert response.status_code == 404


@pytest.fixture
def implemented(workshop):
    Event.objects.filter(pk=workshop.pk).update(state="implemented")
    workshop.refresh_from_db()
    return workshop


def test_certificate_lists_the_days_attended(client, case_handler, implemented, ana):
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)
    Attendance.objects.create(participant=ana, day=WEDNESDAY, present=False)
    client.force_login(case_handler)

    [text] = pdf_pages(client.get(certificate_url(implemented, ana)))

    assert "Certificate of attendance" in text
    assert "This certifies that Ana Anić, Adviser, of Ministry of Justice (Serbia) attended" in text
    assert "Reference WS-2027-0007" in text
    assert "Days attended 9 March 2027 (1 day)" in text
    assert "Check code K7MPQ2XR9ZTB" in text


def test_no_certificate_before_the_event_is_implemented(client, case_handler, workshop, ana):
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)
    client.force_login(case_handler)

    assert client.get(certificate_url(workshop, ana)).status_code == 404


def test_no_certificate_for_someone_absent(client, case_handler, implemented, ana):
    Attendance.objects.create(participant=ana, day=TUESDAY, present=False)
    client.force_login(case_handler)

    assert client.get(certificate_url(implemented, ana)).status_code == 404


def certificates_url(event):
    return f"/events/{event.pk}/participants/certificates.pdf"


def test_all_certificates_in_one_pdf(client, case_handler, implemented, ana):
    boris = participant(implemented, 2, full_name="Boris Borić", state="approved")
    absent = participant(implemented, 3, full_name="Cvijeta Absent", state="approved")
    for person, present in ((ana, True), (boris, True), (absent, False)):
        Attendance.objects.create(participant=person, day=TUESDAY, present=present)
    Attendance.objects.create(participant=boris, day=WEDNESDAY, present=True)
    client.force_login(case_handler)

    response = client.get(certificates_url(implemented))

    assert response["Content-Disposition"] == (
        'attachment; filename="WS-2027-0007-certificates.pdf"'
    )
    first, second = pdf_pages(response)
    assert "Ana Anić" in first
    assert "Days attended 9 March 2027 (1 day)" in first
    assert "Boris Borić" in second
    assert "Days attended 9 March 2027; 10 March 2027 (2 days)" in second
    assert "Check code CHECK" in second
    assert "Absent" not in first + second


def test_all_certificates_without_attendance(client, case_handler, implemented, ana):
    client.force_login(case_handler)

    response = client.get(certificates_url(implemented), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "No participant is recorded as present."
    ]


@pytest.mark.parametrize("role", ROLES)
def test_all_certificates_are_for_staff(client, request, implemented, ana, role):
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)

    response = client_as(client, request, role).get(certificates_url(implemented))

    if role in STAFF:
        assert len(pdf_pages(response)) == 1
    else:
        expected = 302 if role == NOBODY else 403 if role in SEES_EVENT else 404
        assert response.status_code == expected


# The public verification page.


def test_verification_page_confirms_a_genuine_document(client, implemented, ana):
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)
    Attendance.objects.create(participant=ana, day=WEDNESDAY, present=True)

    response = client.get("/events/verify/K7MPQ2XR9ZTB/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "The check code K7MPQ2XR9ZTB is genuine" in content
    assert "<dt>Event reference</dt><dd>WS-2027-0007</dd>" in content
    assert "<dt>Participant</dt><dd>Ana Anić</dd>" in content
    assert (
        '<time datetime="2027-03-09">9 Mar 2027</time>, <time datetime="2027-03-10">10 Mar 2027'
        in content
    )


def test_verification_accepts_the_code_as_typed(client, ana):
    response = client.get("/events/verify/k7mp-q2xr-9ztb/")

    assert "The check code K7MPQ2XR9ZTB is genuine" in response.content.decode()


def test_verification_of_a_cancelled_registration(client, workshop):
    participant(workshop, 5, state="cancelled", check_code="CANCELLED234")

    content = client.get("/events/verify/CANCELLED234/").content.decode()

    assert (
        'Cancelled <span class="muted">(a confirmation letter of this registration is no '
        "longer valid)</span>" in content
    )


def test_unknown_check_code(client, ana):
    response = client.get("/events/verify/AAAABBBBCCCC/")

    assert response.status_code == 404
    assert "No document carries the check code AAAABBBBCCCC." in response.content.decode()


def test_verification_form_goes_to_the_code(client):
    response = client.get("/events/verify/", {"code": " K7MPQ2XR9ZTB "})

    assert (response.status_code, response["Location"]) == (302, "/events/verify/K7MPQ2XR9ZTB/")
    assert (
        '<label for="id_code">Check code</label>' in client.get("/events/verify/").content.decode()
    )
