"""Rules of the reference data read by the day in question: the eligibility of institution
kinds, checked the day before and the day a rule starts or ends."""

from datetime import date

import pytest

from taiex.reference.models import InstitutionKind, KindEligibility
from taiex.reference.queries import eligible_kinds_on, kind_is_eligible_on

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
