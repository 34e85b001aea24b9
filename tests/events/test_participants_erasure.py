"""Erasure of a participant's personal data on request: what is emptied, what stays (the
figures), when it is refused, and who may do it."""

from datetime import date, time

import pytest

from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from taiex.events.models import Event, Participant, Travel
from taiex.events.services.participants import ParticipantError, erase_participant
from tests.events.participant_fixtures import (  # noqa: F401 - fixtures
    ROLES,
    STAFF,
    client_as,
    committed,
    consultee,
    participant,
    serbia,
    workshop,
)

pytestmark = pytest.mark.django_db


def stored(person):
    return Participant.objects.filter(pk=person.pk).values().get()


@pytest.fixture
def held(workshop):  # noqa: F811 - the imported fixture
    """The workshop, implemented, with one participant who travelled."""
    Event.objects.filter(pk=workshop.pk).update(state="implemented")
    workshop.refresh_from_db()
    person = participant(
        workshop, 1, full_name="Milica Petrović", email="milica@mup.gov.rs", phone="+381 11"
    )
    Travel.objects.create(
        event=workshop,
        participant=person,
        from_place="Belgrade",
        to_place="Ljubljana",
        outbound_date=date(2027, 3, 8),
        outbound_departure=time(9, 0),
        return_date=date(2027, 3, 10),
        return_arrival=time(20, 0),
        flight_details="JU 100",
    )
    return person


def test_erasure_empties_the_personal_data_and_keeps_the_registration(held, case_handler):
    code = held.check_code
    log_action(
        held.event,
        actor=case_handler,
        action="record_travel",
        note="Travel of Milica Petrović: booked.",
    )

    erase_participant(held, actor=case_handler, reason="At her request of 1 April.")

    row = stored(held)
    assert (row["full_name"], row["email"], row["phone"], row["position"], row["note"]) == (
        "Erased participant",
        f"participant-{held.pk}@erased.invalid",
        "",
        "",
        "",
    )
    assert (row["state"], row["institution"], row["check_code"]) == (
        "approved",
        "Ministry of Interior",
        code,
    )
    travel = Travel.objects.get(participant=held)
    assert (travel.from_place, travel.to_place, travel.flight_details) == ("", "", "")
    assert ActivityLog.objects.get(action="record_travel").note == (
        "Travel of Erased participant: booked."
    )
    entry = ActivityLog.objects.filter(action="erase_participant").get()
    assert (
        entry.note
        == f"Personal data of participant no. {held.pk} erased: At her request of 1 April."
    )
    assert entry.object_repr == held.event.reference


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        (" ", "Say why the personal data is erased (for example: at the person's request)."),
    ],
)
def test_erasure_needs_a_reason(held, case_handler, reason, message):
    before = stored(held)
    with pytest.raises(ParticipantError) as error:
        erase_participant(held, actor=case_handler, reason=reason)
    assert (str(error.value), error.value.field) == (message, "reason")
    assert stored(held) == before


def test_erasure_is_refused_twice_and_for_a_live_registration(
    held,
    workshop,  # noqa: F811 - the imported fixture
    case_handler,
):
    erase_participant(held, actor=case_handler, reason="Request.")
    with pytest.raises(ParticipantError) as error:
        erase_participant(held, actor=case_handler, reason="Again.")
    assert str(error.value) == "The personal data of this participant is already erased."

    Event.objects.filter(pk=workshop.pk).update(state="confirmed")
    live = participant(workshop, 2)
    before = stored(live)
    with pytest.raises(ParticipantError) as error:
        erase_participant(live, actor=case_handler, reason="Request.")
    assert str(error.value) == (
        "Cancel the registration first: while the event is being prepared it needs the "
        "details of its registered participants."
    )
    assert stored(live) == before
    assert ActivityLog.objects.filter(action="erase_participant").count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_erasure_permissions(client, request, held, role):
    before = stored(held)

    response = client_as(client, request, role).post(
        f"/events/{held.event_id}/participants/{held.pk}/erase/", {"reason": "Request."}
    )

    if role in STAFF:
        assert response.status_code == 302
        assert stored(held)["full_name"] == "Erased participant"
    else:
        # Who may see the event but not manage it gets 403; who may not see it, 404.
        seeing = {"applicant", "ncp", "other_team_case_handler"}
        expected = 302 if role == "anonymous" else 403 if role in seeing else 404
        assert response.status_code == expected
        assert stored(held) == before


def test_erasure_page_says_what_is_done(client, held, case_handler):
    client.force_login(case_handler)

    page = client.get(f"/events/{held.event_id}/participants/")
    assert f"/events/{held.event_id}/participants/{held.pk}/erase/" in page.content.decode()

    response = client.post(
        f"/events/{held.event_id}/participants/{held.pk}/erase/", {"reason": ""}, follow=True
    )
    assert response.status_code == 400
    assert "Say why the personal data is erased" in response.content.decode()

    response = client.post(
        f"/events/{held.event_id}/participants/{held.pk}/erase/",
        {"reason": "At her request."},
        follow=True,
    )
    assert "The personal data of Milica Petrović is erased." in response.content.decode()


def test_the_erase_link_shows_only_where_erasure_is_allowed(
    client,
    workshop,  # noqa: F811 - the imported fixture
    case_handler,
):
    live = participant(workshop, 1)
    cancelled = participant(workshop, 2, state="cancelled")
    client.force_login(case_handler)

    page = client.get(f"/events/{workshop.pk}/participants/").content.decode()

    assert f"/participants/{live.pk}/erase/" not in page
    assert f"/participants/{cancelled.pk}/erase/" in page
