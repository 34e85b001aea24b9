"""The reference data the migrations load: chapters, clusters, countries and their windows,
institution kinds, assistance limits."""

from datetime import date

import pytest

from taiex.reference.models import Chapter, Cluster, Country, InstitutionKind
from taiex.reference.queries import (
    beneficiary_countries,
    limit_for,
    member_states_on,
    windows_open_for,
)


def window_codes(country_code, day):
    country = Country.objects.get(code=country_code)
    return sorted(windows_open_for(country, day).values_list("code", flat=True))


def test_the_35_chapters_are_numbered_1_to_35(db):
    chapters = list(Chapter.objects.values_list("number", "name"))

    assert [number for number, _ in chapters] == list(range(1, 36))
    assert chapters[0] == (1, "Free movement of goods")
    assert chapters[23] == (24, "Justice, freedom and security")
    assert chapters[34] == (35, "Other issues")


def test_the_six_clusters_group_the_chapters(db):
    assert list(Cluster.objects.values_list("number", "name")) == [
        (1, "Fundamentals"),
        (2, "Internal market"),
        (3, "Competitiveness and inclusive growth"),
        (4, "Green agenda and sustainable connectivity"),
        (5, "Resources, agriculture and cohesion"),
        (6, "External relations"),
    ]
    assert Chapter.objects.get(number=23).cluster.name == "Fundamentals"
    assert (
        Chapter.objects.get(number=27).cluster.name == "Green agenda and sustainable connectivity"
    )
    assert list(Chapter.objects.filter(cluster=None).values_list("number", flat=True)) == [34, 35]


def test_chapters_belong_to_the_thematic_teams(db):
    teams = dict(
        Chapter.objects.filter(number__in=[12, 24, 27, 16]).values_list("number", "team__code")
    )

    assert teams == {12: "agri", 16: "internal-market", 24: "jfs", 27: "etet"}


def test_there_are_27_member_states(db):
    assert Country.objects.filter(eu_member_since__isnull=False).count() == 27
    assert member_states_on(date(2026, 1, 1)).count() == 27
    # Croatia joined on 1 July 2013.
    assert member_states_on(date(2013, 6, 30)).count() == 26
    assert member_states_on(date(2013, 7, 1)).filter(code="HR").exists()


def test_belarus_is_a_beneficiary_until_28_june_2021(db):
    assert window_codes("BY", date(2021, 6, 28)) == ["neighbourhood-east"]
    assert window_codes("BY", date(2021, 6, 29)) == []
    assert not beneficiary_countries(date(2022, 1, 1)).filter(code="BY").exists()
    assert beneficiary_countries().filter(code="BY").exists()


def test_croatia_moves_from_enlargement_to_the_peer_to_peer_windows(db):
    assert window_codes("HR", date(2013, 6, 30)) == ["enlargement"]
    assert window_codes("HR", date(2013, 7, 1)) == []
    assert window_codes("HR", date(2017, 9, 1)) == [
        "eir-peer-2-peer",
        "regio-peer-2-peer",
        "structural-reform-support",
    ]


def test_peer_to_peer_windows_open_on_their_own_dates(db):
    assert window_codes("FR", date(2014, 12, 31)) == []
    assert window_codes("FR", date(2015, 1, 1)) == ["regio-peer-2-peer"]
    assert window_codes("FR", date(2017, 8, 31)) == [
        "regio-peer-2-peer",
        "structural-reform-support",
    ]


def test_kosovo_and_palestine_carry_their_official_footnotes(db):
    kosovo, palestine = Country.objects.get(code="XK"), Country.objects.get(code="PS")

    assert kosovo.name == "Kosovo*"
    assert kosovo.official_footnote.startswith("This designation is without prejudice")
    assert "UNSCR 1244/1999" in kosovo.official_footnote
    assert palestine.name == "Palestine**"
    assert palestine.official_footnote.startswith(
        "This designation shall not be construed as recognition of a State of Palestine"
    )


def test_the_turkish_cypriot_community_is_a_beneficiary_but_not_a_country(db):
    community = Country.objects.get(code="TCC")

    assert community.is_country is False
    assert window_codes("TCC", date(2026, 1, 1)) == ["enlargement"]


def test_institution_kinds_and_their_eligibility(db):
    kinds = dict(InstitutionKind.objects.values_list("code", "is_eligible"))

    assert kinds == {
        "central-administration": True,
        "judiciary": True,
        "law-enforcement": True,
        "parliament": True,
        "regulatory-body": True,
        "agency": True,
        "local-authority": True,
        "social-partner": True,
        "trade-union": True,
        "employers-association": True,
        "civil-society": False,
        "private-company": False,
        "private-person": False,
        "eu-body": False,
    }


@pytest.mark.parametrize(
    ("assistance_type", "peer_to_peer", "expected"),
    [
        ("workshop", False, (5, 6, None)),
        ("workshop", True, (5, 6, None)),
        ("expert_mission", False, (5, 2, None)),
        ("study_visit", False, (5, None, 5)),
        ("expert_mission", True, (5, 2, None)),
        ("study_visit", True, (5, None, 3)),
    ],
)
def test_assistance_limits(db, assistance_type, peer_to_peer, expected):
    limit = limit_for(assistance_type, peer_to_peer=peer_to_peer, day=date(2026, 5, 1))

    assert (limit.max_days, limit.max_experts, limit.max_participants) == expected
