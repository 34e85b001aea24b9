"""The retention dry-run page: who sees it, what it lists, that it changes nothing, and its cost."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.events.models import Participant
from tests.factories import EventFactory, make_user
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db
URL = reverse("core:retention_report")


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        (Role.APPLICANT, 404),
        (Role.NCP, 404),
        (Role.EXPERT, 404),
        (Role.CASE_HANDLER, 404),
        (Role.HEAD_OF_UNIT, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_only_the_head_of_unit_and_administrators_see_the_dry_run(client, role, status):
    if role is not None:
        client.force_login(make_user(role))

    assert client.get(URL).status_code == status


def old_participants(count):
    event = EventFactory(
        reference="WS-2001-0001", start_date=date(2001, 1, 1), end_date=date(2001, 1, 2)
    )
    return [ParticipantFactory(event=event, full_name=f"Old Person {n}") for n in range(count)]


def test_the_dry_run_lists_counts_and_records_and_changes_nothing(client, head_of_unit):
    people = old_participants(2)
    ParticipantFactory(
        full_name="Recent Person",
        event=EventFactory(start_date=date.today(), end_date=date.today()),
    )
    client.force_login(head_of_unit)
    logs = ActivityLog.objects.count()

    response = client.get(URL)

    content = response.content.decode()
    outcomes = {outcome.kind_key: outcome for outcome in response.context["outcomes"]}
    assert outcomes["participant_contact_data"].count == 2
    assert "WS-2001-0001: Old Person 0 (Ministry of Interior)" in content
    assert "Recent Person" not in content
    assert response.context["total"] == 2
    assert [Participant.objects.get(pk=p.pk).full_name for p in people] == [
        "Old Person 0",
        "Old Person 1",
    ]
    assert ActivityLog.objects.count() == logs


def test_the_staff_navigation_links_the_dry_run(client, head_of_unit):
    client.force_login(head_of_unit)

    assert f'href="{URL}"' in client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_the_dry_run_costs_the_same_for_one_and_three_records(
    client, head_of_unit, django_assert_num_queries, count
):
    old_participants(count)
    client.force_login(head_of_unit)
    client.get(URL)

    # session, user, roles, the rules, a count and a page of records per kind (7 kinds)
    with django_assert_num_queries(4 + 2 * 7):
        response = client.get(URL)

    assert response.context["total"] == count
