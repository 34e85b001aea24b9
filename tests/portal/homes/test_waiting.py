"""The role homes start with what waits for the user: exact items, oldest or most urgent first,
each a link to where the action is done; the same number of queries for 1 and 3 items."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.events.models import FeeStatement, LimitException, MissionReport
from taiex.reference.models import ThematicTeam
from taiex.staffing.models import Invitation
from tests.factories import EventFactory, ExpertFactory, make_user, submittable_application
from tests.factories.reports import expert_on_event

from .helpers import proposed, submitted

pytestmark = pytest.mark.django_db


def waiting(client, user):
    client.force_login(user)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 200
    return {section.key: section for section in response.context["waiting"]}


def labels(section):
    return [item.label for item in section.items]


def home_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("accounts:home")).status_code == 200
    return len(context.captured_queries)


def test_ncp_home_lists_requests_to_check_oldest_first_with_the_days_waited(client, applicant, ncp):
    recent = submitted(applicant, days_ago=2)
    oldest = submitted(applicant, days_ago=9)
    returned = services.return_application(
        submitted(applicant), actor=ncp, reason="Add the CELEX numbers."
    )

    sections = waiting(client, ncp)

    check = sections["ncp-check"]
    assert check.count == 2
    assert [(item.url, item.age_days) for item in check.items] == [
        (reverse("applications:detail", args=[oldest.pk]), 9),
        (reverse("applications:detail", args=[recent.pk]), 2),
    ]
    assert [item.url for item in sections["ncp-returned"].items] == [
        reverse("applications:detail", args=[returned.pk])
    ]
    assert sections["ncp-applicants"].count == 0
    assert list(sections) == ["ncp-check", "ncp-returned", "ncp-institutions", "ncp-applicants"]


def test_ncp_home_lists_people_who_registered_and_wait_for_confirmation(client, ncp):
    newcomer = make_user(Role.APPLICANT, country="RS", full_name="Nina Newcomer")
    newcomer.memberships.update(confirmed_at=None)
    make_user(Role.APPLICANT, country="AL").memberships.update(confirmed_at=None)  # not theirs

    section = waiting(client, ncp)["ncp-applicants"]

    assert (section.count, labels(section)) == (1, ["Nina Newcomer"])
    assert section.items[0].url == reverse("accounts:gate")


def test_consulted_service_home_lists_open_consultations_by_deadline(
    client, applicant, ncp, consultees
):
    first = services.forward_application(submitted(applicant), actor=ncp)
    second = services.forward_application(submitted(applicant), actor=ncp)
    later = timezone.now() + timedelta(days=30)
    type(first).objects.filter(pk=first.pk).update(consultation_deadline=later)

    section = waiting(client, consultees["eu_delegation"])["opinions"]

    assert section.count == 2
    assert [item.url for item in section.items] == [
        reverse("applications:detail", args=[second.pk]),
        reverse("applications:detail", args=[first.pk]),
    ]
    assert section.items[1].deadline == timezone.localdate(later)


def event(**fields):
    """An event whose dates hold together when a test sets only one of them."""
    if "start_date" in fields and "end_date" not in fields:
        fields["end_date"] = fields["start_date"] + timedelta(days=1)
    elif "end_date" in fields and "start_date" not in fields:
        fields["start_date"] = fields["end_date"] - timedelta(days=1)
    return EventFactory(**fields)


def team(code="jfs"):
    return ThematicTeam.objects.get(code=code)


def test_case_handler_home_lists_events_statements_invitations_and_reports(client, case_handler):
    today = timezone.localdate()
    later = event(state="planned", team=team(), start_date=today + timedelta(days=40))
    sooner = event(state="planned", team=team(), start_date=today + timedelta(days=10))
    event(state="planned", team=team("agri"), start_date=today)  # another team's
    to_close = event(state="implemented", team=team(), end_date=today - timedelta(days=5))
    mission = event(
        state="implemented",
        team=team(),
        event_type="expert_mission",
        start_date=today - timedelta(days=50),
        end_date=today - timedelta(days=45),
    )
    place = expert_on_event(mission)
    statement = FeeStatement.objects.create(event=mission, event_expert=place, total="450.00")
    Invitation.objects.create(
        event=sooner,
        expert=ExpertFactory(),
        invited_by=case_handler,
        expires_at=timezone.now() + timedelta(days=3),
    )

    sections = waiting(client, case_handler)

    assert [item.url for item in sections["to-confirm"].items] == [
        reverse("events:detail", args=[sooner.pk]),
        reverse("events:detail", args=[later.pk]),
    ]
    assert [item.url for item in sections["to-close"].items] == [
        reverse("events:detail", args=[mission.pk]),
        reverse("events:detail", args=[to_close.pk]),
    ]
    assert [item.url for item in sections["statements"].items] == [
        reverse("events:statement", args=[mission.pk, statement.pk])
    ]
    assert sections["invitations"].count == 1
    assert sections["invitations"].items[0].deadline == today + timedelta(days=3)
    overdue = sections["reports-overdue"]
    assert [item.url for item in overdue.items] == [reverse("events:report", args=[mission.pk])]
    assert overdue.items[0].days_left == -15

    MissionReport.objects.create(event=mission, state="submitted", submitted_at=timezone.now())
    sections = waiting(client, case_handler)
    assert sections["reports-overdue"].count == 0
    assert sections["reports-review"].count == 1


def test_head_of_unit_home_lists_proposals_oldest_first_and_exceptions(
    client, applicant, ncp, case_handler, head_of_unit
):
    newer = proposed(applicant, ncp, case_handler, days_ago=1)
    older = proposed(applicant, ncp, case_handler, days_ago=6, recommendation="reject")
    planned = event(state="planned")
    LimitException.objects.create(
        event=planned,
        limit="max_days",
        allowed_value=6,
        reason="Two sites.",
        requested_by=case_handler,
    )

    sections = waiting(client, head_of_unit)

    proposals = sections["proposals"]
    assert [item.url for item in proposals.items] == [
        reverse("applications:detail", args=[older.pk]),
        reverse("applications:detail", args=[newer.pk]),
    ]
    assert [item.detail for item in proposals.items] == ["Proposed: reject", "Proposed: approve"]
    assert proposals.action_url == reverse("accounts:decide_proposals")
    assert sections["exceptions"].count == 1
    assert sections["exceptions"].items[0].detail == "Days up to 6"


def test_expert_home_lists_invitations_to_answer_soonest_deadline_first(client, case_handler):
    expert = ExpertFactory()
    user = expert.user
    user.memberships.get_or_create(role=Role.EXPERT)
    events = [event(state="planned") for _ in range(2)]
    for planned, days in zip(events, (9, 2), strict=True):
        Invitation.objects.create(
            event=planned,
            expert=expert,
            invited_by=case_handler,
            expires_at=timezone.now() + timedelta(days=days),
        )

    section = waiting(client, user)["expert-invitations"]

    assert section.count == 2
    assert labels(section) == [f"{e.reference} {e.title}" for e in reversed(events)]


def test_applicant_home_lists_drafts_returned_requests_and_events_to_fill(client, applicant, ncp):
    draft = submittable_application(applicant)
    returned = services.return_application(submitted(applicant), actor=ncp, reason="Dates?")
    approved = submitted(applicant)
    coming = event(
        state="planned", application=approved, start_date=date.today() + timedelta(days=20)
    )
    coming.capacity = 25
    coming.save(update_fields=["capacity"])

    sections = waiting(client, applicant)

    assert [item.url for item in sections["drafts"].items] == [
        reverse("applications:detail", args=[draft.pk])
    ]
    assert [item.url for item in sections["returned"].items] == [
        reverse("applications:detail", args=[returned.pk])
    ]
    assert [item.url for item in sections["events-coming"].items] == [
        reverse("events:detail", args=[coming.pk])
    ]
    participants = sections["participants"]
    assert [(item.url, item.detail) for item in participants.items] == [
        (reverse("events:participants", args=[coming.pk]), "0 of 25 seats taken")
    ]


def test_home_shows_the_waiting_items_as_links(client, applicant, ncp):
    application = submitted(applicant, days_ago=3)

    client.force_login(ncp)
    page = client.get(reverse("accounts:home")).content.decode()

    assert "Waiting for you" in page
    assert f'href="{reverse("applications:detail", args=[application.pk])}"' in page
    assert "waiting 3 days" in page


# Query counts: the same for one and for three waiting items of every section of the role.


def test_ncp_home_queries_do_not_grow_with_the_items(client, applicant, ncp):
    submitted(applicant)
    one = home_queries(client, ncp)
    submitted(applicant)
    submitted(applicant)
    assert home_queries(client, ncp) == one


def test_case_handler_home_queries_do_not_grow_with_the_items(client, case_handler):
    def add_items():
        today = timezone.localdate()
        event(state="planned", team=team(), start_date=today + timedelta(days=5))
        mission = event(
            state="implemented",
            team=team(),
            event_type="expert_mission",
            end_date=today - timedelta(days=40),
        )
        place = expert_on_event(mission)
        FeeStatement.objects.create(event=mission, event_expert=place, total="1.00")

    add_items()
    one = home_queries(client, case_handler)
    add_items()
    add_items()
    assert home_queries(client, case_handler) == one


def test_head_of_unit_home_queries_do_not_grow_with_the_items(
    client, applicant, ncp, case_handler, head_of_unit
):
    proposed(applicant, ncp, case_handler)
    one = home_queries(client, head_of_unit)
    proposed(applicant, ncp, case_handler)
    proposed(applicant, ncp, case_handler)
    assert home_queries(client, head_of_unit) == one


def test_applicant_home_queries_do_not_grow_with_the_items(client, applicant):
    def add_items():
        submittable_application(applicant)
        application = submitted(applicant)
        event(state="planned", application=application, start_date=date.today() + timedelta(9))

    add_items()
    one = home_queries(client, applicant)
    add_items()
    add_items()
    assert home_queries(client, applicant) == one


def test_expert_home_queries_do_not_grow_with_the_items(client, case_handler):
    expert = ExpertFactory()
    expert.user.memberships.get_or_create(role=Role.EXPERT)

    def add_items():
        Invitation.objects.create(
            event=event(state="planned"),
            expert=expert,
            invited_by=case_handler,
            expires_at=timezone.now() + timedelta(days=4),
        )

    add_items()
    one = home_queries(client, expert.user)
    add_items()
    add_items()
    assert home_queries(client, expert.user) == one


def test_consulted_service_home_queries_do_not_grow_with_the_items(
    client, applicant, ncp, consultees
):
    services.forward_application(submitted(applicant), actor=ncp)
    one = home_queries(client, consultees["eu_delegation"])
    for _ in range(2):
        services.forward_application(submitted(applicant), actor=ncp)
    assert home_queries(client, consultees["eu_delegation"]) == one
