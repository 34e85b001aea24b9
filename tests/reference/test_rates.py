"""Rate tables: import of daily allowances from CSV (all or nothing, errors by row and column),
dated rates that close the previous period, edits refused on overlaps, and the staff pages."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taiex.reference.loading import DATA_DIR
from taiex.reference.models import Country, FeeRule, SubsistenceRate
from taiex.reference.rates import (
    RateError,
    RateImportFailed,
    add_subsistence_rate,
    change_subsistence_rate,
    import_subsistence_rates,
)
from tests.factories.money import SubsistenceRateFactory

pytestmark = pytest.mark.django_db


def rates_of(code):
    return list(
        SubsistenceRate.objects.filter(country__code=code)
        .order_by("valid_from")
        .values_list("daily_amount", "valid_from", "valid_to", "is_demo")
    )


def test_published_fee_rules_are_loaded():
    rules = list(
        FeeRule.objects.order_by("valid_from").values_list(
            "valid_from", "valid_to", "daily_fee", "host_daily_fee", "is_demo"
        )
    )
    assert rules == [
        (date(1996, 1, 1), date(2017, 3, 7), Decimal("250.00"), Decimal("250.00"), True),
        (date(2017, 3, 8), None, Decimal("350.00"), Decimal("350.00"), True),
    ]
    assert "demonstration figures" in FeeRule.objects.first().note


def test_demo_file_covers_every_country_with_a_mid_2019_change():
    counts = import_subsistence_rates(DATA_DIR / "demo_subsistence_rates.csv", is_demo=True)

    assert counts == {"created": 191, "updated": 0}
    assert set(Country.objects.values_list("code", flat=True)) == set(
        SubsistenceRate.objects.values_list("country__code", flat=True)
    )
    assert rates_of("RS") == [
        (Decimal("85.00"), date(2010, 1, 1), date(2019, 6, 30), True),
        (Decimal("95.00"), date(2019, 7, 1), None, True),
    ]
    assert import_subsistence_rates(DATA_DIR / "demo_subsistence_rates.csv", is_demo=True) == {
        "created": 0,
        "updated": 191,
    }


def test_import_closes_the_period_in_force():
    SubsistenceRateFactory(daily_amount=Decimal("80.00"), valid_from=date(2015, 1, 1))

    counts = import_subsistence_rates(
        io.StringIO("country,daily_amount,valid_from,valid_to\nRS,90.50,2019-07-01,\n")
    )

    assert counts == {"created": 1, "updated": 0}
    assert rates_of("RS") == [
        (Decimal("80.00"), date(2015, 1, 1), date(2019, 6, 30), False),
        (Decimal("90.50"), date(2019, 7, 1), None, False),
    ]


def test_import_with_errors_lists_them_by_row_and_column_and_stores_nothing():
    SubsistenceRateFactory(daily_amount=Decimal("80.00"), valid_from=date(2015, 1, 1))
    text = (
        "country,daily_amount,valid_from,valid_to\n"
        "AL,90.00,2019-07-01,\n"
        "ZZ,90.00,2019-07-01,\n"
        "ME,ninety,2019-07-01,\n"
        "MK,90.001,01/07/2019,\n"
        "BA,90.00,2019-07-01,2019-06-01\n"
        "RS,70.00,2010-01-01,2016-12-31\n"
    )

    with pytest.raises(RateImportFailed) as failure:
        import_subsistence_rates(io.StringIO(text))

    assert failure.value.errors == [
        "Row 3, column country: unknown country code “ZZ”.",
        "Row 4, column daily_amount: “ninety” is not an amount in EUR between 0 and 9999.99 "
        "with at most two decimals.",
        "Row 5, column daily_amount: “90.001” is not an amount in EUR between 0 and 9999.99 "
        "with at most two decimals.",
        "Row 5, column valid_from: “01/07/2019” is not a date (YYYY-MM-DD).",
        "Row 6, column valid_to: ends before valid_from.",
    ]
    assert SubsistenceRate.objects.count() == 1

    with pytest.raises(RateImportFailed) as failure:
        import_subsistence_rates(
            io.StringIO(
                "country,daily_amount,valid_from,valid_to\nAL,90.00,2019-07-01,\n"
                "RS,70.00,2010-01-01,2016-12-31\n"
            )
        )
    assert failure.value.errors == [
        "Row 3, column valid_to: The new period overlaps The rate of Serbia valid from "
        "1 Jan 2015 (open-ended): end it before 1 Jan 2015."
    ]
    assert rates_of("AL") == []
    assert rates_of("RS") == [(Decimal("80.00"), date(2015, 1, 1), None, False)]


def test_import_refuses_a_file_without_the_columns():
    with pytest.raises(RateImportFailed) as failure:
        import_subsistence_rates(io.StringIO("code,amount\nRS,1\n"))

    assert failure.value.errors == [
        "Row 1: missing column(s) country, daily_amount, valid_from; expected country, "
        "daily_amount, valid_from, valid_to."
    ]


def test_adding_a_rate_inside_a_closed_period_is_refused(head_of_unit):
    serbia = Country.objects.get(code="RS")
    SubsistenceRateFactory(valid_from=date(2015, 1, 1), valid_to=date(2018, 12, 31))

    with pytest.raises(RateError) as error:
        add_subsistence_rate(
            serbia, actor=head_of_unit, daily_amount=Decimal("1"),
            valid_from=date(2016, 1, 1), valid_to=date(2016, 12, 31),
        )  # fmt: skip

    assert (error.value.field, error.value.message) == (
        "valid_from",
        "The new period falls inside The rate of Serbia valid from 1 Jan 2015 to 31 Dec 2018: "
        "change that one instead, or leave the new period open-ended.",
    )


def test_editing_a_rate_onto_another_period_is_refused(head_of_unit):
    first = SubsistenceRateFactory(valid_from=date(2015, 1, 1), valid_to=date(2018, 12, 31))
    SubsistenceRateFactory(valid_from=date(2019, 1, 1))

    with pytest.raises(RateError) as error:
        change_subsistence_rate(first, actor=head_of_unit, valid_to=date(2019, 3, 31))

    assert (error.value.field, error.value.message) == (
        "valid_to",
        "The period overlaps The rate of Serbia valid from 1 Jan 2019 (open-ended).",
    )
    first.refresh_from_db()
    assert first.valid_to == date(2018, 12, 31)


# Pages --------------------------------------------------------------------------------------


@pytest.fixture
def people(applicant, ncp, expert, consultees, case_handler, head_of_unit, administrator):
    return {
        "applicant": applicant, "ncp": ncp, "expert": expert,
        "consultee": consultees["geographic_desk"], "case_handler": case_handler,
        "head_of_unit": head_of_unit, "administrator": administrator,
    }  # fmt: skip


READ = {None: 302, "applicant": 404, "ncp": 404, "expert": 404, "consultee": 404,
        "case_handler": 200, "head_of_unit": 200, "administrator": 200}  # fmt: skip
WRITE = {**READ, "case_handler": 403}


@pytest.mark.parametrize("who", list(READ))
def test_rate_list_permission_matrix(client, people, who):
    SubsistenceRateFactory(is_demo=True)
    if who:
        client.force_login(people[who])

    response = client.get(reverse("rates:list"))

    assert response.status_code == READ[who]
    if response.status_code == 200:
        page = response.content.decode()
        assert "demo data" in page
        assert "350.00\u00a0EUR" in page
        assert ("Add a dated allowance" in page) == (who != "case_handler")


@pytest.mark.parametrize("who", list(WRITE))
def test_adding_a_rate_permission_matrix_and_denied_changes_nothing(client, people, who):
    SubsistenceRateFactory(daily_amount=Decimal("80.00"), valid_from=date(2015, 1, 1))
    if who:
        client.force_login(people[who])

    response = client.post(
        reverse("rates:subsistence_add"),
        {
            "country": Country.objects.get(code="RS").pk,
            "daily_amount": "95.00",
            "valid_from": "2019-07-01",
        },
    )

    if WRITE[who] == 200:
        assert response.status_code == 302
        assert rates_of("RS") == [
            (Decimal("80.00"), date(2015, 1, 1), date(2019, 6, 30), False),
            (Decimal("95.00"), date(2019, 7, 1), None, False),
        ]
    else:
        assert response.status_code == WRITE[who]
        assert rates_of("RS") == [(Decimal("80.00"), date(2015, 1, 1), None, False)]


def test_rate_form_names_the_field_of_an_overlap(client, head_of_unit):
    SubsistenceRateFactory(valid_from=date(2019, 7, 1))
    client.force_login(head_of_unit)

    response = client.post(
        reverse("rates:subsistence_add"),
        {
            "country": Country.objects.get(code="RS").pk,
            "daily_amount": "95.00",
            "valid_from": "2015-01-01",
        },
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "valid_to": [
            "The new period overlaps The rate of Serbia valid from 1 Jul 2019 (open-ended): "
            "end it before 1 Jul 2019."
        ]
    }


def test_edit_a_rate_and_the_fee_rules(client, administrator):
    rate = SubsistenceRateFactory(daily_amount=Decimal("80.00"))
    rule = FeeRule.objects.get(valid_from=date(2017, 3, 8))
    client.force_login(administrator)

    client.post(
        reverse("rates:subsistence_edit", args=[rate.pk]),
        {"daily_amount": "82.50", "valid_from": "2010-01-01", "valid_to": ""},
    )
    fields = {
        "valid_from": "2017-03-08", "valid_to": "", "daily_fee": "350.00",
        "host_daily_fee": "350.00", "half_day_departure_after": "14:00",
        "no_day_departure_after": "18:30", "half_day_return_before": "12:00",
        "no_day_return_before": "09:00", "hotel_deduction_percent": "40",
        "breakfast_deduction_percent": "10", "lunch_deduction_percent": "15",
        "dinner_deduction_percent": "15", "is_demo": "on", "note": rule.note,
        "participant_travel_days": "on",
    }  # fmt: skip
    response = client.post(reverse("rates:fee_rule_edit", args=[rule.pk]), fields)
    bad = client.post(
        reverse("rates:fee_rule_edit", args=[rule.pk]),
        {**fields, "valid_from": "2017-01-01", "lunch_deduction_percent": "120"},
    )

    assert response.status_code == 302
    rate.refresh_from_db()
    rule.refresh_from_db()
    assert (rate.daily_amount, rule.hotel_deduction_percent) == (Decimal("82.50"), Decimal("40"))
    assert rule.participant_travel_days is True
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "lunch_deduction_percent": ["A percentage is between 0 and 100."]
    }


def test_import_page_lists_errors_by_row_and_stores_nothing(client, head_of_unit):
    client.force_login(head_of_unit)
    upload = SimpleUploadedFile(
        "rates.csv", b"country,daily_amount,valid_from,valid_to\nAL,90,2019-07-01,\nZZ,1,x,\n"
    )

    response = client.post(reverse("rates:subsistence_import"), {"file": upload})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported." in page
    assert "Row 3, column country: unknown country code “ZZ”." in page
    assert SubsistenceRate.objects.count() == 0


def test_import_page_imports_demo_rates(client, administrator):
    client.force_login(administrator)
    upload = SimpleUploadedFile(
        "rates.csv", b"country,daily_amount,valid_from,valid_to\nAL,90,2019-07-01,\n"
    )

    response = client.post(
        reverse("rates:subsistence_import"), {"file": upload, "is_demo": "on"}, follow=True
    )

    assert "Imported: 1 new rate(s), 0 updated." in response.content.decode()
    assert rates_of("AL") == [(Decimal("90"), date(2019, 7, 1), None, True)]


def test_rate_list_query_count_is_stable(client, case_handler, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(case_handler)
    url = reverse("rates:list")
    SubsistenceRateFactory(country=Country.objects.get(code="AL"))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    SubsistenceRateFactory(country=Country.objects.get(code="ME"))
    SubsistenceRateFactory(country=Country.objects.get(code="XK"))

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
