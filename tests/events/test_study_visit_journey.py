"""A study visit from the request to the host fee, through the pages where a person acts and the
services where the pages call them: requested with a host Member State and no experts, approved,
its host asked and agreed, confirmed, implemented, and the host's fee statement made."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.applications import services as request_services
from taiex.applications.enums import Criterion
from taiex.events import services
from taiex.events.models import Event, FeeStatement, HostAgreement
from taiex.events.services.decisions import decide_application
from taiex.events.services.fees import refresh_statements
from taiex.reference.models import Country
from tests.factories import InstitutionFactory, submittable_application
from tests.factories.lifecycle import AgendaSessionFactory

pytestmark = pytest.mark.django_db


def test_study_visit_from_request_to_host_fee_statement(
    client, applicant, ncp, case_handler, head_of_unit
):
    portugal = Country.objects.get(code="PT")
    host = InstitutionFactory(name="Portuguese Agency for Integration", country=portugal)
    application = request_services.submit_application(
        submittable_application(
            applicant,
            assistance_type="study_visit",
            participants_count=4,
            host_left_to_programme=False,
            host_country=portugal,
            host_institution_wished="Agency for Integration, Migration and Asylum",
        ),
        actor=applicant,
    )
    application = request_services.forward_application(application, actor=ncp)
    application = request_services.close_consultation(application, actor=None, note="Silence.")
    client.force_login(case_handler)
    assessed_page = client.get(
        reverse("applications:detail", args=[application.pk])
    ).content.decode()
    application = request_services.propose_decision(
        application,
        actor=case_handler,
        recommendation="approve",
        criteria=dict.fromkeys(Criterion.values, True),
        reason="A clear need.",
    )
    application = decide_application(
        application, actor=head_of_unit, decision="approve", reason="Fits the agenda."
    )
    event = application.events.get()
    assert (event.event_type, event.experts_needed, event.host_institution) == (
        "study_visit",
        0,
        None,
    )
    assert "Portugal: Agency for Integration, Migration and Asylum" in assessed_page

    # The case handler asks the host on the event's page; the applicant's wish is the hint.
    page = client.get(reverse("events:detail", args=[event.pk]))
    assert page.context["host_wish"] == (
        "The applicant prefers: Portugal, Agency for Integration, Migration and Asylum."
    )
    asked = client.post(
        reverse("events:host_ask", args=[event.pk]), {"host-ask-institution": host.pk}
    )
    agreement = HostAgreement.objects.get(event=event)
    agreed = client.post(
        reverse("events:host_answer", args=[event.pk, agreement.pk]),
        {f"host-answer-{agreement.pk}-answer": "agreed"},
    )
    assert (asked.status_code, agreed.status_code) == (302, 302)

    # The visit took place last week (the dates are moved back: nothing in the code is timed).
    start = timezone.localdate() - timedelta(days=7)
    Event.objects.filter(pk=event.pk).update(start_date=start, end_date=start + timedelta(days=1))
    event.refresh_from_db()
    AgendaSessionFactory(event=event, title="The reception centre")

    confirmed = client.post(reverse("events:act", args=[event.pk, "confirm"]), {"confirm-note": ""})
    services.mark_event_implemented(event, actor=case_handler, participants_count=4)
    result = refresh_statements(event, actor=case_handler)

    event.refresh_from_db()
    statement = FeeStatement.objects.get(event=event)
    assert confirmed.status_code == 302
    assert (event.state, event.host_institution, event.venue_country) == (
        "implemented",
        host,
        portugal,
    )
    assert (result.problems, statement.host_institution, statement.event_expert) == (
        [],
        host,
        None,
    )
    assert [line["kind"] for line in statement.lines] == ["host_fee", "host_fee"]
    assert statement.total == Decimal("700.00")
