"""Who may open and change an event's details, agenda and documents, and move it; a denied
request changes nothing. Outsiders get 404 (the event's existence does not leak), people who
see the event but do not manage it get 403 on changes."""

from datetime import date, time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.models import AgendaSession, Event, EventDocument
from taiex.events.services.documents import upload_document
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert

NOBODY = "anonymous"
OUTSIDERS = [
    "other_applicant",
    "ncp_albania",
    "expert",
    "event_expert",
    "consultee",
    "assigned_contractor",
]
VIEWERS = ["applicant", "ncp", "other_team_case_handler"]
MANAGERS = ["case_handler", "head_of_unit", "administrator"]
ALL_ROLES = [NOBODY, *OUTSIDERS, *VIEWERS, *MANAGERS]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def event_expert(event):
    return accept_expert(event, full_name="Eva Event Expert").expert.user


@pytest.fixture
def consultee(consultees):
    return consultees["eu_delegation"]


@pytest.fixture
def prepared(event, case_handler):
    session = AgendaSessionFactory(event=event, day=date(2026, 4, 14), title="Opening")
    document = upload_document(
        event,
        actor=case_handler,
        kind="agenda",
        title="Draft agenda",
        upload=SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf"),
    )
    ActivityLog.objects.all().delete()
    return {"event": event, "session": session, "document": document}


def login(client, request, role):
    if role != NOBODY:
        client.force_login(request.getfixturevalue(role))
    return client


def expected_get(role):
    if role == NOBODY:
        return 302
    return 404 if role in OUTSIDERS else 200


def expected_post(role):
    if role == NOBODY:
        return 302
    if role in OUTSIDERS:
        return 404
    return 403 if role in VIEWERS else 302


def snapshot(event):
    return (
        Event.objects.filter(pk=event.pk).values().get(),
        list(AgendaSession.objects.values_list("pk", "day", "title")),
        list(EventDocument.objects.values_list("pk", "title")),
        ActivityLog.objects.count(),
    )


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize(
    "name", ["events:detail", "events:agenda", "events:agenda_pdf", "events:documents"]
)
def test_reading_the_preparation_pages(client, request, prepared, role, name):
    event = prepared["event"]

    response = login(client, request, role).get(reverse(name, args=[event.pk]))

    assert response.status_code == expected_get(role)
    if response.status_code == 200 and name in ("events:agenda", "events:documents"):
        content = response.content.decode()
        assert (response.context["form"] is not None) is (role in MANAGERS)
        assert ("Opening" in content or "Draft agenda" in content) is True


@pytest.mark.parametrize("role", ALL_ROLES)
def test_downloading_a_document(client, request, prepared, role):
    url = reverse("events:document_download", args=[prepared["event"].pk, prepared["document"].pk])

    response = login(client, request, role).get(url)

    assert response.status_code == expected_get(role)
    if response.status_code == 200:
        assert response["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
        assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("role", ALL_ROLES)
def test_opening_the_details_form(client, request, event, role):
    response = login(client, request, role).get(reverse("events:edit", args=[event.pk]))

    expected = expected_get(role)
    assert response.status_code == (403 if role in VIEWERS else expected)


def session_data():
    return {"day": "2026-04-15", "starts_at": "09:00", "ends_at": "10:00", "title": "Added"}


def details_data(event):
    from taiex.events.services.details import version_of

    return {
        "version": version_of(event),
        "modality": "on_site",
        "place": "Novi Sad",
        "time_zone": "Europe/Belgrade",
        "start_date": "2026-04-14",
        "end_date": "2026-04-15",
        "experts_needed": "0",
    }


POSTS = {
    "add_session": lambda p: ("events:agenda", [p["event"].pk], session_data()),
    "change_session": lambda p: (
        "events:session_edit",
        [p["event"].pk, p["session"].pk],
        session_data(),
    ),
    "delete_session": lambda p: ("events:session_delete", [p["event"].pk, p["session"].pk], {}),
    "upload": lambda p: (
        "events:documents",
        [p["event"].pk],
        {"kind": "other", "title": "Notes", "file": SimpleUploadedFile("notes.pdf", PDF)},
    ),
    "delete_document": lambda p: (
        "events:document_delete",
        [p["event"].pk, p["document"].pk],
        {},
    ),
    "edit_details": lambda p: ("events:edit", [p["event"].pk], details_data(p["event"])),
    "confirm": lambda p: ("events:act", [p["event"].pk, "confirm"], {"confirm-note": ""}),
    "postpone": lambda p: (
        "events:act",
        [p["event"].pk, "postpone"],
        {
            "postpone-start_date": "2026-05-05",
            "postpone-end_date": "2026-05-06",
            "postpone-reason": "Renovation.",
        },
    ),
}


@pytest.mark.parametrize("role", [NOBODY, *OUTSIDERS, *VIEWERS])
@pytest.mark.parametrize("post", list(POSTS))
def test_denied_changes_change_nothing(client, request, prepared, role, post):
    name, args, data = POSTS[post](prepared)
    before = snapshot(prepared["event"])

    response = login(client, request, role).post(reverse(name, args=args), data)

    assert response.status_code == expected_post(role)
    assert snapshot(prepared["event"]) == before


@pytest.mark.parametrize("role", MANAGERS)
@pytest.mark.parametrize(
    "post",
    [
        "add_session",
        "change_session",
        "delete_session",
        "upload",
        "delete_document",
        "edit_details",
        "postpone",
    ],
)
def test_managers_make_the_changes(client, request, prepared, role, post):
    name, args, data = POSTS[post](prepared)

    response = login(client, request, role).post(reverse(name, args=args), data)

    assert response.status_code == 302
    actor = request.getfixturevalue(role)
    expected_action = {
        "add_session": "add_session",
        "change_session": "change_session",
        "delete_session": "delete_session",
        "upload": "upload_document",
        "delete_document": "delete_document",
        "edit_details": "edit_details",
        "postpone": "postpone",
    }[post]
    assert list(ActivityLog.objects.values_list("actor", "action")) == [(actor.pk, expected_action)]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("case_handler", True),
        ("head_of_unit", True),
        ("administrator", True),
        ("event_expert", True),
        ("other_team_case_handler", False),
        ("applicant", False),
        ("ncp", False),
        ("expert", False),
        ("consultee", False),
    ],
)
def test_who_may_see_the_meeting_link(request, event, role, sees):
    user = request.getfixturevalue(role)

    assert user.has_perm("events.see_meeting_link", event) is sees


def test_an_expert_whose_invitation_is_not_accepted_does_not_see_the_link(event, case_handler):
    invitation = accept_expert(event, full_name="Ivo Invited")
    invitation.delete()  # only invited: not on the event

    assert invitation.expert.user.has_perm("events.see_meeting_link", event) is False


@pytest.mark.parametrize("role", VIEWERS)
def test_viewers_see_a_read_only_agenda(client, request, prepared, role):
    response = login(client, request, role).get(
        reverse("events:agenda", args=[prepared["event"].pk])
    )

    content = response.content.decode()
    assert response.context["form"] is None
    assert "Opening" in content
    assert f"/agenda/{prepared['session'].pk}/delete/" not in content
    assert AgendaSession.objects.get().starts_at == time(9, 30)
