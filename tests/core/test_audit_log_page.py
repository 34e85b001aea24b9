"""The staff page of the audit log: who may read it, the filters, the pages, the CSV, and a
number of queries that does not grow with the rows."""

import csv
import io
from datetime import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.applications.models import Application
from taiex.core.audit import log_action
from taiex.core.models import ActivityLog
from tests.factories import ApplicationFactory, make_user

pytestmark = pytest.mark.django_db
URL = reverse("core:audit_log")


def at(day, hour=12):
    return timezone.make_aware(datetime(2026, 3, day, hour))


def logged(subject, *, actor, action, day, note=""):
    row = log_action(subject, actor=actor, action=action, note=note)
    ActivityLog.objects.filter(pk=row.pk).update(created_at=at(day))
    return row


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 302),
        (Role.APPLICANT, 404),
        (Role.NCP, 404),
        (Role.CONSULTEE, 404),
        (Role.EXPERT, 404),
        (Role.CASE_HANDLER, 404),
        (Role.HEAD_OF_UNIT, 200),
        (Role.ADMINISTRATOR, 200),
    ],
)
def test_only_the_head_of_unit_and_administrators_read_the_log(client, role, status):
    if role is not None:
        client.force_login(make_user(role, group="eu_delegation"))

    assert client.get(URL).status_code == status
    assert client.get(URL, {"format": "csv"}).status_code == status


def test_staff_navigation_links_the_log_for_the_head_of_unit_only(
    client, head_of_unit, case_handler
):
    client.force_login(head_of_unit)
    assert f'href="{URL}"' in client.get(reverse("accounts:profile")).content.decode()
    client.force_login(case_handler)
    assert f'href="{URL}"' not in client.get(reverse("accounts:profile")).content.decode()


@pytest.fixture
def history(applicant, ncp, head_of_unit):
    first = ApplicationFactory(created_by=applicant, reference="APP-2026-00001")
    second = ApplicationFactory(created_by=applicant, reference="APP-2026-00002")
    return {
        "submit": logged(first, actor=applicant, action="submit", day=1),
        "forward": logged(first, actor=ncp, action="forward", day=2),
        "other": logged(second, actor=applicant, action="submit", day=3),
        "decide": logged(second, actor=head_of_unit, action="decide", day=4),
        "first": first,
        "second": second,
    }


def shown(response):
    return [row.pk for row in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["decide", "other", "forward", "submit"]),
        ({"action": "submit"}, ["other", "submit"]),
        ({"object": "APP-2026-00001"}, ["forward", "submit"]),
        ({"person": "Nikola"}, ["forward"]),
        ({"date_from": "2026-03-02", "date_to": "2026-03-03"}, ["other", "forward"]),
        ({"date_to": "2026-03-01"}, ["submit"]),
    ],
)
def test_the_filters_give_exactly_the_matching_rows(
    client, head_of_unit, history, filters, expected
):
    client.force_login(head_of_unit)

    response = client.get(URL, filters)

    assert shown(response) == [history[name].pk for name in expected]


def test_filter_by_type_and_id_and_by_the_person_s_number_and_address(
    client, head_of_unit, history, applicant
):
    client.force_login(head_of_unit)
    application_type = ContentType.objects.get_for_model(Application)

    by_object = client.get(
        URL, {"object_type": application_type.pk, "object": str(history["second"].pk)}
    )
    by_number = client.get(URL, {"person": str(applicant.pk)})
    by_address = client.get(URL, {"person": applicant.email.upper()})

    assert shown(by_object) == [history["decide"].pk, history["other"].pk]
    assert shown(by_number) == [history["other"].pk, history["submit"].pk]
    assert shown(by_address) == shown(by_number)


def test_an_end_before_the_start_is_a_form_error_and_lists_nothing(client, head_of_unit, history):
    client.force_login(head_of_unit)

    response = client.get(URL, {"date_from": "2026-03-04", "date_to": "2026-03-01"})

    assert response.context["form"].errors == {"date_to": ["The end day is before the start day."]}
    assert shown(response) == []


def test_the_csv_has_every_matching_row(client, head_of_unit, history, applicant):
    client.force_login(head_of_unit)

    response = client.get(URL, {"action": "submit", "format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "when",
        "person",
        "person e-mail",
        "action",
        "type",
        "object id",
        "object",
        "from",
        "to",
        "note",
    ]
    assert [(row[1], row[3], row[4], row[6]) for row in rows[1:]] == [
        ("Ana Applicant", "submit", "applications.application", "APP-2026-00002"),
        ("Ana Applicant", "submit", "applications.application", "APP-2026-00001"),
    ]
    assert rows[1][2] == applicant.email


def test_pages_of_fifty_rows(client, head_of_unit, applicant):
    application = ApplicationFactory(created_by=applicant)
    ActivityLog.objects.bulk_create(
        [
            ActivityLog(
                action="comment",
                content_type=ContentType.objects.get_for_model(Application),
                object_id=str(application.pk),
                object_repr=str(application),
            )
            for _ in range(51)
        ]
    )
    client.force_login(head_of_unit)

    first = client.get(URL, {"action": "comment"})
    second = client.get(URL, {"action": "comment", "page": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert 'href="?action=comment&amp;page=2"' in first.content.decode()


def _rows(count, applicant):
    application = ApplicationFactory(created_by=applicant)
    for n in range(count):
        log_action(application, actor=applicant, action="comment", note=f"note {n}")


@pytest.mark.parametrize("count", [1, 3])
def test_the_page_costs_the_same_queries_for_one_and_three_rows(
    client, head_of_unit, applicant, django_assert_num_queries, count
):
    _rows(count, applicant)
    client.force_login(head_of_unit)
    client.get(URL)  # warm the content-type cache

    # session, user, roles, content types of the filter, count, rows (actor and type joined)
    with django_assert_num_queries(6):
        response = client.get(URL, {"action": "comment"})

    assert len(response.context["page"].object_list) == count


def test_an_administrator_filtering_by_a_person_gets_the_erasure_links(
    client, administrator, applicant
):
    client.force_login(administrator)

    html = client.get(URL, {"person": str(applicant.pk)}).content.decode()

    assert f'href="{reverse("accounts:account_erase", args=[applicant.pk])}"' in html
    assert f'href="{reverse("accounts:account_data_export", args=[applicant.pk])}"' in html
