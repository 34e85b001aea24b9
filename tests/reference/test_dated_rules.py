"""Rules of the reference data read by the day in question: the eligibility of institution
kinds, checked the day before and the day a rule starts or ends."""

from datetime import date, timedelta

import pytest

from taiex.reference.models import BeneficiaryPeriod, Country, InstitutionKind, KindEligibility
from taiex.reference.queries import eligible_kinds_on, kind_is_eligible_on, windows_open_for

pytestmark = pytest.mark.django_db


def kind(code):
    return InstitutionKind.objects.get(code=code)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(1996, 1, 1), False),
        (date(2017, 12, 31), False),
        (date(2018, 1, 1), True),
        (date(2026, 5, 1), True),
    ],
)
def test_local_authorities_are_eligible_from_january_2018(day, expected):
    assert kind_is_eligible_on(kind("local-authority"), day) is expected
    assert eligible_kinds_on(day).filter(code="local-authority").exists() is expected


def test_every_kind_has_its_eligibility_as_dated_data_with_a_source():
    codes = set(InstitutionKind.objects.values_list("code", flat=True))
    dated = set(KindEligibility.objects.values_list("kind__code", flat=True))
    assert dated == codes
    assert KindEligibility.objects.filter(source="").count() == 0


def test_the_ineligible_kinds_stay_ineligible_on_every_day():
    for day in (date(1996, 1, 1), date(2018, 1, 1), date(2026, 5, 1)):
        assert sorted(
            InstitutionKind.objects.exclude(pk__in=eligible_kinds_on(day)).values_list(
                "code", flat=True
            )
        ) == (
            ["civil-society", "eu-body", "local-authority", "private-company", "private-person"]
            if day < date(2018, 1, 1)
            else ["civil-society", "eu-body", "private-company", "private-person"]
        )


def test_a_rule_that_ends_stops_on_the_day_after_its_last_day():
    social = kind("social-partner")
    KindEligibility.objects.filter(kind=social).update(valid_to=date(2030, 6, 30))
    assert kind_is_eligible_on(social, date(2030, 6, 30)) is True
    assert kind_is_eligible_on(social, date(2030, 7, 1)) is False


def test_a_kind_added_without_dated_rules_keeps_its_own_flag():
    added = InstitutionKind.objects.create(code="ombudsman", name="Ombudsman", is_eligible=True)
    assert kind_is_eligible_on(added, date(2026, 5, 1)) is True
    assert eligible_kinds_on(date(2026, 5, 1)).filter(pk=added.pk).exists()


@pytest.mark.parametrize(
    ("code", "last_day"),
    [("PL", date(2004, 4, 30)), ("CY", date(2004, 4, 30)), ("RO", date(2006, 12, 31))],
)
def test_candidates_of_2004_and_2007_are_beneficiaries_until_the_day_before_accession(
    code, last_day
):
    country = Country.objects.get(code=code)
    assert list(windows_open_for(country, date(1996, 1, 1)).values_list("code", flat=True)) == [
        "enlargement"
    ]
    assert list(windows_open_for(country, last_day).values_list("code", flat=True)) == [
        "enlargement"
    ]
    accession = last_day + timedelta(days=1)
    assert not windows_open_for(country, accession).filter(code="enlargement").exists()
    assert country.is_member_state_on(accession)
    assert not country.is_member_state_on(last_day)


def test_every_beneficiary_period_of_the_candidates_cites_its_treaty():
    notes = set(
        BeneficiaryPeriod.objects.filter(
            window__code="enlargement", country__eu_member_since__isnull=False
        )
        .exclude(country__code="HR")
        .values_list("note", flat=True)
    )
    assert notes == {
        "candidate country until its accession on 1 May 2004 (Treaty of Accession 2003, OJ L "
        "236, 23.9.2003)",
        "candidate country until its accession on 1 January 2007 (Treaty of Accession 2005, OJ L "
        "157, 21.6.2005)",
    }


def test_syncing_the_periods_again_adds_nothing():
    from django.apps import apps

    from taiex.reference.loading import sync_beneficiary_periods

    before = BeneficiaryPeriod.objects.count()
    sync_beneficiary_periods(apps.get_model)
    assert BeneficiaryPeriod.objects.count() == before


def test_every_beneficiary_period_cites_its_source():
    assert not BeneficiaryPeriod.objects.filter(note="").exists()
    serbia = BeneficiaryPeriod.objects.get(country__code="RS", window__code="enlargement")
    assert serbia.note == (
        "listed among the beneficiaries of its window in DOMAIN.md; from the instrument's first "
        "year, 1996 (seed 000), no later start being documented"
    )


def test_syncing_fills_an_empty_note_and_keeps_an_edited_one():
    from django.apps import apps

    from taiex.reference.loading import sync_beneficiary_periods

    periods = BeneficiaryPeriod.objects.filter(window__code="enlargement")
    periods.filter(country__code="AL").update(note="")
    periods.filter(country__code="BA").update(note="Edited in the admin.")

    sync_beneficiary_periods(apps.get_model)

    assert periods.get(country__code="AL").note.startswith("listed among the beneficiaries")
    assert periods.get(country__code="BA").note == "Edited in the admin."
