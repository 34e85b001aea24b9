"""The planning meeting's decision, posted from the request's page to the events app: an approval
creates the event in the same move; a refusal re-renders the request page with the error."""

import pytest
from django.urls import reverse

from taiex.applications import services
from taiex.applications.enums import Criterion
from taiex.core.models import ActivityLog
from taiex.events.models import Event
from tests.factories import submittable_application

pytestmark = pytest.mark.django_db


def proposed(applicant, ncp, case_handler):
    application = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    application = services.close_consultation(application, actor=None, note="Silence.")
    return services.propose_decision(
        application,
        actor=case_handler,
        recommendation="approve",
        criteria=dict.fromkeys(Criterion.values, True),
        reason="Assessed.",
    )


def test_the_request_page_posts_the_decision_to_the_events_app(
    client, applicant, ncp, case_handler, head_of_unit
):
    application = proposed(applicant, ncp, case_handler)
    client.force_login(head_of_unit)

    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    response = client.post(
        reverse("events:decide_application", args=[application.pk]),
        {"decide-decision": "approve", "decide-reason": "Fits the accession agenda."},
    )

    url = reverse("events:decide_application", args=[application.pk])
    assert f'action="{url}"' in page
    application.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:detail", args=[application.pk])
    assert application.state == "approved"
    assert Event.objects.get(application=application).case_handler == case_handler


def test_a_decision_without_reason_shows_the_error_and_changes_nothing(
    client, applicant, ncp, case_handler, head_of_unit
):
    application = proposed(applicant, ncp, case_handler)
    client.force_login(head_of_unit)
    logs = ActivityLog.objects.count()

    response = client.post(
        reverse("events:decide_application", args=[application.pk]),
        {"decide-decision": "approve", "decide-reason": ""},
    )

    application.refresh_from_db()
    assert response.status_code == 400
    assert response.context["forms"]["decide"].errors == {"reason": ["Give the reason for the decision."]}
    assert (application.state, Event.objects.count(), ActivityLog.objects.count()) == (
        "proposed",
        0,
        logs,
    )


def test_a_request_the_user_may_not_see_is_not_found(client, applicant, ncp, case_handler):
    application = proposed(applicant, ncp, case_handler)
    client.force_login(applicant)

    response = client.post(
        reverse("events:decide_application", args=[application.pk]),
        {"decide-decision": "approve", "decide-reason": "x"},
    )

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.state == "proposed"
