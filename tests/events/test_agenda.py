"""The agenda builder: sessions within the event's dates, speakers among the accepted experts,
languages among the working ones; the page by day with the venue's time zone; the PDF."""

import io
from datetime import date, time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from taiex.core.models import ActivityLog
from taiex.events.models import AgendaSession, Event
from taiex.reference.models import Language
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert


@pytest.fixture
def agenda_event(event):
    """The Serbian workshop on 13-14 Nov 2019 in Belgrade's time zone, with one expert."""
    Event.objects.filter(pk=event.pk).update(
        start_date=date(2019, 11, 13), end_date=date(2019, 11, 14), time_zone="Europe/Belgrade"
    )
    event.refresh_from_db()
    return event


def post_session(client, event, **changes):
    data = {
        "day": "2019-11-13",
        "starts_at": "09:30",
        "ends_at": "11:00",
        "title": "Opening and introduction",
        "description": "",
        **changes,
    }
    return client.post(reverse("events:agenda", args=[event.pk]), data)


def test_add_a_session_with_speakers_and_language(client, agenda_event, case_handler):
    eva = accept_expert(agenda_event, full_name="Eva Expert").expert
    english = Language.objects.get(code="en")
    agenda_event.working_languages.set([english, Language.objects.get(code="sr")])
    client.force_login(case_handler)

    response = post_session(
        client, agenda_event, speakers=[eva.pk], language=english.pk, interpretation="on"
    )

    assert response.status_code == 302
    session = AgendaSession.objects.get()
    assert (
        session.day,
        session.starts_at,
        session.ends_at,
        session.title,
        session.language,
        session.interpretation,
        list(session.speakers.all()),
    ) == (
        date(2019, 11, 13),
        time(9, 30),
        time(11),
        "Opening and introduction",
        english,
        True,
        [eva],
    )
    assert list(ActivityLog.objects.values_list("action", "note")) == [
        ("add_session", "13 Nov 2019 09:30-11:00 Opening and introduction")
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"day": "2019-11-16"},
            "day",
            "The session must take place between 13 Nov 2019 and 14 Nov 2019.",
        ),
        (
            {"day": "2019-11-12"},
            "day",
            "The session must take place between 13 Nov 2019 and 14 Nov 2019.",
        ),
        ({"ends_at": "09:30"}, "ends_at", "The session must end after it starts."),
        ({"ends_at": "08:00"}, "ends_at", "The session must end after it starts."),
        ({"title": ""}, "title", "This field is required."),
    ],
)
def test_a_wrong_session_is_refused_next_to_its_field(
    client, agenda_event, case_handler, changes, field, message
):
    client.force_login(case_handler)

    response = post_session(client, agenda_event, **changes)

    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    content = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error"><li>{message}</li></ul>' in content
    assert AgendaSession.objects.count() == 0
    assert ActivityLog.objects.count() == 0


def test_a_speaker_must_have_accepted(client, agenda_event, case_handler):
    invited = accept_expert(agenda_event, full_name="Ivo Invited")
    invited.delete()  # only invited: not on the event
    client.force_login(case_handler)

    response = post_session(client, agenda_event, speakers=[invited.expert.pk])

    assert response.context["form"].errors == {
        "speakers": ["Choose speakers among the experts who accepted to take part."]
    }
    assert AgendaSession.objects.count() == 0


def test_the_language_must_be_a_working_language(client, agenda_event, case_handler):
    agenda_event.working_languages.set([Language.objects.get(code="en")])
    client.force_login(case_handler)

    response = post_session(client, agenda_event, language=Language.objects.get(code="fr").pk)

    assert response.context["form"].errors == {
        "language": ["Choose one of the working languages of the event: English."]
    }
    assert AgendaSession.objects.count() == 0


def test_without_working_languages_any_language_goes(client, agenda_event, case_handler):
    client.force_login(case_handler)

    post_session(client, agenda_event, language=Language.objects.get(code="fr").pk)

    assert AgendaSession.objects.get().language.code == "fr"


def test_an_event_without_dates_has_no_agenda_yet(client, agenda_event, case_handler):
    Event.objects.filter(pk=agenda_event.pk).update(start_date=None, end_date=None)
    client.force_login(case_handler)

    response = post_session(client, agenda_event)

    assert response.context["form"].errors == {
        "day": ["Set the dates of the event before building its agenda."]
    }


def test_the_page_lists_sessions_by_day_with_the_time_zone(client, agenda_event, ncp):
    eva = accept_expert(agenda_event, full_name="Eva Expert").expert
    second = AgendaSessionFactory(
        event=agenda_event, day=date(2019, 11, 14), starts_at=time(9), ends_at=time(10), title="B"
    )
    later = AgendaSessionFactory(
        event=agenda_event, day=date(2019, 11, 13), starts_at=time(14), ends_at=time(15), title="C"
    )
    first = AgendaSessionFactory(event=agenda_event, day=date(2019, 11, 13), title="A")
    first.speakers.set([eva])
    client.force_login(ncp)

    response = client.get(reverse("events:agenda", args=[agenda_event.pk]))

    assert response.context["days"] == [
        (date(2019, 11, 13), [first, later]),
        (date(2019, 11, 14), [second]),
    ]
    content = response.content.decode()
    assert "<strong>Europe/Belgrade (UTC+01:00)</strong>" in content
    assert "Wednesday 13 November 2019" in content
    assert "<td>09:30\u201311:00</td>" in content
    assert "Eva Expert (Slovenia)" in content


def test_change_and_delete_a_session(client, agenda_event, case_handler):
    session = AgendaSessionFactory(event=agenda_event, title="Opening")
    client.force_login(case_handler)

    changed = client.post(
        reverse("events:session_edit", args=[agenda_event.pk, session.pk]),
        {"day": "2019-11-14", "starts_at": "10:00", "ends_at": "11:30", "title": "Closing"},
    )
    session.refresh_from_db()
    snapshot = (session.day, session.starts_at, session.title)
    deleted = client.post(reverse("events:session_delete", args=[agenda_event.pk, session.pk]))

    assert (changed.status_code, deleted.status_code) == (302, 302)
    assert snapshot == (date(2019, 11, 14), time(10), "Closing")
    assert AgendaSession.objects.count() == 0
    assert list(ActivityLog.objects.values_list("action", "note")) == [
        ("change_session", "14 Nov 2019 10:00-11:30 Closing"),
        ("delete_session", "14 Nov 2019 10:00-11:30 Closing"),
    ]


def test_changing_a_session_outside_the_dates_is_refused(client, agenda_event, case_handler):
    session = AgendaSessionFactory(event=agenda_event, title="Opening")
    client.force_login(case_handler)

    response = client.post(
        reverse("events:session_edit", args=[agenda_event.pk, session.pk]),
        {"day": "2019-11-20", "starts_at": "10:00", "ends_at": "11:30", "title": "Closing"},
    )

    assert response.context["form"].errors == {
        "day": ["The session must take place between 13 Nov 2019 and 14 Nov 2019."]
    }
    session.refresh_from_db()
    assert (session.day, session.title) == (date(2019, 11, 13), "Opening")


def test_a_session_of_another_event_is_404(client, agenda_event, case_handler):
    from tests.factories import EventFactory

    other = AgendaSessionFactory(event=EventFactory(case_handler=case_handler), title="Other")
    client.force_login(case_handler)

    response = client.post(reverse("events:session_delete", args=[agenda_event.pk, other.pk]))

    assert response.status_code == 404
    assert AgendaSession.objects.count() == 1


@pytest.mark.parametrize("state", ["implemented", "closed", "cancelled"])
def test_the_agenda_of_a_delivered_event_is_read_only(client, agenda_event, case_handler, state):
    session = AgendaSessionFactory(event=agenda_event, title="Opening")
    Event.objects.filter(pk=agenda_event.pk).update(state=state, cancellation_reason="x")
    client.force_login(case_handler)

    page = client.get(reverse("events:agenda", args=[agenda_event.pk]))
    added = post_session(client, agenda_event, title="Late")
    deleted = client.post(reverse("events:session_delete", args=[agenda_event.pk, session.pk]))

    assert page.context["form"] is None
    assert (added.status_code, deleted.status_code) == (302, 302)
    shown = client.get(reverse("events:agenda", args=[agenda_event.pk]))
    label = Event.objects.get().get_state_display().lower()
    message = f"The agenda of an event that is {label} can no longer change."
    assert [str(m) for m in shown.context["messages"]] == [message, message]
    assert list(AgendaSession.objects.values_list("title", flat=True)) == ["Opening"]
    assert ActivityLog.objects.count() == 0


def test_the_agenda_pdf_has_the_sessions(client, agenda_event, applicant):
    eva = accept_expert(agenda_event, full_name="Eva Expert").expert
    session = AgendaSessionFactory(event=agenda_event, title="Vulnerable groups in detention")
    session.speakers.set([eva])
    AgendaSessionFactory(event=agenda_event, day=date(2019, 11, 14), title="Alternatives")
    client.force_login(applicant)

    response = client.get(reverse("events:agenda_pdf", args=[agenda_event.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="agenda-WS-2026-0042.pdf"'
    assert response.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for expected in [
        "Asylum interview techniques",
        "Wednesday 13 November 2019",
        "Vulnerable groups in detention",
        "Eva Expert (Slovenia)",
        "Thursday 14 November 2019",
        "Alternatives",
        "Europe/Belgrade (UTC+01:00)",
    ]:
        assert expected in text
