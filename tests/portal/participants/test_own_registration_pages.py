"""The participant's own page through their personal link: what each state shows, the meeting
link only to an approved participant, the documents, the evaluation, cancelling from the page,
altered and expired links, the query count, and the public form that sends the link again
(same answer for known and unknown addresses, limited per client and per address)."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from taiex.evaluations.models import EvaluationRequest, Questionnaire
from taiex.evaluations.services.links import request_from_link
from taiex.events.enums import ParticipantState
from taiex.events.services.own_registration import INVALID_LINK
from taiex.events.services.personal_links import registration_token
from taiex.portal.participants.views import LINK_REQUEST_ANSWER, REQUESTS_PER_CLIENT
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    committed,
    log_of,
    participant,
    sent,
    serbia,
    workshop,
)
from tests.factories.lifecycle import AgendaSessionFactory
from tests.factories.participants import AttendanceFactory

pytestmark = pytest.mark.django_db
S = ParticipantState
MEETING = "https://meet.example.eu/ws-2027-0007-secret"


@pytest.fixture(autouse=True)
def empty_rate_counts():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def online(workshop):
    workshop.modality = "hybrid"
    workshop.meeting_link = MEETING
    workshop.save(update_fields=["modality", "meeting_link"])
    return workshop


def page_of(person):
    return reverse("portal:own_registration", args=[registration_token(person)])


def cancel_url(person):
    return reverse("portal:own_registration_cancel", args=[registration_token(person)])


def text(response):
    return response.content.decode()


def without_csrf(body):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def test_the_page_shows_an_approved_registration_the_event_its_agenda_and_meeting_link(
    client, online
):
    person = participant(online, full_name="Ana Anić", state=S.APPROVED)
    AgendaSessionFactory(event=online, title="Interview techniques")

    response = client.get(page_of(person))

    body = text(response)
    assert response.status_code == 200
    assert "Your registration for Treatment of vulnerable groups at detention facilities" in body
    assert "Ana Anić" in body
    assert "Your seat is confirmed." in body
    assert "Interview techniques" in body
    assert f'href="{MEETING}"' in body
    assert reverse("portal:own_registration_letter", args=[registration_token(person)]) in body
    assert "Cancel my registration" in body


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (S.REQUESTED, "the organisers still have to approve your registration"),
        (S.WAITLISTED, "you are number 1 on the waiting list"),
        (S.CANCELLED, "Your registration is already cancelled; nothing was changed."),
        (S.REJECTED, "Your registration was not accepted."),
        (S.REPLACED, "Another person of your administration takes your seat."),
    ],
)
def test_without_an_approved_seat_the_page_shows_no_meeting_link_nor_letter(
    client, online, state, says
):
    person = participant(online, state=state)

    body = text(client.get(page_of(person)))

    assert says in body
    assert MEETING not in body
    assert "letter.pdf" not in body


def test_the_waiting_list_position_counts_in_order_of_registration(client, workshop):
    first = participant(workshop, 1, state=S.WAITLISTED)
    second = participant(workshop, 2, state=S.WAITLISTED)
    type(first).objects.filter(pk=first.pk).update(registered_at=timezone.now())
    type(second).objects.filter(pk=second.pk).update(
        registered_at=timezone.now() - timedelta(hours=1)
    )

    assert "you are number 2 on the waiting list" in text(client.get(page_of(first)))
    assert "you are number 1 on the waiting list" in text(client.get(page_of(second)))


def test_the_public_event_page_never_shows_the_meeting_link(client, online):
    online.state = "implemented"
    online.save(update_fields=["state"])
    participant(online)

    response = client.get(reverse("portal:event", args=[online.reference]))

    assert response.status_code == 200
    assert MEETING not in text(response)


@pytest.mark.parametrize("sessions", [1, 3])
def test_the_page_costs_the_same_queries_with_one_or_three_sessions(
    client, workshop, django_assert_num_queries, sessions
):
    person = participant(workshop)
    for n in range(sessions):
        AgendaSessionFactory(event=workshop, title=f"Session {n}")
    url = page_of(person)

    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200


def test_an_altered_link_gets_a_404_page_that_says_what_to_do(client, workshop):
    token = registration_token(participant(workshop))

    response = client.get(reverse("portal:own_registration", args=[token[:-2] + "xy"]))

    assert response.status_code == 404
    assert INVALID_LINK in text(response)
    assert reverse("portal:own_registration_link") in text(response)


def test_an_expired_link_gets_a_410_page(client, workshop):
    workshop.start_date, workshop.end_date = date(2019, 11, 13), date(2019, 11, 14)
    workshop.save(update_fields=["start_date", "end_date"])
    person = participant(workshop)

    page = client.get(page_of(person))
    cancel = client.post(cancel_url(person), {"reason": "x"})
    letter = client.get(
        reverse("portal:own_registration_letter", args=[registration_token(person)])
    )

    assert (page.status_code, cancel.status_code, letter.status_code) == (410, 410, 410)
    assert "This link has expired" in text(page)
    person.refresh_from_db()
    assert person.state == S.APPROVED


# Cancelling from the page


def test_cancelling_from_the_page_frees_the_seat_for_the_waiting_list(client, workshop, committed):
    workshop.capacity = 1
    workshop.save(update_fields=["capacity"])
    person = participant(workshop, 1)
    waiting = participant(workshop, 2, state=S.WAITLISTED)

    with committed():
        response = client.post(cancel_url(person), {"reason": "Ill."}, follow=True)

    person.refresh_from_db()
    waiting.refresh_from_db()
    assert (person.state, waiting.state) == (S.CANCELLED, S.APPROVED)
    assert "Your registration is cancelled." in text(response)
    assert "Your registration is already cancelled; nothing was changed." in text(response)
    assert [subject for _, subject in sent()] == [
        "[taiex] WS-2027-0007: your registration is cancelled",
        "[taiex] WS-2027-0007: a seat became free: your participation is confirmed",
    ]


def test_cancelling_without_a_reason_shows_the_error_and_changes_nothing(client, workshop):
    person = participant(workshop)

    response = client.post(cancel_url(person), {"reason": "  "})

    assert response.status_code == 400
    assert "Say why you can no longer come." in text(response)
    assert "Your registration was not cancelled." in text(response)
    person.refresh_from_db()
    assert (person.state, log_of(person)) == (S.APPROVED, [])


def test_cancelling_twice_says_so_and_changes_nothing(client, workshop):
    person = participant(workshop, state=S.CANCELLED)

    response = client.post(cancel_url(person), {"reason": "Ill."}, follow=True)

    assert "Your registration is already cancelled; nothing was changed." in text(response)
    assert (log_of(person), mail.outbox) == ([], [])


def test_cancelling_after_the_event_started_says_so_and_changes_nothing(client, workshop):
    workshop.start_date = timezone.localdate()
    workshop.end_date = timezone.localdate() + timedelta(days=1)
    workshop.save(update_fields=["start_date", "end_date"])
    person = participant(workshop)

    page = text(client.get(page_of(person)))
    response = client.post(cancel_url(person), {"reason": "Ill."}, follow=True)

    assert "Cancel my registration" not in page
    assert "a registration can no longer be cancelled here; nothing was changed" in text(response)
    person.refresh_from_db()
    assert person.state == S.APPROVED


# Documents and evaluation


def test_an_approved_participant_downloads_their_confirmation_letter(client, workshop):
    person = participant(workshop)

    response = client.get(
        reverse("portal:own_registration_letter", args=[registration_token(person)])
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == (
        f'attachment; filename="WS-2027-0007-letter-{person.check_code}.pdf"'
    )


def test_a_participant_on_the_waiting_list_has_no_letter(client, workshop):
    person = participant(workshop, state=S.WAITLISTED)

    response = client.get(
        reverse("portal:own_registration_letter", args=[registration_token(person)])
    )

    assert response.status_code == 404
    assert "Only approved participants get a confirmation letter." in text(response)


@pytest.fixture
def implemented(workshop):
    workshop.state = "implemented"
    workshop.save(update_fields=["state"])
    return workshop


def test_who_attended_gets_the_certificate_and_the_evaluation_link(client, implemented):
    person = participant(implemented)
    AttendanceFactory(participant=person, day=date(2027, 3, 9), present=True)
    request = EvaluationRequest.objects.create(
        event=implemented,
        questionnaire=Questionnaire.objects.filter(audience="participants").first(),
        audience="participants",
        name=person.full_name,
        email=person.email,
        closes_at=timezone.now() + timedelta(days=10),
    )

    body = text(client.get(page_of(person)))
    certificate = client.get(
        reverse("portal:own_registration_certificate", args=[registration_token(person)])
    )

    assert "you attended 1 day." in body
    answer_link = re.search(r'href="/evaluations/answer/([^/"]+)/"', body)
    assert request_from_link(answer_link.group(1)) == request
    assert "Cancel my registration" not in body
    assert certificate.content.startswith(b"%PDF")
    EvaluationRequest.objects.filter(pk=request.pk).update(state="answered")
    assert "Your evaluation is recorded. Thank you." in text(client.get(page_of(person)))


def test_who_did_not_attend_has_no_certificate(client, implemented):
    person = participant(implemented)
    AttendanceFactory(participant=person, day=date(2027, 3, 9), present=False)

    response = client.get(
        reverse("portal:own_registration_certificate", args=[registration_token(person)])
    )

    assert response.status_code == 404
    assert f"{person.full_name} attended no day of the event." in text(response)


# Sending the link again


def test_the_form_answers_the_same_for_a_known_and_an_unknown_address(client, workshop, committed):
    participant(workshop, email="ana@mup.gov.rs")
    url = reverse("portal:own_registration_link")

    with committed():
        known = client.post(url, {"email": "ana@mup.gov.rs", "event": ""}, follow=True)
        unknown = client.post(url, {"email": "who@mup.gov.rs", "event": ""}, follow=True)

    assert known.status_code == unknown.status_code == 200
    assert without_csrf(text(known)) == without_csrf(text(unknown))
    assert str(LINK_REQUEST_ANSWER) in text(known)
    assert sent() == [(["ana@mup.gov.rs"], "[taiex] Your registrations: your personal links")]


def test_the_form_needs_a_whole_address(client):
    response = client.post(reverse("portal:own_registration_link"), {"email": "ana@"})

    assert response.status_code == 400
    assert "Type a whole e-mail address, such as name@ministry.gov.rs." in text(response)


def test_one_address_gets_at_most_three_e_mails_an_hour(client, workshop, committed):
    participant(workshop, email="ana@mup.gov.rs")
    url = reverse("portal:own_registration_link")

    with committed():
        answers = [
            client.post(url, {"email": "ana@mup.gov.rs"}, follow=True).status_code for _ in range(4)
        ]

    assert answers == [200, 200, 200, 200]
    assert len(mail.outbox) == 3


def test_one_client_asks_at_most_ten_times_an_hour(client):
    url = reverse("portal:own_registration_link")

    answers = [
        client.post(url, {"email": f"p{n}@mup.gov.rs"}).status_code
        for n in range(REQUESTS_PER_CLIENT + 1)
    ]

    assert answers == [302] * REQUESTS_PER_CLIENT + [429]
    last = client.post(url, {"email": "ana@mup.gov.rs"})
    assert "Too many requests from your connection: try again in an hour." in text(last)


def test_the_registration_page_points_to_the_form_that_sends_the_link(client, workshop):
    workshop.registration_token, workshop.registration_open = "private-token", True
    workshop.save(update_fields=["registration_token", "registration_open"])

    response = client.get(reverse("events:register", args=["private-token"]))

    assert (
        f'<a href="{reverse("portal:own_registration_link")}">Ask for the personal link to your '
        "registration</a>" in text(response)
    )
