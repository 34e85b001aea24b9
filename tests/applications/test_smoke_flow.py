from datetime import timedelta

from django.core import mail

from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.events.models import Event
from taiex.events.services.decisions import decide_application
from tests.factories import submittable_application


def test_request_walks_from_draft_to_approved_event(
    applicant, ncp, case_handler, head_of_unit, consultees, django_capture_on_commit_callbacks
):
    application = submittable_application(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.submit_application(application, actor=applicant)
        application = services.forward_application(application, actor=ncp, note="Fine.")
    assert application.state == S.CONSULTATION
    assert application.team.code == "jfs"
    closed = services.close_silent_consultations(
        now=application.consultation_deadline + timedelta(seconds=1)
    )
    assert [a.pk for a in closed] == [application.pk]
    application.refresh_from_db()
    application = services.propose_decision(
        application,
        actor=case_handler,
        recommendation="approve",
        criteria=dict.fromkeys(
            ["eligibility", "link_to_eu_law", "clarity", "no_overlap", "timing"], True
        ),
        reason="Clear link to the asylum acquis.",
    )
    application = decide_application(
        application, actor=head_of_unit, decision="approve", reason="Approved at the meeting."
    )
    event = Event.objects.get(application=application)
    assert event.reference == f"WS-{application.preferred_start.year}-0001"
    assert event.case_handler == case_handler
    assert application.reference.startswith("APP-")
    assert len(mail.outbox) >= 2
