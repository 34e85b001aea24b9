"""Two people acting at the same moment must not get the same reference (PostgreSQL only).

SQLite serialises every write, so races only show on PostgreSQL; run with a DATABASE_URL.
"""

import threading
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from taiex.events.models import Event
from taiex.events.services.decisions import decide_application
from tests.factories import ApplicationFactory, submittable_application

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs real row locks: run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_together(*actions):
    """Run each action in its own thread, released at the same moment; return their errors."""
    barrier = threading.Barrier(len(actions))
    errors = []

    def run(action):
        try:
            barrier.wait(timeout=10)
            action()
        except Exception as error:  # collected here, asserted empty by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_concurrent_approvals_get_different_event_references(case_handler, head_of_unit):
    year = timezone.localdate().year + 1
    applications = [
        ApplicationFactory(
            state=S.PROPOSED,
            case_handler=case_handler,
            assistance_type="expert_mission",
            preferred_start=date(year, 5, 4),
            preferred_end=date(year, 5, 5),
        )
        for _ in range(2)
    ]

    def approve(pk):
        return lambda: decide_application(
            Application.objects.get(pk=pk),
            actor=head_of_unit,
            decision="approve",
            reason="Approved at the meeting.",
        )

    errors = run_together(*(approve(application.pk) for application in applications))

    assert errors == []
    assert sorted(Event.objects.values_list("reference", flat=True)) == [
        f"EM-{year}-0001",
        f"EM-{year}-0002",
    ]


def test_concurrent_submissions_get_different_references(applicant):
    applications = [submittable_application(applicant) for _ in range(2)]
    year = timezone.localdate().year

    def submit(pk):
        return lambda: services.submit_application(Application.objects.get(pk=pk), actor=applicant)

    errors = run_together(*(submit(application.pk) for application in applications))

    assert errors == []
    assert sorted(Application.objects.values_list("reference", flat=True)) == [
        f"APP-{year}-00001",
        f"APP-{year}-00002",
    ]


def test_concurrent_last_opinions_close_the_consultation(ncp, consultees):
    application = services.forward_application(ApplicationFactory(state=S.SUBMITTED), actor=ncp)
    services.record_opinion(
        application.consultations.get(group="eu_delegation"),
        actor=consultees["eu_delegation"],
        opinion="no_objection",
    )

    def no_objection(group):
        return lambda: services.record_opinion(
            application.consultations.get(group=group),
            actor=consultees[group],
            opinion="no_objection",
        )

    errors = run_together(no_objection("geographic_desk"), no_objection("line_dg"))

    assert errors == []
    application.refresh_from_db()
    assert application.state == S.ASSESSMENT
    assert list(application.consultations.values_list("opinion", flat=True)) == ["no_objection"] * 3
