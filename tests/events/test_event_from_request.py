"""The event created by an approval takes the request's venue country, the time zone of the
venue, the working languages, the interpretation and the expected participants."""

from zoneinfo import ZoneInfo

import pytest

from taiex.applications import services
from taiex.applications.enums import Criterion
from taiex.events.services.decisions import decide_application
from taiex.reference.models import Country, Language
from taiex.reference.time_zones import capital_time_zone
from tests.factories import submittable_application

pytestmark = pytest.mark.django_db


def approved_event(applicant, ncp, case_handler, head_of_unit, **fields):
    application = services.forward_application(
        services.submit_application(submittable_application(applicant, **fields), actor=applicant),
        actor=ncp,
    )
    application = services.close_consultation(application, actor=None, note="Silence.")
    application = services.propose_decision(
        application,
        actor=case_handler,
        recommendation="approve",
        criteria=dict.fromkeys(Criterion.values, True),
        reason="Assessed.",
    )
    application = decide_application(
        application, actor=head_of_unit, decision="approve", reason="Fits the agenda."
    )
    return application.events.get()


def test_a_workshop_in_serbia_is_held_in_serbia_on_belgrade_time(
    applicant, ncp, case_handler, head_of_unit
):
    languages = list(Language.objects.filter(code__in=["en", "sr"]))
    event = approved_event(
        applicant,
        ncp,
        case_handler,
        head_of_unit,
        working_languages=languages,
        participants_count=42,
        interpretation_pairs=[("en", "sr"), ("sr", "en", "consecutive")],
        interpretation_note="Sign language\n\n  for the opening  \n",
    )

    assert event.venue_country == Country.objects.get(code="RS")
    assert event.time_zone == "Europe/Belgrade"
    assert event.participants_count == 42
    assert sorted(event.working_languages.values_list("code", flat=True)) == ["en", "sr"]
    assert (event.interpretation_needed, event.interpretation_note) == (
        True,
        "Sign language; for the opening",
    )
    assert list(
        event.interpretation_pairs.order_by("id").values_list(
            "source__code", "target__code", "mode"
        )
    ) == [("en", "sr", "simultaneous"), ("sr", "en", "consecutive")]


def test_pairs_alone_make_the_event_need_interpretation(applicant, ncp, case_handler, head_of_unit):
    event = approved_event(
        applicant, ncp, case_handler, head_of_unit, interpretation_pairs=[("en", "fr")]
    )

    assert (event.interpretation_needed, event.interpretation_note) == (True, "")
    assert [str(pair) for pair in event.interpretation_pairs.all()] == [
        "English into French (simultaneous)"
    ]


def test_an_online_event_has_no_venue_but_the_beneficiarys_time(
    applicant, ncp, case_handler, head_of_unit
):
    event = approved_event(applicant, ncp, case_handler, head_of_unit, modality="online")

    assert (event.venue_country, event.time_zone) == (None, "Europe/Belgrade")
    assert (event.interpretation_needed, event.interpretation_note) == (False, "")


def test_a_study_visit_waits_for_its_host_member_state(applicant, ncp, case_handler, head_of_unit):
    event = approved_event(
        applicant,
        ncp,
        case_handler,
        head_of_unit,
        assistance_type="study_visit",
        participants_count=5,
    )

    assert (event.venue_country, event.time_zone) == (None, "Europe/Brussels")


@pytest.mark.parametrize(
    ("code", "zone"),
    [
        ("RS", "Europe/Belgrade"),
        ("BE", "Europe/Brussels"),
        ("TR", "Europe/Istanbul"),
        ("UA", "Europe/Kyiv"),
        ("RU", "Europe/Moscow"),
        ("XK", "Europe/Belgrade"),
        ("TCC", "Asia/Famagusta"),
        ("US", "America/New_York"),
        ("ES", "Europe/Madrid"),
        ("", None),
        ("ZZ", None),
    ],
)
def test_the_capital_time_zone_of_a_country(code, zone):
    assert capital_time_zone(code) == zone


def test_every_country_of_the_reference_data_has_a_time_zone():
    codes = Country.objects.values_list("code", flat=True)

    missing = [code for code in codes if capital_time_zone(code) is None]

    assert missing == []
    assert all(ZoneInfo(capital_time_zone(code)) for code in codes)
