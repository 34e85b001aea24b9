"""The participants pages: who may see, register, approve, reject, cancel and replace (a denied
request changes nothing), the form errors, the private link page, and the list's queries."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest
from django.core import mail

from taiex.events.models import Event, Participant
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    NOBODY,
    REGISTRANTS,
    ROLES,
    STAFF,
    client_as,
    committed,
    consultee,
    form_data,
    participant,
    sent,
    workshop,
)

pytestmark = pytest.mark.django_db


def stored(event):
    return (
        Event.objects.filter(pk=event.pk).values().get(),
        list(Participant.objects.filter(event=event).order_by("id").values()),
    )


def page(event):
    return f"/events/{event.pk}/participants/"


def action_url(event, person, action):
    return f"/events/{event.pk}/participants/{person.pk}/{action}/"


SEES_LIST = ["applicant", "ncp", "other_team_case_handler", *STAFF]


@pytest.mark.parametrize("role", ROLES)
def test_participants_page_permissions(client, request, workshop, role):
    participant(workshop, 1, full_name="Jovana Jovanović", state="requested")

    response = client_as(client, request, role).get(page(workshop))

    if role == NOBODY:
        assert (response.status_code, response["Location"]) == (
            302,
            f"/accounts/login/?next={page(workshop)}",
        )
        return
    expected = 200 if role in SEES_LIST else 404
    assert response.status_code == expected
    if expected == 200:
        content = response.content.decode()
        assert "Jovana Jovanović" in content
        assert ("Register a participant" in content) is (role in REGISTRANTS)
        assert (">Approve</button>" in content) is (role in STAFF)
        assert ("Private registration link" in content) is (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_register_permissions(client, request, workshop, role, committed):
    before = stored(workshop)

    with committed():
        response = client_as(client, request, role).post(page(workshop), form_data(1))

    if role in REGISTRANTS:
        assert (response.status_code, response["Location"]) == (302, page(workshop))
        person = Participant.objects.get(event=workshop)
        assert (person.full_name, person.state, person.registered_by) == (
            "Milica Petrović 1",
            "requested",
            request.getfixturevalue(role),
        )
    else:
        assert response.status_code == {NOBODY: 302, "other_team_case_handler": 403}.get(role, 404)
        assert stored(workshop) == before


ACTIONS = {
    "approve": ("requested", dict, "approved"),
    "reject": ("requested", lambda: {"reason": "Not concerned."}, "rejected"),
    "cancel": ("approved", lambda: {"reason": ""}, "cancelled"),
    "replace": ("approved", lambda: form_data(7), "replaced"),
}
ALLOWED = {
    "approve": STAFF,
    "reject": STAFF,
    "replace": STAFF,
    "cancel": REGISTRANTS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_participant_action_permissions(client, request, workshop, role, action, committed):
    state, make_data, after = ACTIONS[action]
    data = make_data()
    person = participant(workshop, 1, state=state)
    before = stored(workshop)

    with committed():
        response = client_as(client, request, role).post(action_url(workshop, person, action), data)

    person.refresh_from_db()
    if role in ALLOWED[action]:
        assert (response.status_code, response["Location"]) == (302, page(workshop))
        assert person.state == after
    else:
        visible = role in SEES_LIST
        assert response.status_code == (302 if role == NOBODY else 403 if visible else 404)
        assert stored(workshop) == before
        assert mail.outbox == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["capacity", "link", "attendance"])
def test_staff_only_posts_change_nothing_when_denied(client, request, workshop, role, name):
    person = participant(workshop, 1, state="approved")
    url, data = {
        "capacity": (f"{page(workshop)}capacity/", {"capacity": "3"}),
        "link": (f"{page(workshop)}link/", {"action": "open"}),
        "attendance": (f"/events/{workshop.pk}/attendance/", {f"p{person.pk}_20270309": "on"}),
    }[name]
    Event.objects.filter(pk=workshop.pk).update(state="implemented")
    before = stored(workshop)

    response = client_as(client, request, role).post(url, data)

    if role in STAFF:
        assert response.status_code == 302
    else:
        visible = role in SEES_LIST
        assert response.status_code == (302 if role == NOBODY else 403 if visible else 404)
        assert stored(workshop) == before
        assert not person.attendance.exists()


def test_register_form_names_the_fields(client, applicant, workshop):
    client.force_login(applicant)

    response = client.post(page(workshop), {"full_name": "", "email": "not an address"})

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "full_name": ["Give the participant's full name."],
        "email": ["Give a valid e-mail address."],
        "institution": ["Give the participant's institution."],
        "country": ["Choose the participant's country."],
    }
    assert not Participant.objects.exists()


def test_register_form_refuses_a_country_outside_the_event(client, applicant, workshop):
    client.force_login(applicant)
    albania = form_data(1)
    albania["country"] = (
        Event._meta.get_field("beneficiary").related_model.objects.get(code="AL").pk
    )

    response = client.post(page(workshop), albania)

    assert response.context["form"].errors == {
        "country": ["Choose one of the event's beneficiary countries."]
    }
    assert not Participant.objects.exists()


def test_register_form_refuses_a_duplicate(client, applicant, workshop):
    participant(workshop, 1, email="milica1@mup.gov.rs", state="requested")
    client.force_login(applicant)

    response = client.post(page(workshop), form_data(1))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "email": ["milica1@mup.gov.rs is already registered for this event."]
    }
    assert Participant.objects.count() == 1


def test_registering_on_a_full_event_says_waiting_list(client, applicant, workshop, committed):
    workshop.capacity = 1
    workshop.save()
    participant(workshop, 1, state="approved")
    client.force_login(applicant)

    with committed():
        response = client.post(page(workshop), form_data(2), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "All seats are taken: Milica Petrović 2 is on the waiting list (number 1) and moves "
        "up when a seat becomes free."
    ]
    content = response.content.decode()
    assert "Seats taken</dt><dd>1 of 1</dd>" in content
    assert sent() == [(["milica2@mup.gov.rs"], "[taiex] WS-2027-0007: you are on the waiting list")]


def test_approve_beyond_capacity_on_the_page(client, case_handler, workshop):
    workshop.capacity = 1
    workshop.save()
    participant(workshop, 1, state="approved")
    waiting = participant(workshop, 2, state="waitlisted")
    client.force_login(case_handler)

    response = client.post(action_url(workshop, waiting, "approve"), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "No seat is free; all 1 seats are taken. Cancel a registration or raise the capacity first."
    ]
    waiting.refresh_from_db()
    assert waiting.state == "waitlisted"


def test_reject_without_a_reason_is_a_form_error(client, case_handler, workshop):
    person = participant(workshop, 1, state="requested")
    client.force_login(case_handler)

    response = client.post(action_url(workshop, person, "reject"), {"reason": ""})

    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["Give the reason for the rejection."]}
    person.refresh_from_db()
    assert person.state == "requested"


def test_replace_on_the_page(client, case_handler, workshop, committed):
    old = participant(workshop, 1, state="approved")
    client.force_login(case_handler)

    with committed():
        response = client.post(action_url(workshop, old, "replace"), form_data(7), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Milica Petrović 7 replaces Participant 1."
    ]
    new = Participant.objects.get(replaces=old)
    assert (new.state, new.full_name) == ("approved", "Milica Petrović 7")
    assert "replaces Participant 1" in response.content.decode()


def test_unknown_action_is_404(client, case_handler, workshop):
    person = participant(workshop, 1, state="requested")
    client.force_login(case_handler)

    assert client.post(action_url(workshop, person, "promote")).status_code == 404


def test_a_participant_of_another_event_is_404(client, case_handler, workshop):
    other = Event.objects.create(
        reference="WS-2027-0099",
        event_type="workshop",
        title="Other",
        beneficiary=workshop.beneficiary,
        state="planned",
    )
    person = participant(other, 1, state="requested")
    client.force_login(case_handler)

    response = client.post(action_url(workshop, person, "approve"))

    assert response.status_code == 404
    person.refresh_from_db()
    assert person.state == "requested"


@pytest.mark.parametrize("count", [1, 3])
def test_participants_page_queries(
    client, case_handler, workshop, count, django_assert_num_queries
):
    for n in range(count):
        for state in ("approved", "requested", "waitlisted"):
            participant(workshop, n * 10 + len(state), state=state, registered_by=case_handler)
    client.force_login(case_handler)
    client.get(page(workshop))  # the session and the user are read once per login

    # session, user, roles, event, its other beneficiaries, its chapters, the participants, and
    # the register form's countries (the choices, and Django's check of the first one).
    with django_assert_num_queries(9):
        response = client.get(page(workshop))

    assert response.content.decode().count(">Approve</button>") == 2 * count


def test_link_management_on_the_page(client, case_handler, workshop):
    client.force_login(case_handler)

    response = client.post(f"{page(workshop)}link/", {"action": "open"}, follow=True)

    workshop.refresh_from_db()
    assert workshop.registration_open is True
    assert [str(m) for m in response.context["messages"]] == [
        "The registration link accepts registrations."
    ]
    assert f"/events/register/{workshop.registration_token}/" in response.content.decode()


def test_capacity_form_error(client, case_handler, workshop):
    client.force_login(case_handler)

    response = client.post(f"{page(workshop)}capacity/", {"capacity": "0"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "The capacity is at least 1 seat; leave it empty for no limit."
    ]
    workshop.refresh_from_db()
    assert workshop.capacity is None


# The private registration link (no login).


def open_link(event):
    event.registration_token = "k" * 43
    event.registration_open = True
    event.save()
    return f"/events/register/{'k' * 43}/"


def test_registration_through_the_link(client, workshop, committed):
    url = open_link(workshop)

    with committed():
        response = client.post(url, form_data(3), follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Thank you: your registration is received. We tell you by e-mail once it is approved."
    ]
    person = Participant.objects.get()
    assert (person.state, person.registered_by, person.email) == (
        "requested",
        None,
        "milica3@mup.gov.rs",
    )


def test_registration_link_shows_the_event(client, workshop):
    response = client.get(open_link(workshop))

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "<h1>Registration: Treatment of vulnerable groups at detention facilities</h1>" in content
    )
    assert '<label for="id_full_name">Full name' in content


def test_closed_registration_link(client, workshop):
    url = open_link(workshop)
    Event.objects.filter(pk=workshop.pk).update(registration_open=False)

    response = client.post(url, form_data(3))

    assert response.status_code == 403
    assert "Registration through this link is closed." in response.content.decode()
    assert not Participant.objects.exists()


def test_registration_link_of_an_implemented_event_is_closed(client, workshop):
    url = open_link(workshop)
    Event.objects.filter(pk=workshop.pk).update(state="implemented")

    response = client.get(url)

    assert "Registration through this link is closed." in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1]


def test_unknown_registration_token(client, workshop):
    open_link(workshop)

    response = client.post(f"/events/register/{'x' * 43}/", form_data(3))

    assert response.status_code == 404
    assert "This registration link is not valid." in response.content.decode()
    assert not Participant.objects.exists()


def test_reset_link_stops_the_old_address(client, case_handler, workshop):
    url = open_link(workshop)
    client.force_login(case_handler)
    client.post(f"{page(workshop)}link/", {"action": "reset"})
    client.logout()

    assert client.get(url).status_code == 404
