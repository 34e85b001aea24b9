"""The expert mission report: the experts save and submit it, staff accept it or ask for changes;
the length limit, the sections a submission needs, stale edits, e-mails, and what the close
check says is missing."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.enums import REPORT_SECTION_MAX_CHARS, ReportState
from taiex.events.models import MissionReport
from taiex.events.report_workflow import MOVES, report_workflow
from taiex.events.services.reports import (
    ReportError,
    accept_mission_report,
    report_missing,
    request_report_changes,
    save_mission_report,
)
from tests.events.report_fixtures import (  # noqa: F401 (fixtures)
    accepted_expert,
    consultee,
    mission,
    other_team_case_handler,
    second_expert,
)
from tests.factories import EventFactory
from tests.factories.reports import MissionReportFactory

pytestmark = pytest.mark.django_db

SECTIONS = {
    "findings": "Interviews are held without interpreters.",
    "recommendations": "Hire interpreters.",
    "follow_up": "A workshop in 2027.",
}


def url(mission):
    return f"/events/{mission.pk}/report/"


def post_report(client, mission, action="save", version=1, **sections):
    return client.post(url(mission), {**SECTIONS, **sections, "version": version, "action": action})


def report_log(report):
    return list(
        ActivityLog.objects.filter(object_id=str(report.pk), content_type__model="missionreport")
        .order_by("id")
        .values_list("action", "from_state", "to_state", "actor__full_name", "note")
    )


def stored(mission):
    return MissionReport.objects.filter(event=mission).values().first()


# Saving and submitting


def test_saving_a_draft_creates_the_report_at_version_two(client, mission, accepted_expert):
    client.force_login(accepted_expert)

    response = post_report(client, mission)

    assert response.status_code == 302
    assert response["Location"] == url(mission)
    report = MissionReport.objects.get(event=mission)
    assert (report.state, report.version, report.updated_by) == ("draft", 2, accepted_expert)
    assert (report.findings, report.recommendations, report.follow_up) == tuple(SECTIONS.values())
    assert report.submitted_at is None
    assert report_log(report) == [("save_report_draft", "", "", "Sara Slovenska", "")]
    assert mail.outbox == []


def test_submitting_sends_the_report_to_the_case_handler(
    client,
    mission,
    accepted_expert,
    second_expert,
    case_handler,
    django_capture_on_commit_callbacks,
):
    client.force_login(accepted_expert)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_report(client, mission, action="submit")

    assert response.status_code == 302
    report = MissionReport.objects.get(event=mission)
    assert (report.state, report.version) == ("submitted", 2)
    assert report.submitted_at is not None
    assert report_log(report) == [("submit_report", "draft", "submitted", "Sara Slovenska", "")]
    assert [message.to for message in mail.outbox] == [[case_handler.email]]
    assert mail.outbox[0].subject == "[taiex] EM-2026-0007: the mission report is submitted"
    assert f"http://127.0.0.1:8000/events/{mission.pk}/report/" in mail.outbox[0].body


def test_the_other_expert_may_continue_the_draft(client, mission, accepted_expert, second_expert):
    MissionReportFactory(event=mission, version=4, updated_by=accepted_expert)
    client.force_login(second_expert)

    response = post_report(client, mission, version=4, findings="Ivo's findings.")

    assert response.status_code == 302
    report = MissionReport.objects.get(event=mission)
    assert (report.findings, report.version, report.updated_by) == (
        "Ivo's findings.",
        5,
        second_expert,
    )


@pytest.mark.parametrize(
    ("empty", "message"),
    [
        ("findings", "Write the findings section before submitting the report."),
        ("recommendations", "Write the recommendations section before submitting the report."),
        ("follow_up", "Write the follow-up section before submitting the report."),
    ],
)
def test_submitting_needs_every_section(client, mission, accepted_expert, empty, message):
    MissionReportFactory(event=mission, **{empty: ""})
    before = stored(mission)
    client.force_login(accepted_expert)

    response = post_report(client, mission, action="submit", **{empty: "   "})

    assert response.status_code == 200
    assert response.context["form"].errors == {empty: [message]}
    assert stored(mission) == before
    assert ActivityLog.objects.filter(content_type__model="missionreport").count() == 0


def test_submitting_an_empty_report_names_every_section(client, mission, accepted_expert):
    client.force_login(accepted_expert)

    response = post_report(
        client, mission, action="submit", findings="", recommendations="", follow_up=""
    )

    assert response.context["form"].errors == {
        "findings": ["Write the findings section before submitting the report."],
        "recommendations": ["Write the recommendations section before submitting the report."],
        "follow_up": ["Write the follow-up section before submitting the report."],
    }
    assert stored(mission) is None


@pytest.mark.parametrize("action", ["save", "submit"])
@pytest.mark.parametrize(
    ("section", "label"),
    [("findings", "findings"), ("recommendations", "recommendations"), ("follow_up", "follow-up")],
)
def test_a_section_above_the_limit_is_refused(
    client, mission, accepted_expert, action, section, label
):
    MissionReportFactory(event=mission)
    before = stored(mission)
    client.force_login(accepted_expert)
    too_long = "x" * (REPORT_SECTION_MAX_CHARS + 1)

    response = post_report(client, mission, action=action, **{section: too_long})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        section: [f"The {label} section is limited to 8,000 characters; it has 8,001."]
    }
    # The typed text is kept in the form.
    assert response.context["form"][section].value() == too_long
    assert stored(mission) == before


def test_a_section_at_the_limit_is_accepted(client, mission, accepted_expert):
    client.force_login(accepted_expert)

    post_report(client, mission, action="submit", findings="x" * REPORT_SECTION_MAX_CHARS)

    assert MissionReport.objects.get(event=mission).state == "submitted"


def test_a_stale_edit_is_refused_and_the_typed_text_kept(
    client, mission, accepted_expert, second_expert
):
    MissionReportFactory(event=mission, version=3, updated_by=second_expert, findings="Ivo's text.")
    before = stored(mission)
    client.force_login(accepted_expert)

    response = post_report(client, mission, version=2, findings="Sara's text.")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [
        "The report was saved by Ivo Ribar since you opened it (version 3). Your text is kept "
        "below: compare it with the saved text, then save again."
    ]
    assert form["findings"].value() == "Sara's text."
    assert form["version"].value() == 3
    assert response.context["saved"].findings == "Ivo's text."
    assert stored(mission) == before

    # Saving again, knowing both texts, goes through.
    post_report(client, mission, version=3, findings="Sara's and Ivo's text.")
    assert MissionReport.objects.get(event=mission).findings == "Sara's and Ivo's text."


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            "submitted",
            "The report is submitted: it can be changed again only if staff ask for changes.",
        ),
        ("accepted", "The report is accepted: it can no longer be changed."),
    ],
)
def test_a_submitted_or_accepted_report_cannot_be_changed(mission, accepted_expert, state, message):
    MissionReportFactory(event=mission, state=state)
    before = stored(mission)

    with pytest.raises(ReportError) as error:
        save_mission_report(
            mission, actor=accepted_expert, sections=SECTIONS, version=1, submit=False
        )

    assert str(error.value) == message
    assert stored(mission) == before


def test_changes_requested_report_can_be_edited_and_submitted_again(mission, accepted_expert):
    MissionReportFactory(event=mission, state="changes_requested", version=2)

    save_mission_report(mission, actor=accepted_expert, sections=SECTIONS, version=2)
    report = MissionReport.objects.get(event=mission)
    assert (report.state, report.version) == ("changes_requested", 3)

    save_mission_report(mission, actor=accepted_expert, sections=SECTIONS, version=3, submit=True)
    report.refresh_from_db()
    assert (report.state, report.version) == ("submitted", 4)


@pytest.mark.parametrize(
    ("event_state", "start_in_days", "message"),
    [
        ("planned", 1, "The report can be written from the first day of the mission."),
        ("confirmed", 1, "The report can be written from the first day of the mission."),
        ("postponed", -1, "The report can be written from the first day of the mission."),
        ("cancelled", -1, "The mission was cancelled: there is no report to write."),
        ("closed", -10, "The mission is closed: its report can no longer be changed."),
    ],
)
def test_the_report_is_written_only_once_the_mission_started(
    client, mission, accepted_expert, event_state, start_in_days, message
):
    mission.state = event_state
    mission.cancellation_reason = "No longer needed." if event_state == "cancelled" else ""
    mission.start_date = timezone.localdate() + timedelta(days=start_in_days)
    mission.end_date = mission.start_date + timedelta(days=2)
    mission.save()
    client.force_login(accepted_expert)

    page = client.get(url(mission))
    response = post_report(client, mission)

    assert page.context["form"] is None
    assert page.context["writing_refusal"] == message
    assert response.context["form"].non_field_errors() == [message]
    assert stored(mission) is None


@pytest.mark.parametrize("event_state", ["planned", "confirmed"])
def test_the_report_may_be_written_from_the_first_day(
    client, mission, accepted_expert, event_state
):
    mission.state = event_state
    mission.start_date = timezone.localdate()
    mission.end_date = mission.start_date + timedelta(days=2)
    mission.save()
    client.force_login(accepted_expert)

    post_report(client, mission)

    assert stored(mission)["version"] == 2


# The moves of the report's workflow


def test_the_table_has_exactly_these_moves():
    assert MOVES == {
        ("draft", "submitted"): "submit_report",
        ("changes_requested", "submitted"): "submit_report",
        ("submitted", "accepted"): "accept_report",
        ("submitted", "changes_requested"): "request_report_changes",
    }


def perform(report, to_state, *, expert, staff):
    if to_state == ReportState.SUBMITTED:
        return save_mission_report(
            report.event, actor=expert, sections=SECTIONS, version=report.version, submit=True
        )
    if to_state == ReportState.ACCEPTED:
        return accept_mission_report(report, actor=staff, note="Thorough work.")
    return request_report_changes(report, actor=staff, note="Add the statistics of 2025.")


EXPECTED_MAIL = {
    # to_state: (recipients, subject)
    "submitted": (["case_handler"], "[taiex] EM-2026-0007: the mission report is submitted"),
    "accepted": (
        ["ivo@gov.example", "sara@gov.example"],
        "[taiex] EM-2026-0007: the mission report is accepted",
    ),
    "changes_requested": (
        ["ivo@gov.example", "sara@gov.example"],
        "[taiex] EM-2026-0007: changes are asked to the mission report",
    ),
}
EXPECTED_NOTE = {
    "submitted": "",
    "accepted": "Thorough work.",
    "changes_requested": "Add the statistics of 2025.",
}


@pytest.mark.parametrize(("from_state", "to_state"), list(MOVES))
def test_every_move_of_the_table(
    mission,
    accepted_expert,
    second_expert,
    case_handler,
    from_state,
    to_state,
    django_capture_on_commit_callbacks,
):
    report = MissionReportFactory(event=mission, state=from_state, version=2)

    with django_capture_on_commit_callbacks(execute=True):
        perform(report, to_state, expert=accepted_expert, staff=case_handler)

    report.refresh_from_db()
    assert report.state == to_state
    actor = "Sara Slovenska" if to_state == "submitted" else "Carla Case Handler"
    assert report_log(report) == [
        (MOVES[(from_state, to_state)], from_state, to_state, actor, EXPECTED_NOTE[to_state])
    ]
    recipients, subject = EXPECTED_MAIL[to_state]
    recipients = [case_handler.email if r == "case_handler" else r for r in recipients]
    assert [message.to for message in mail.outbox] == [[address] for address in recipients]
    assert {message.subject for message in mail.outbox} == {subject}
    if to_state != "submitted":
        assert (report.reviewed_by, report.review_note) == (case_handler, EXPECTED_NOTE[to_state])
        assert EXPECTED_NOTE[to_state] in mail.outbox[0].body


ALL_PAIRS = [(a, b) for a in ReportState.values for b in ReportState.values if a != b]


@pytest.mark.parametrize(("from_state", "to_state"), [p for p in ALL_PAIRS if p not in MOVES])
def test_a_move_outside_the_table_is_refused(mission, case_handler, from_state, to_state):
    report = MissionReportFactory(event=mission, state=from_state)
    before = stored(mission)

    with pytest.raises(TransitionNotAllowed):
        report_workflow.transition(report, to_state, actor=case_handler)

    assert stored(mission) == before
    assert report_log(report) == []


def test_asking_for_changes_needs_a_note(client, mission, case_handler, accepted_expert):
    report = MissionReportFactory(event=mission, state="submitted")
    before = stored(mission)
    client.force_login(case_handler)

    response = client.post(
        f"/events/{mission.pk}/report/review/", {"action": "request_changes", "note": "  "}
    )

    assert response.status_code == 200
    assert response.context["review_form"].errors == {
        "note": ["Say what should change in the report."]
    }
    assert stored(mission) == before
    assert report_log(report) == []
    assert mail.outbox == []


def test_staff_accept_from_the_page(
    client, mission, case_handler, accepted_expert, django_capture_on_commit_callbacks
):
    MissionReportFactory(event=mission, state="submitted")
    client.force_login(case_handler)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{mission.pk}/report/review/", {"action": "accept"})

    assert response.status_code == 302
    report = MissionReport.objects.get(event=mission)
    assert (report.state, report.reviewed_by, report.review_note) == ("accepted", case_handler, "")
    assert [message.to for message in mail.outbox] == [["sara@gov.example"]]


def test_reviewing_a_draft_is_refused_with_a_message(client, mission, case_handler):
    MissionReportFactory(event=mission, state="draft")
    before = stored(mission)
    client.force_login(case_handler)

    response = client.post(
        f"/events/{mission.pk}/report/review/", {"action": "accept"}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Mission report of EM-2026-0007 is in the state “Draft”; it cannot move to “Accepted”."
    ]
    assert stored(mission) == before


# What the close check says


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (None, ["The expert mission report has not been submitted."]),
        ("draft", ["The expert mission report has not been submitted."]),
        ("submitted", ["The expert mission report is submitted but not accepted yet."]),
        (
            "changes_requested",
            [
                "Changes were asked to the expert mission report; the experts have not "
                "submitted it again."
            ],
        ),
        ("accepted", []),
    ],
)
def test_report_missing_by_state(mission, state, expected):
    if state is not None:
        MissionReportFactory(event=mission, state=state)

    assert report_missing(mission) == expected


@pytest.mark.parametrize("event_type", ["workshop", "study_visit"])
def test_report_missing_is_empty_for_other_events(db, event_type):
    assert report_missing(EventFactory(event_type=event_type)) == []
