"""The staff list of events, its CSV export, and an event's page with its moves."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events import services
from taiex.events.models import Event, MissionReport
from taiex.reference.models import Chapter, Country, ThematicTeam
from tests.factories import EventFactory


def act(client, event, action, data):
    return client.post(reverse("events:act", args=[event.pk, action]), data)


def stored(event):
    return Event.objects.filter(pk=event.pk).values().get()


def confirmed(event):
    Event.objects.filter(pk=event.pk).update(state="confirmed")
    event.refresh_from_db()
    return event


def test_mark_implemented_with_participants(client, event, case_handler):
    confirmed(event)
    client.force_login(case_handler)

    response = act(
        client, event, "implement", {"implement-participants_count": "31", "implement-note": "Ok."}
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.state, event.participants_count) == ("implemented", 31)
    assert list(ActivityLog.objects.values_list("action", "from_state", "to_state", "note")) == [
        ("mark_implemented", "confirmed", "implemented", "Ok.")
    ]
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == ["The event is recorded as implemented."]


def test_mark_implemented_refuses_a_negative_count_next_to_the_field(client, event, case_handler):
    confirmed(event)
    client.force_login(case_handler)
    before = stored(event)

    response = act(client, event, "implement", {"implement-participants_count": "-3"})

    assert response.status_code == 200
    assert response.context["action_forms"]["implement"].errors == {
        "participants_count": ["Ensure this value is greater than or equal to 0."]
    }
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


@pytest.mark.parametrize("reason", ["", "   "])
def test_cancel_without_reason_shows_the_error_by_the_field_and_changes_nothing(
    client, event, case_handler, reason
):
    client.force_login(case_handler)
    before = stored(event)

    response = act(client, event, "cancel", {"cancel-reason": reason})

    assert response.status_code == 200
    content = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_cancel-reason_error">'
        "<li>Give the reason for the cancellation.</li></ul>"
    ) in content
    assert (
        'aria-invalid="true" aria-describedby="id_cancel-reason_helptext id_cancel-reason_error"'
        in content
    )
    assert stored(event) == before
    assert ActivityLog.objects.count() == 0


def test_a_move_the_table_refuses_becomes_a_message(client, event, case_handler):
    client.force_login(case_handler)

    response = act(client, event, "close", {"close-note": "Too early."})

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "WS-2026-0042 is in the state “Planned”; it cannot move to “Closed”."
    ]
    assert Event.objects.get(pk=event.pk).state == "planned"
    assert ActivityLog.objects.count() == 0


def test_a_form_of_a_move_no_longer_offered_redirects_with_a_message(client, event, case_handler):
    services.mark_event_implemented(confirmed(event), actor=case_handler)
    client.force_login(case_handler)

    response = act(client, event, "cancel", {"cancel-reason": ""})

    page = client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        "This event has moved on; the action is no longer available."
    ]
    assert Event.objects.get(pk=event.pk).state == "implemented"


def test_unknown_action_is_404(client, event, case_handler):
    client.force_login(case_handler)

    response = act(client, event, "publish", {})

    assert response.status_code == 404


def test_detail_offers_only_the_moves_of_the_current_state(client, event, case_handler):
    client.force_login(case_handler)

    planned = client.get(reverse("events:detail", args=[event.pk]))
    confirmed_page = client.get(reverse("events:detail", args=[confirmed(event).pk]))
    services.mark_event_implemented(event, actor=case_handler)
    implemented = client.get(reverse("events:detail", args=[event.pk]))

    assert list(planned.context["action_forms"]) == ["confirm", "postpone", "cancel"]
    assert list(confirmed_page.context["action_forms"]) == ["postpone", "implement", "cancel"]
    assert list(implemented.context["action_forms"]) == ["close"]


def test_detail_shows_the_audit_timeline(client, event, case_handler, head_of_unit):
    Event.objects.filter(pk=event.pk).update(state="confirmed", event_type="expert_mission")
    event.refresh_from_db()
    MissionReport.objects.create(event=event, state="accepted")
    services.mark_event_implemented(event, actor=case_handler, participants_count=20, note="Held.")
    services.close_event(event, actor=head_of_unit, note="Reports in.")
    client.force_login(head_of_unit)

    response = client.get(reverse("events:detail", args=[event.pk]))

    assert [
        (entry.actor.full_name, entry.action, entry.note) for entry in response.context["timeline"]
    ] == [
        ("Carla Case Handler", "mark_implemented", "Held."),
        ("Hugo Head of Unit", "close", "Reports in."),
    ]
    content = response.content.decode()
    assert "· Carla Case Handler · Marked as implemented (Confirmed to Implemented)" in content
    assert "<dt>Case handler</dt><dd>Carla Case Handler</dd>" in content


@pytest.fixture
def staff_events(db, case_handler, event):
    """The fixture's planned Serbian workshop and three more events."""
    kosovo = EventFactory(
        reference="EM-2025-0002",
        event_type="expert_mission",
        title="Border risk analysis",
        start_date=date(2025, 10, 1),
        end_date=date(2025, 10, 3),
        beneficiary=Country.objects.get(code="XK"),
        team=ThematicTeam.objects.get(code="jfs"),
    )
    closed = EventFactory(
        reference="SV-2024-0003",
        event_type="study_visit",
        state="closed",
        title="Plastic waste study visit",
        start_date=date(2024, 5, 6),
        end_date=date(2024, 5, 8),
        beneficiary=Country.objects.get(code="AL"),
        case_handler=case_handler,
    )
    cancelled = EventFactory(
        reference="WS-2025-0004",
        state="cancelled",
        cancellation_reason="No venue.",
        title="Asylum statistics",
        start_date=date(2025, 2, 1),
        end_date=date(2025, 2, 1),
    )
    return {"planned": event, "kosovo": kosovo, "closed": closed, "cancelled": cancelled}


def listed(response):
    return [event.reference for event in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["WS-2026-0042", "EM-2025-0002", "WS-2025-0004", "SV-2024-0003"]),
        ("state=planned", ["WS-2026-0042"]),
        ("state=cancelled", ["WS-2025-0004"]),
        ("type=workshop", ["WS-2026-0042", "WS-2025-0004"]),
        ("country=XK", ["EM-2025-0002"]),
        ("year=2025", ["EM-2025-0002", "WS-2025-0004"]),
        ("q=asylum", ["WS-2026-0042", "WS-2025-0004"]),
        ("mine=on", ["WS-2026-0042", "SV-2024-0003"]),
        ("mine=on&year=2024", ["SV-2024-0003"]),
        ("sort=reference", ["EM-2025-0002", "SV-2024-0003", "WS-2025-0004", "WS-2026-0042"]),
        ("sort=date", ["SV-2024-0003", "WS-2025-0004", "EM-2025-0002", "WS-2026-0042"]),
        ("year=abc", ["WS-2026-0042", "EM-2025-0002", "WS-2025-0004", "SV-2024-0003"]),
    ],
)
def test_staff_list_filters(client, case_handler, staff_events, query, expected):
    client.force_login(case_handler)

    response = client.get(f"{reverse('events:list')}?{query}")

    assert listed(response) == expected


def test_staff_list_shows_kosovo_with_its_footnote(client, head_of_unit, staff_events):
    client.force_login(head_of_unit)

    content = client.get(reverse("events:list") + "?country=XK").content.decode()

    assert '<span class="country">Kosovo<a class="footnote-ref" href="#footnote-XK"' in content
    assert (
        '<li id="footnote-XK"><span class="footnote-name">Kosovo*</span>: This designation'
        in content
    )


def test_staff_csv_export_has_the_filtered_events(client, head_of_unit, staff_events):
    client.force_login(head_of_unit)

    response = client.get(reverse("events:export") + "?mine=on&type=study_visit")

    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        [
            "reference", "state", "type", "title", "beneficiary", "start_date", "end_date",
            "place", "window", "team", "case_handler", "participants_count",
        ],
    ]  # fmt: skip
    response = client.get(reverse("events:export") + "?country=RS&sort=date")
    assert list(csv.reader(io.StringIO(response.content.decode())))[1:] == [
        [
            "WS-2025-0004", "Cancelled", "Workshop", "Asylum statistics", "Serbia", "2025-02-01",
            "2025-02-01", "Belgrade", "Enlargement", "", "", "40",
        ],
        [
            "WS-2026-0042", "Planned", "Workshop", "Asylum interview techniques", "Serbia",
            "2026-04-14", "2026-04-15", "Belgrade", "Enlargement", "Justice, freedom and security",
            "Carla Case Handler", "",
        ],
    ]  # fmt: skip


def make_staff_events(count, case_handler):
    for _ in range(count):
        event = EventFactory(case_handler=case_handler, team=ThematicTeam.objects.get(code="jfs"))
        event.other_beneficiaries.set([Country.objects.get(code="ME")])
        event.chapters.set(Chapter.objects.filter(number__in=[23, 24]))


@pytest.mark.parametrize("name", ["events:list", "events:export"])
def test_staff_list_query_count_does_not_grow_with_events(client, case_handler, name):
    client.force_login(case_handler)
    counts = []
    for added in (1, 2):  # one event, then three
        make_staff_events(added, case_handler)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(name))
        assert response.status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
