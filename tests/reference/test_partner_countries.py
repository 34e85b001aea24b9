"""The partner countries worldwide (partner_countries.csv, from ISO 3166-1) and Russia's dated
participation, as the migrations load them."""

import csv
from datetime import date

import pytest

from taiex.reference.loading import DATA_DIR, sync_partner_countries
from taiex.reference.models import BeneficiaryPeriod, ConsultedService, Country
from taiex.reference.queries import beneficiary_countries, services_in_scope, windows_open_for

pytestmark = pytest.mark.django_db


def window_codes(country_code, day):
    country = Country.objects.get(code=country_code)
    return sorted(windows_open_for(country, day).values_list("code", flat=True))


def test_the_partner_countries_file_has_131_iso_3166_countries():
    with open(DATA_DIR / "partner_countries.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    codes = [row["code"] for row in rows]

    assert len(codes) == len(set(codes)) == 131
    assert all(len(code) == 2 and code.isupper() for code in codes)
    assert sum(row["window"] == "partnership-instrument" for row in rows) == 27
    assert sum(row["window"] == "international-partnerships" for row in rows) == 104
    # Neither Member States, territories, nor countries of another window.
    assert not {"FR", "DE", "GB", "RU", "UA", "AL", "MX", "HK", "GL", "CH", "KP"} & set(codes)


@pytest.mark.parametrize(
    ("code", "name", "day", "expected"),
    [
        ("US", "United States", date(2013, 12, 31), []),
        ("US", "United States", date(2014, 1, 1), ["partnership-instrument"]),
        ("JP", "Japan", date(2026, 6, 1), ["partnership-instrument"]),
        ("CN", "China", date(2014, 1, 1), ["partnership-instrument"]),
        ("BR", "Brazil", date(2025, 3, 3), ["partnership-instrument"]),
        ("KE", "Kenya", date(2018, 12, 31), []),
        ("KE", "Kenya", date(2019, 1, 1), ["international-partnerships"]),
        ("PH", "Philippines", date(2026, 12, 2), ["international-partnerships"]),
        ("CI", "Côte d'Ivoire", date(2019, 1, 1), ["international-partnerships"]),
        ("MX", "Mexico", date(2014, 1, 1), ["partnership-instrument"]),
        ("EC", "Ecuador", date(2019, 1, 1), ["international-partnerships"]),
    ],
)
def test_partner_countries_are_beneficiaries_from_their_window_s_start(code, name, day, expected):
    assert Country.objects.get(code=code).name == name
    assert window_codes(code, day) == expected


def test_russia_takes_part_from_2006_and_not_after_16_march_2014():
    assert window_codes("RU", date(2005, 12, 31)) == []
    assert window_codes("RU", date(2006, 1, 1)) == ["neighbourhood-east"]
    assert window_codes("RU", date(2013, 12, 31)) == ["neighbourhood-east"]
    assert window_codes("RU", date(2014, 1, 1)) == ["partnership-instrument"]
    assert window_codes("RU", date(2014, 3, 16)) == ["partnership-instrument"]
    assert window_codes("RU", date(2014, 3, 17)) == []
    assert window_codes("RU", date(2022, 2, 24)) == []
    assert window_codes("RU", date(2026, 12, 2)) == []
    russia = Country.objects.get(code="RU")
    assert russia.name == "Russia"
    assert not beneficiary_countries(date(2020, 1, 1)).filter(pk=russia.pk).exists()
    assert beneficiary_countries(date(2010, 1, 1)).filter(pk=russia.pk).exists()


def test_member_states_and_territories_are_not_partner_countries():
    assert "partnership-instrument" not in window_codes("FR", date(2020, 1, 1))
    assert "international-partnerships" not in window_codes("FR", date(2020, 1, 1))
    assert not Country.objects.filter(code__in=["HK", "GL", "AQ", "TW", "KP"]).exists()


def test_a_partner_country_request_consults_its_delegation_and_its_region_s_desk():
    kenya = Country.objects.get(code="KE")
    japan = Country.objects.get(code="JP")
    russia = Country.objects.get(code="RU")

    assert sorted(
        services_in_scope(countries=[kenya.pk], window=None, chapters=[]).values_list(
            "code", flat=True
        )
    ) == ["delegation-ke", "desk-international-partnerships"]
    assert sorted(
        services_in_scope(countries=[japan.pk], window=None, chapters=[]).values_list(
            "code", flat=True
        )
    ) == ["delegation-jp", "desk-partnership-instrument"]
    assert sorted(
        services_in_scope(countries=[russia.pk], window=None, chapters=[]).values_list(
            "code", flat=True
        )
    ) == ["delegation-ru", "desk-neighbourhood-east", "desk-partnership-instrument"]
    assert ConsultedService.objects.get(code="delegation-ke").name == "EU Delegation to Kenya"


def test_the_sync_adds_what_is_missing_and_keeps_admin_edits():
    from django.apps import apps

    kenya = BeneficiaryPeriod.objects.get(country__code="KE")
    kenya.valid_to = date(2024, 12, 31)
    kenya.save()
    Country.objects.filter(code="CL").delete()
    ConsultedService.objects.filter(code="delegation-cl").delete()

    sync_partner_countries(apps.get_model)

    assert BeneficiaryPeriod.objects.get(country__code="KE").valid_to == date(2024, 12, 31)
    assert window_codes("CL", date(2014, 1, 1)) == ["partnership-instrument"]
    chile = Country.objects.get(code="CL")
    assert list(chile.consulted_services.values_list("code", flat=True).order_by("code")) == [
        "delegation-cl",
        "desk-partnership-instrument",
    ]
    assert BeneficiaryPeriod.objects.filter(country__code="RU").count() == 2


def test_an_official_of_a_partner_country_registers_without_an_administrator():
    from taiex.accounts.services import RegistrationError, register_applicant
    from taiex.reference.models import InstitutionKind

    kind = InstitutionKind.objects.get(code="central-administration")
    details = {
        "full_name": "Wanjiru Kamau",
        "password": "a long enough passphrase 42",
        "position": "Legal officer",
        "phone": "+254 20 000 0000",
        "new_institution_kind": kind,
        "day": date(2026, 12, 2),
    }

    user = register_applicant(
        email="wanjiru@example.org",
        country=Country.objects.get(code="KE"),
        new_institution_name="Ministry of Trade of Kenya",
        **details,
    )
    assert user.memberships.get().institution.country.code == "KE"

    with pytest.raises(RegistrationError) as refused:
        register_applicant(
            email="ivan@example.org",
            country=Country.objects.get(code="RU"),
            new_institution_name="Ministry of Economic Development",
            **details,
        )
    assert refused.value.problems["country"] == [
        "Russia is not a beneficiary today, so its officials cannot register as applicants."
    ]
