"""Who may open, write and review an expert mission report; a denied request changes nothing;
the expert finds the report on their home."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from io import BytesIO

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from taiex.core.models import ActivityLog
from taiex.events.models import MissionReport
from tests.events.report_fixtures import (  # noqa: F401 (fixtures)
    NOBODY,
    ROLES,
    accepted_expert,
    client_as,
    consultee,
    mission,
    other_team_case_handler,
)
from tests.factories import EventFactory
from tests.factories.reports import MissionReportFactory, expert_on_event

pytestmark = pytest.mark.django_db

FINDINGS = "The asylum unit interviews without interpreters."


def stored(mission):
    return MissionReport.objects.filter(event=mission).values().first()


# role: (status, sees the text, has the form, has the review form) for a submitted report
EXPECTED_PAGE_SUBMITTED = {
    NOBODY: (302, False, False, False),
    "applicant": (200, False, False, False),
    "ncp": (200, False, False, False),
    "ncp_albania": (404, False, False, False),
    "expert": (404, False, False, False),
    "accepted_expert": (200, True, False, False),
    "consultee": (404, False, False, False),
    "other_team_case_handler": (200, True, False, False),
    "case_handler": (200, True, False, True),
    "head_of_unit": (200, True, False, True),
    "administrator": (200, True, False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_report_page_of_a_submitted_report(client, request, mission, accepted_expert, role):
    MissionReportFactory(event=mission, state="submitted")
    status, sees_text, has_form, has_review = EXPECTED_PAGE_SUBMITTED[role]

    response = client_as(client, request, role).get(f"/events/{mission.pk}/report/")

    assert response.status_code == status
    if role == NOBODY:
        assert response["Location"] == f"/accounts/login/?next=/events/{mission.pk}/report/"
    if status == 200:
        content = response.content.decode()
        assert "<h1>Mission report: Asylum case management</h1>" in content
        assert (FINDINGS in content) is sees_text
        assert ("Save draft" in content) is has_form
        assert ("Accept the report" in content) is has_review
        assert (
            "The report is not available yet: it can be read here once staff have accepted it."
            in content
        ) is (not sees_text)


@pytest.mark.parametrize("role", ["applicant", "ncp"])
def test_the_beneficiary_side_reads_the_accepted_report(client, request, mission, role):
    MissionReportFactory(event=mission, state="accepted")

    content = client_as(client, request, role).get(f"/events/{mission.pk}/report/").content

    assert FINDINGS in content.decode()
    assert "Save draft" not in content.decode()


def test_the_expert_gets_the_form_on_a_draft(client, mission, accepted_expert):
    MissionReportFactory(event=mission, state="draft", version=3)
    client.force_login(accepted_expert)

    response = client.get(f"/events/{mission.pk}/report/")

    form = response.context["form"]
    assert (form["findings"].value(), form["version"].value()) == (FINDINGS, 3)
    content = response.content.decode()
    assert '<label for="id_findings">Findings:</label>' in content
    assert '<input type="hidden" name="version" value="3" id="id_version">' in content


def test_the_expert_page_has_no_staff_tabs(client, mission, accepted_expert, case_handler):
    client.force_login(accepted_expert)
    assert "Parts of the event" not in client.get(f"/events/{mission.pk}/report/").content.decode()

    client.force_login(case_handler)
    assert "Parts of the event" in client.get(f"/events/{mission.pk}/report/").content.decode()


def test_a_workshop_has_no_report_page(client, case_handler, db):
    workshop = EventFactory(case_handler=case_handler)
    client.force_login(case_handler)

    assert client.get(f"/events/{workshop.pk}/report/").status_code == 404


def test_a_withdrawn_expert_no_longer_reaches_the_report(client, mission, accepted_expert):
    mission.event_experts.update(left_at=timezone.now())  # withdrawn
    client.force_login(accepted_expert)

    assert client.get(f"/events/{mission.pk}/report/").status_code == 404


EXPECTED_SAVE = {
    NOBODY: 302,
    "applicant": 403,
    "ncp": 403,
    "ncp_albania": 404,
    "expert": 404,
    "accepted_expert": 302,
    "consultee": 404,
    "other_team_case_handler": 403,
    "case_handler": 403,
    "head_of_unit": 403,
    "administrator": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_accepted_experts_write(client, request, mission, accepted_expert, role):
    MissionReportFactory(event=mission, state="draft")
    before = stored(mission)
    logs = ActivityLog.objects.count()

    response = client_as(client, request, role).post(
        f"/events/{mission.pk}/report/",
        {
            "findings": "Changed.",
            "recommendations": "Changed.",
            "follow_up": "Changed.",
            "version": 1,
            "action": "submit",
        },
    )

    assert response.status_code == EXPECTED_SAVE[role]
    if role == "accepted_expert":
        assert stored(mission)["state"] == "submitted"
    else:
        assert stored(mission) == before
        assert ActivityLog.objects.count() == logs
        assert mail.outbox == []


EXPECTED_REVIEW = {**EXPECTED_SAVE, "accepted_expert": 403}
EXPECTED_REVIEW.update(case_handler=302, head_of_unit=302, administrator=302)


@pytest.mark.parametrize("action", ["accept", "request_changes"])
@pytest.mark.parametrize("role", ROLES)
def test_only_staff_who_manage_the_mission_review(
    client, request, mission, accepted_expert, role, action
):
    MissionReportFactory(event=mission, state="submitted")
    before = stored(mission)
    logs = ActivityLog.objects.count()

    response = client_as(client, request, role).post(
        f"/events/{mission.pk}/report/review/", {"action": action, "note": "Add figures."}
    )

    assert response.status_code == EXPECTED_REVIEW[role]
    if EXPECTED_REVIEW[role] == 302 and role != NOBODY:
        expected = "accepted" if action == "accept" else "changes_requested"
        assert stored(mission)["state"] == expected
    else:
        assert stored(mission) == before
        assert ActivityLog.objects.count() == logs
        assert mail.outbox == []


# The expert's home lists the reports to write


def test_the_expert_home_links_to_the_report(client, mission, accepted_expert, case_handler):
    workshop = EventFactory(reference="WS-2026-0001", case_handler=case_handler)
    expert_on_event(workshop, expert=accepted_expert.expert)
    client.force_login(accepted_expert)

    content = client.get("/experts/home/").content.decode()

    assert (
        f'<a href="/events/{mission.pk}/report/">Mission report of EM-2026-0007: '
        "Asylum case management</a>" in content
    )
    assert "Mission report of WS-2026-0001" not in content
    assert '<a href="/events/calendar/">My events in my calendar application</a>' in content


def test_the_expert_home_has_no_report_before_the_mission(client, mission, accepted_expert):
    mission.state = "planned"
    mission.start_date = mission.end_date = None
    mission.save()
    client.force_login(accepted_expert)

    content = client.get("/experts/home/").content.decode()

    assert "No mission report to write." in content


# The PDF

EXPECTED_PDF_SUBMITTED = {
    NOBODY: 302,
    "applicant": 404,
    "ncp": 404,
    "ncp_albania": 404,
    "expert": 404,
    "accepted_expert": 200,
    "consultee": 404,
    "other_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 200,
    "administrator": 200,
}


def pdf_text(response):
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


@pytest.mark.parametrize("role", ROLES)
def test_report_pdf_permissions(client, request, mission, accepted_expert, role):
    MissionReportFactory(event=mission, state="submitted", version=3)

    response = client_as(client, request, role).get(f"/events/{mission.pk}/report/report.pdf")

    assert response.status_code == EXPECTED_PDF_SUBMITTED[role]
    if response.status_code == 200:
        assert response["Content-Disposition"] == (
            'attachment; filename="EM-2026-0007-mission-report.pdf"'
        )
        text = " ".join(pdf_text(response).split())
        assert "Expert mission report" in text
        assert "EM-2026-0007: Asylum case management" in text
        assert "Submitted: not accepted yet" in text
        assert "Sara Slovenska (Slovenia, expert)" in text
        assert FINDINGS in text
        assert "Version 3" in text


@pytest.mark.parametrize("role", ["applicant", "ncp"])
def test_the_beneficiary_side_downloads_the_accepted_report(client, request, mission, role):
    MissionReportFactory(event=mission, state="accepted", reviewed_at=timezone.now())

    response = client_as(client, request, role).get(f"/events/{mission.pk}/report/report.pdf")

    text = " ".join(pdf_text(response).split())
    assert f"Accepted on {timezone.localdate():%-d %B %Y}" in text
    assert "Train interpreters; record interviews." in text


def test_no_pdf_before_the_report_is_started(client, mission, case_handler):
    client.force_login(case_handler)

    assert client.get(f"/events/{mission.pk}/report/report.pdf").status_code == 404
