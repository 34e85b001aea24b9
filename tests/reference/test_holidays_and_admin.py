"""Working days skip the Commission's public holidays (dated data per year), and reference data
edited in the admin write the application's audit log."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.core.dates import add_working_days
from taiex.core.models import ActivityLog
from taiex.reference.models import InstitutionKind, PublicHoliday
from taiex.reference.queries import working_days_after

pytestmark = pytest.mark.django_db


def test_the_holidays_of_1996_to_2027_are_loaded():
    years = sorted({day.year for day in PublicHoliday.objects.values_list("day", flat=True)})
    assert years == list(range(1996, 2028))
    assert list(
        PublicHoliday.objects.filter(day__range=(date(2026, 4, 1), date(2026, 4, 30))).values_list(
            "day", "name"
        )
    ) == [
        (date(2026, 4, 2), "Maundy Thursday"),
        (date(2026, 4, 3), "Good Friday"),
        (date(2026, 4, 6), "Easter Monday"),
    ]


def test_five_working_days_skip_the_easter_holidays():
    # Wednesday 1 April 2026: Thursday, Friday and Monday are holidays.
    assert working_days_after(date(2026, 4, 1), 5) == date(2026, 4, 13)
    assert add_working_days(date(2026, 4, 1), 5) == date(2026, 4, 8)


def test_the_day_before_a_holiday_counts_and_the_holiday_does_not():
    # Monday 20 July 2026 is a working day; Tuesday 21 July (Belgian National Day) is not.
    assert working_days_after(date(2026, 7, 17), 1) == date(2026, 7, 20)
    assert working_days_after(date(2026, 7, 17), 2) == date(2026, 7, 22)


def test_the_christmas_closure_and_new_year_are_skipped():
    assert working_days_after(date(2026, 12, 23), 1) == date(2027, 1, 4)
    assert working_days_after(date(2026, 12, 22), 5) == date(2027, 1, 7)


def test_a_year_without_loaded_holidays_counts_weekends_only():
    assert working_days_after(date(2030, 12, 23), 1) == date(2030, 12, 24)


def test_editing_a_kind_in_the_admin_writes_the_audit_log(admin_client, django_user_model):
    kind = InstitutionKind.objects.get(code="social-partner")
    url = reverse("admin:reference_institutionkind_change", args=[kind.pk])
    response = admin_client.post(
        url,
        {
            "code": kind.code,
            "name": "Social partner",
            "is_eligible": "",
            "is_eligible_expert_employer": "",
            "note": "changed in a test",
            "eligibility_periods-TOTAL_FORMS": "0",
            "eligibility_periods-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    row = ActivityLog.objects.get()
    admin_user = django_user_model.objects.get(is_superuser=True)
    assert (row.actor, row.action, row.object_repr, row.data) == (
        admin_user,
        "admin_change",
        "Social partner",
        {"fields": ["is_eligible", "note"]},
    )


def test_adding_and_deleting_a_holiday_in_the_admin_writes_the_audit_log(admin_client):
    response = admin_client.post(
        reverse("admin:reference_publicholiday_add"),
        {"day": "2028-01-03", "name": "Extra closure", "source": "Test"},
    )
    assert response.status_code == 302
    holiday = PublicHoliday.objects.get(day=date(2028, 1, 3))
    response = admin_client.post(
        reverse("admin:reference_publicholiday_delete", args=[holiday.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert list(ActivityLog.objects.order_by("id").values_list("action", "object_repr")) == [
        ("admin_add", "2028-01-03: Extra closure"),
        ("admin_delete", "2028-01-03: Extra closure"),
    ]
