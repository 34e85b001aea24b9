"""The event's page: the moves confirm and postpone from their forms, what is missing to confirm
or close, the details form with its lost-edit protection, and who sees the meeting link."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.services.details import details_problems, version_of
from taiex.reference.models import Country, Language
from tests.factories import InstitutionFactory
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert


def stored(event):
    return Event.objects.filter(pk=event.pk).values().get()


def act(client, event, action, data):
    return client.post(reverse("events:act", args=[event.pk, action]), data)


def test_confirm_from_the_page_lists_what_is_missing(client, event, case_handler):
    Event.objects.filter(pk=event.pk).update(experts_needed=1)
    client.force_login(case_handler)
    before = stored(event)

    response = act(client, event, "confirm", {"confirm-note": ""})

    assert response.status_code == 200
    assert response.context["action_forms"]["confirm"].non_field_errors() == [
        "The event cannot be confirmed yet. 1 expert needed; 0 have accepted so far. "
        "Add at least one session to the agenda."
    ]
    assert response.context["confirmation_missing"] == [
        "1 expert needed; 0 have accepted so far.",
        "Add at least one session to the agenda.",
    ]
    content = response.content.decode()
    assert "What is missing to confirm" in content
    assert '<li class="check-fail">Add at least one session to the agenda.</li>' in content
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


def test_confirm_from_the_page(client, event, case_handler):
    AgendaSessionFactory(event=event)
    client.force_login(case_handler)

    response = act(client, event, "confirm", {"confirm-note": "Ready."})

    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).state == "confirmed"
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "The event is confirmed; the people concerned are told."
    ]


def test_postpone_from_the_page(client, event, case_handler):
    client.force_login(case_handler)

    refused = act(
        client,
        event,
        "postpone",
        {
            "postpone-start_date": "2026-05-06",
            "postpone-end_date": "2026-05-05",
            "postpone-reason": "",
        },
    )
    done = act(
        client,
        event,
        "postpone",
        {
            "postpone-start_date": "2026-05-05",
            "postpone-end_date": "2026-05-06",
            "postpone-reason": "Renovation.",
        },
    )

    assert refused.context["action_forms"]["postpone"].errors == {
        "reason": ["Give the reason for the postponement."],
        "end_date": ["The end date must be on or after the start date."],
    }
    assert done.status_code == 302
    event.refresh_from_db()
    assert (event.state, event.start_date, event.end_date, event.postponement_reason) == (
        "postponed",
        date(2026, 5, 5),
        date(2026, 5, 6),
        "Renovation.",
    )


def test_the_page_of_an_implemented_event_shows_what_is_missing_to_close(
    client, event, case_handler, ncp
):
    Event.objects.filter(pk=event.pk).update(state="implemented")
    accept_expert(event, full_name="Eva Expert")
    client.force_login(ncp)

    response = client.get(reverse("events:detail", args=[event.pk]))

    assert response.context["closing_missing"] == [
        "No participant is registered.",
        "The fee statement of Eva Expert is not approved.",
    ]
    content = response.content.decode()
    assert "What is missing to close" in content
    assert '<li class="check-fail">No participant is registered.</li>' in content


def details(event, **changes):
    return {
        "version": version_of(event),
        "modality": event.modality,
        "place": event.place,
        "time_zone": event.time_zone,
        "start_date": event.start_date.isoformat() if event.start_date else "",
        "end_date": event.end_date.isoformat() if event.end_date else "",
        "experts_needed": str(event.experts_needed),
        **changes,
    }


def post_details(client, event, **changes):
    return client.post(reverse("events:edit", args=[event.pk]), details(event, **changes))


def test_edit_details_saves_and_logs_the_changed_fields(client, event, case_handler):
    client.force_login(case_handler)
    english = Language.objects.get(code="en")
    montenegro = Country.objects.get(code="ME")

    response = post_details(
        client,
        event,
        modality="hybrid",
        place="Novi Sad",
        venue_country=Country.objects.get(code="RS").pk,
        time_zone="Europe/Belgrade",
        meeting_link="https://meet.example.org/ws",
        working_languages=[english.pk],
        interpretation_needed="on",
        interpretation_note="English <> Serbian",
        capacity="40",
        experts_needed="2",
        other_beneficiaries=[montenegro.pk],
        end_date="2026-04-16",
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (
        event.modality,
        event.place,
        event.venue_country.code,
        event.time_zone,
        event.meeting_link,
        list(event.working_languages.all()),
        event.interpretation_needed,
        event.interpretation_note,
        event.capacity,
        event.experts_needed,
        list(event.other_beneficiaries.all()),
        event.end_date,
    ) == (
        "hybrid",
        "Novi Sad",
        "RS",
        "Europe/Belgrade",
        "https://meet.example.org/ws",
        [english],
        True,
        "English <> Serbian",
        40,
        2,
        [montenegro],
        date(2026, 4, 16),
    )
    assert list(ActivityLog.objects.values_list("actor", "action", "note")) == [
        (
            case_handler.pk,
            "edit_details",
            "Changed: modality, place, venue country, time zone, end date, meeting link, "
            "interpretation, interpretation note, capacity, experts needed, working languages, "
            "other beneficiaries.",
        )
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"time_zone": "Mars/Olympus"},
            "time_zone",
            "Choose a time zone from the list, for example Europe/Belgrade.",
        ),
        (
            {"end_date": "2026-04-13"},
            "end_date",
            "The end date must be on or after the start date.",
        ),
        ({"meeting_link": "not a link"}, "meeting_link", "Enter a valid URL."),
        (
            {"experts_needed": "-1"},
            "experts_needed",
            "Ensure this value is greater than or equal to 0.",
        ),
    ],
)
def test_wrong_details_are_refused_next_to_the_field(
    client, event, case_handler, changes, field, message
):
    client.force_login(case_handler)
    before = stored(event)

    response = post_details(client, event, **changes)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


def test_other_beneficiaries_must_be_beneficiary_countries(client, event, case_handler):
    client.force_login(case_handler)

    nowhere = Country.objects.create(code="ZZ", name="Not a beneficiary")  # in no window

    outside = post_details(client, event, other_beneficiaries=[nowhere.pk])
    main = post_details(client, event, other_beneficiaries=[Country.objects.get(code="RS").pk])

    message = "Choose other beneficiaries among the beneficiary countries."
    assert outside.context["form"].errors == {"other_beneficiaries": [message]}
    assert main.context["form"].errors == {"other_beneficiaries": [message]}
    assert list(event.other_beneficiaries.all()) == []


def test_a_study_visit_has_neither_host_nor_experts_on_its_details_form(
    client, event, case_handler
):
    """The host is asked and agreed in its own section (events.services.hosting), never set
    on the details form; a study visit has no experts."""
    Event.objects.filter(pk=event.pk).update(event_type="study_visit", experts_needed=0)
    event.refresh_from_db()
    slovenian = InstitutionFactory(
        name="Slovenian ministry", country=Country.objects.get(code="SI")
    )
    client.force_login(case_handler)
    form = client.get(reverse("events:edit", args=[event.pk])).context["form"]

    response = post_details(
        client, event, host_institution=slovenian.pk, experts_needed="2", place="Ljubljana"
    )

    assert ("host_institution" in form.fields, "experts_needed" in form.fields) == (False, False)
    assert response.status_code == 302
    saved = Event.objects.get(pk=event.pk)
    assert (saved.host_institution, saved.experts_needed, saved.place) == (None, 0, "Ljubljana")


def test_the_details_service_refuses_experts_for_a_study_visit(event):
    Event.objects.filter(pk=event.pk).update(event_type="study_visit", experts_needed=0)
    event.refresh_from_db()

    assert details_problems(event, {"experts_needed": 1}) == [
        (
            "experts_needed",
            "A study visit has no Member State experts: its host administration receives "
            "the group.",
        )
    ]


def test_a_workshop_has_no_host_and_a_mission_no_other_beneficiaries(client, event, case_handler):
    client.force_login(case_handler)
    workshop_form = client.get(reverse("events:edit", args=[event.pk])).context["form"]
    Event.objects.filter(pk=event.pk).update(event_type="expert_mission")
    mission_form = client.get(reverse("events:edit", args=[event.pk])).context["form"]

    assert (
        "host_institution" in workshop_form.fields,
        "other_beneficiaries" in workshop_form.fields,
    ) == (False, True)
    assert (
        "host_institution" in mission_form.fields,
        "other_beneficiaries" in mission_form.fields,
    ) == (False, False)


def test_a_confirmed_event_keeps_its_dates_and_needs_its_link(client, event, case_handler):
    Event.objects.filter(pk=event.pk).update(state="confirmed")
    event.refresh_from_db()
    client.force_login(case_handler)

    online = post_details(client, event, modality="online", meeting_link="")
    dates = post_details(client, event, start_date="2026-06-01", end_date="2026-06-02", place="Niš")

    assert online.context["form"].errors == {
        "meeting_link": ["A confirmed online or hybrid event needs its meeting link."]
    }
    assert dates.status_code == 302
    event.refresh_from_db()
    assert (event.start_date, event.end_date, event.place) == (
        date(2026, 4, 14),
        date(2026, 4, 15),
        "Niš",
    )


def test_a_stale_save_is_refused_and_keeps_the_typed_data(
    client, event, case_handler, head_of_unit
):
    client.force_login(case_handler)
    opened = details(event, place="Typed by Carla")
    client.force_login(head_of_unit)
    post_details(client, event, place="Saved by Hugo")
    client.force_login(case_handler)

    response = client.post(reverse("events:edit", args=[event.pk]), opened)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [
        "Someone else changed this event after you opened the form, so your changes were not "
        "saved. Your entries are kept below: check them against the event and save again."
    ]
    assert form["place"].value() == "Typed by Carla"
    event.refresh_from_db()
    assert event.place == "Saved by Hugo"
    assert form["version"].value() == version_of(event)
    assert list(ActivityLog.objects.values_list("actor", flat=True)) == [head_of_unit.pk]

    again = client.post(reverse("events:edit", args=[event.pk]), form.data)

    assert again.status_code == 302
    assert Event.objects.get(pk=event.pk).place == "Typed by Carla"


@pytest.mark.parametrize("state", ["implemented", "closed", "cancelled"])
def test_details_of_a_delivered_event_cannot_change(client, event, case_handler, state):
    Event.objects.filter(pk=event.pk).update(state=state, cancellation_reason="x")
    client.force_login(case_handler)
    before = stored(event)

    response = post_details(client, event, place="Elsewhere")

    assert response.status_code == 302
    assert stored(event) == before


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("case_handler", True),
        ("head_of_unit", True),
        ("other_team_case_handler", False),
        ("applicant", False),
        ("ncp", False),
    ],
)
def test_the_meeting_link_shows_only_to_registered_people(client, request, event, role, sees):
    Event.objects.filter(pk=event.pk).update(
        modality="online", meeting_link="https://meet.example.org/secret-room"
    )
    client.force_login(request.getfixturevalue(role))

    content = client.get(reverse("events:detail", args=[event.pk])).content.decode()

    assert ("https://meet.example.org/secret-room" in content) is sees
    assert ("sent to the people registered for the event" in content) is not sees


def test_the_meeting_link_is_never_on_the_public_page(client, event):
    Event.objects.filter(pk=event.pk).update(
        state="implemented", modality="online", meeting_link="https://meet.example.org/secret-room"
    )

    response = client.get(reverse("portal:event", args=[event.reference]))

    assert response.status_code == 200
    assert "secret-room" not in response.content.decode()


def test_edit_details_drops_invisible_characters_from_the_place(client, event, case_handler):
    client.force_login(case_handler)

    post_details(client, event, place="\u202eNovi\u200b Sad")

    event.refresh_from_db()
    assert event.place == "Novi Sad"
