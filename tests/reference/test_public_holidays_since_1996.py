"""Public holidays from 1996: the Commission's (working days of the consultation and other
counts) and those of the countries where events take place (country_holidays.csv, generated
once from the PyPI package `holidays`)."""

from datetime import date

import pytest
from django.apps import apps

from taiex.reference.loading import sync_public_holidays
from taiex.reference.models import Country, CountryHoliday, PublicHoliday
from taiex.reference.queries import country_holidays_between, working_days_after

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Wednesday 3 April 1996: Maundy Thursday, Good Friday, the weekend and Easter Monday.
        (date(1996, 4, 3), 1, date(1996, 4, 9)),
        (date(1996, 4, 3), 5, date(1996, 4, 15)),
        # Ascension Thursday 16 May 1996 and the day after.
        (date(1996, 5, 15), 1, date(1996, 5, 20)),
        # Christmas closure 2003 and 1-2 January 2004 (Thursday, Friday).
        (date(2003, 12, 23), 1, date(2004, 1, 5)),
        # 21 July 2010 (Wednesday): Belgian National Day.
        (date(2010, 7, 20), 1, date(2010, 7, 22)),
        # Ascension 18 May 2023 and the day after; Whit Monday 29 May 2023.
        (date(2023, 5, 17), 1, date(2023, 5, 22)),
        (date(2023, 5, 26), 1, date(2023, 5, 30)),
        # From the last computed year into the first published one.
        (date(2023, 12, 22), 5, date(2024, 1, 9)),
        # Before 1996 nothing is loaded: weekends only (Monday 25 December 1995).
        (date(1995, 12, 22), 1, date(1995, 12, 25)),
    ],
)
def test_working_days_skip_the_commission_s_holidays_from_1996(start, days, expected):
    assert working_days_after(start, days) == expected


def test_the_commission_s_holidays_of_each_year_from_1996():
    counts = {
        year: PublicHoliday.objects.filter(day__year=year).count() for year in range(1996, 2028)
    }
    # 22 days a year; 21 when Ascension or the day after falls on 9 May (1997, 2002, 2013,
    # 2024) or on 1 May (2008): one day, one row.
    short = {1997, 2002, 2008, 2013, 2024}
    assert {year for year, count in counts.items() if count == 21} == short
    assert {count for year, count in counts.items() if year not in short} == {22}
    first = PublicHoliday.objects.get(day=date(1996, 5, 16))
    assert first.name == "Ascension Day"
    assert "computed from the yearly pattern" in first.source
    assert "as published" in PublicHoliday.objects.get(day=date(2024, 5, 9)).source


def test_country_holidays_from_1996_for_beneficiaries_and_member_states():
    def holidays_of(code, start, end):
        return country_holidays_between(Country.objects.get(code=code), start, end)

    assert holidays_of("UA", date(1996, 8, 23), date(1996, 8, 26)) == [
        (date(1996, 8, 24), "Independence Day"),
        (date(1996, 8, 26), "Independence Day (observed)"),
    ]
    assert holidays_of("PL", date(1996, 5, 2), date(1996, 5, 3)) == [
        (date(1996, 5, 3), "National Day of the Third of May")
    ]
    assert holidays_of("RS", date(2019, 1, 3), date(2019, 1, 7)) == [
        (date(2019, 1, 7), "Orthodox Christmas Day")
    ]
    assert holidays_of("TR", date(2023, 4, 20), date(2023, 4, 23)) == [
        (date(2023, 4, 21), "Eid al-Fitr"),
        (date(2023, 4, 22), "Eid al-Fitr"),
        (date(2023, 4, 23), "Eid al-Fitr; National Sovereignty and Children's Day"),
    ]
    assert holidays_of("RU", date(2010, 1, 1), date(2010, 12, 31))  # a former beneficiary
    assert holidays_of("RS", date(2019, 1, 8), date(2019, 2, 14)) == []
    assert not CountryHoliday.objects.filter(country__code="TCC").exists()
    years = set(
        CountryHoliday.objects.filter(country__code="DE").values_list("day__year", flat=True)
    )
    assert years == set(range(1996, 2028))


def test_the_sync_adds_missing_days_and_keeps_edited_ones():
    PublicHoliday.objects.filter(day=date(1999, 7, 21)).delete()
    edited = PublicHoliday.objects.get(day=date(2000, 7, 21))
    edited.name = "Fête nationale"
    edited.save()
    serbia = Country.objects.get(code="RS")
    CountryHoliday.objects.filter(country=serbia, day=date(2019, 1, 7)).delete()
    total = CountryHoliday.objects.count()

    sync_public_holidays(apps.get_model)

    assert PublicHoliday.objects.get(day=date(1999, 7, 21)).name == "Belgian National Day"
    assert PublicHoliday.objects.get(day=date(2000, 7, 21)).name == "Fête nationale"
    assert CountryHoliday.objects.count() == total + 1
    assert CountryHoliday.objects.get(country=serbia, day=date(2019, 1, 7)).name == (
        "Orthodox Christmas Day"
    )
