"""Every eligibility check with its code, field, outcome and sentence, at the boundaries of each
rule. Written to pin the module (`make mutation`, docs/decisions.md)."""

from datetime import date, timedelta

import pytest

from taiex.accounts.models import Institution
from taiex.applications.eligibility import (
    STUDY_VISIT_NO_EXPERTS,
    Check,
    evaluate_eligibility,
    limit_checks,
    study_visit_problems,
    submission_problems,
    submission_warnings,
)
from taiex.applications.models import Application
from taiex.reference.models import AssistanceLimit, Country, InstitutionKind, Window
from tests.factories import ApplicationFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

# A day the shipped rules hold for every check below (limits since 1996, windows open).
DAY = date(2024, 3, 1)


def serbian(name="Serbian Ministry of Justice", kind="central-administration"):
    """The institution of that name in Serbia (made the first time)."""
    serbia = Country.objects.get(code="RS")
    return Institution.objects.filter(name=name, country=serbia).first() or InstitutionFactory(
        name=name, country=serbia, kind=InstitutionKind.objects.get(code=kind)
    )


def request(**fields):
    fields.setdefault("lead_institution", serbian())
    fields.setdefault("preferred_start", DAY + timedelta(days=90))
    fields.setdefault("preferred_end", DAY + timedelta(days=91))
    return ApplicationFactory(**fields)


def as_tuples(checks):
    return [(c.code, c.field, c.passed, c.message) for c in checks]


def test_a_check_reads_as_a_dictionary():
    check = Check("max_days", "preferred_end", False, "Too long.")

    assert check.as_dict() == {
        "code": "max_days",
        "field": "preferred_end",
        "passed": False,
        "message": "Too long.",
        "messages": {"en": "Too long.", "fr": "Too long."},
    }


def test_every_check_of_a_complete_serbian_workshop_passes_and_says_why():
    application = request()

    assert as_tuples(evaluate_eligibility(application, DAY)) == [
        (
            "country_window",
            "window",
            True,
            "Serbia is in the window Enlargement on 01 March 2024.",
        ),
        (
            "institution_kind",
            "lead_institution",
            True,
            "Serbian Ministry of Justice: Central public administration is eligible.",
        ),
        ("max_days", "preferred_end", True, "Workshop: at most 5 days; these dates span 2 days."),
        ("max_experts", "experts_count", True, "Workshop: at most 6 experts; 2 requested."),
    ]


def test_a_country_outside_the_chosen_window_names_its_open_windows():
    application = request(window=Window.objects.get(code="regio-peer-2-peer"))

    checks = [c for c in evaluate_eligibility(application, DAY) if c.code == "country_window"]

    assert as_tuples(checks) == [
        (
            "country_window",
            "window",
            False,
            "Serbia is not in the window REGIO PEER 2 PEER on 01 March 2024; open windows: "
            "Enlargement.",
        )
    ]


def test_a_country_in_no_open_window_is_refused_on_the_lead_institution():
    belarus = InstitutionFactory(name="Belarusian ministry", country=Country.objects.get(code="BY"))
    application = request(lead_institution=belarus, window=None)

    checks = [c for c in evaluate_eligibility(application, DAY) if c.code == "country_window"]

    assert as_tuples(checks) == [
        (
            "country_window",
            "lead_institution",
            False,
            "Belarus is not in an open window on 01 March 2024.",
        )
    ]


def test_without_a_window_chosen_an_open_country_gets_no_window_check():
    application = request(window=None)

    codes = [c.code for c in evaluate_eligibility(application, DAY)]

    assert "country_window" not in codes


def test_an_unsaved_request_is_checked_without_its_partners():
    application = Application(
        lead_institution=serbian(),
        assistance_type="",
        window=Window.objects.get(code="enlargement"),
    )

    assert [c.code for c in evaluate_eligibility(application, DAY)] == [
        "country_window",
        "institution_kind",
    ]


@pytest.mark.parametrize(
    ("assistance_type", "expected"),
    [
        ("workshop", []),
        (
            "study_visit",
            [
                (
                    "partner_country",
                    "partner_institutions",
                    False,
                    "Albanian Ministry of Justice is in Albania; only a workshop can bring "
                    "together institutions of several countries.",
                )
            ],
        ),
        ("", []),
    ],
)
def test_partners_of_another_country_only_in_a_workshop(assistance_type, expected):
    application = request(assistance_type=assistance_type)
    albanian = InstitutionFactory(
        name="Albanian Ministry of Justice", country=Country.objects.get(code="AL")
    )
    application.partner_institutions.set([albanian, serbian("Serbian Judicial Academy")])

    checks = [
        c for c in evaluate_eligibility(application, DAY)
        if c.code in ("partner_country", "institution_kind")
    ]  # fmt: skip

    assert [c for c in as_tuples(checks) if c[0] == "partner_country"] == expected
    assert [(c.field, c.passed) for c in checks if c.code == "institution_kind"] == [
        ("lead_institution", True),
        ("partner_institutions", True),
        ("partner_institutions", True),
    ]


def test_an_ineligible_partner_institution_is_refused_on_the_partners_field():
    application = request()
    application.partner_institutions.set([serbian("Belgrade Chamber", kind="private-company")])

    problems = submission_problems(application, DAY)

    assert problems == {
        "partner_institutions": [
            "Belgrade Chamber is a private company; this kind of institution cannot receive "
            "assistance on 01 March 2024."
        ]
    }


@pytest.mark.parametrize(
    ("days", "passed", "message"),
    [
        (1, True, "Expert mission: at most 5 days; these dates span 1 day."),
        (5, True, "Expert mission: at most 5 days; these dates span 5 days."),
        (6, False, "Expert mission: at most 5 days; these dates span 6 days."),
    ],
)
def test_the_days_limit_holds_up_to_its_maximum(days, passed, message):
    application = request(
        assistance_type="expert_mission",
        preferred_end=DAY + timedelta(days=90 + days - 1),
    )

    checks = [c for c in limit_checks(application, DAY) if c.code == "max_days"]

    assert as_tuples(checks) == [("max_days", "preferred_end", passed, message)]


@pytest.mark.parametrize(("experts", "passed"), [(2, True), (3, False)])
def test_the_experts_limit_holds_up_to_its_maximum(experts, passed):
    application = request(assistance_type="expert_mission", experts_count=experts)

    checks = [c for c in limit_checks(application, DAY) if c.code == "max_experts"]

    assert as_tuples(checks) == [
        (
            "max_experts",
            "experts_count",
            passed,
            f"Expert mission: at most 2 experts; {experts} requested.",
        )
    ]


@pytest.mark.parametrize(("participants", "passed"), [(3, True), (4, False)])
def test_the_participants_limit_names_the_peer_to_peer_scope(participants, passed):
    polish = InstitutionFactory(
        name="Polish Ministry of Funds", country=Country.objects.get(code="PL")
    )
    application = request(
        assistance_type="study_visit",
        lead_institution=polish,
        window=Window.objects.get(code="regio-peer-2-peer"),
        participants_count=participants,
    )

    checks = [c for c in limit_checks(application, DAY) if c.code == "max_participants"]

    assert as_tuples(checks) == [
        (
            "max_participants",
            "participants_count",
            passed,
            f"Study visit in a peer-to-peer window: at most 3 participants; {participants} "
            "requested.",
        )
    ]


def test_no_limit_checks_without_a_type_or_without_a_limit_of_the_day():
    assert limit_checks(request(assistance_type=""), DAY) == []
    AssistanceLimit.objects.filter(assistance_type="workshop").delete()
    assert limit_checks(request(), DAY) == []


def test_limits_without_dates_or_counts_check_only_what_is_there():
    application = request(preferred_start=None, preferred_end=None, experts_count=None)

    assert limit_checks(application, DAY) == []


@pytest.mark.parametrize(
    ("start_in", "warned"),
    [(0, False), (1, True), (59, True), (60, False)],
)
def test_the_lead_time_warning_counts_days_from_the_day_of_submission(start_in, warned):
    application = request(
        preferred_start=DAY + timedelta(days=start_in),
        preferred_end=DAY + timedelta(days=start_in + 1),
    )

    warnings = submission_warnings(application, DAY)

    assert warnings == (
        [
            f"The preferred first day is {start_in} day{'s' if start_in != 1 else ''} away; a "
            "workshop usually needs 60 days "
            "between the request and the event, so these dates may not be possible."
        ]
        if warned
        else []
    )


def test_no_lead_time_warning_without_a_type_a_first_day_or_a_lead_time():
    soon = {"preferred_start": DAY + timedelta(days=3), "preferred_end": DAY + timedelta(days=4)}
    assert submission_warnings(request(assistance_type="", **soon), DAY) == []
    assert submission_warnings(request(preferred_start=None), DAY) == []
    AssistanceLimit.objects.filter(assistance_type="workshop").update(usual_lead_days=None)
    assert submission_warnings(request(**soon), DAY) == []
    AssistanceLimit.objects.filter(assistance_type="workshop").delete()
    assert submission_warnings(request(**soon), DAY) == []


def test_the_peer_to_peer_lead_time_is_read_for_a_peer_to_peer_request():
    AssistanceLimit.objects.filter(assistance_type="workshop", applies_to_peer_to_peer=True).update(
        usual_lead_days=10
    )
    polish = InstitutionFactory(country=Country.objects.get(code="PL"))
    application = request(
        lead_institution=polish,
        window=Window.objects.get(code="regio-peer-2-peer"),
        preferred_start=DAY + timedelta(days=9),
        preferred_end=DAY + timedelta(days=10),
    )

    assert submission_warnings(application, DAY) == [
        "The preferred first day is 9 days away; a workshop usually needs 10 days between the "
        "request and the event, so these dates may not be possible."
    ]
    serbian_request = request(
        preferred_start=DAY + timedelta(days=9), preferred_end=DAY + timedelta(days=10)
    )
    assert submission_warnings(serbian_request, DAY) == [
        "The preferred first day is 9 days away; a workshop usually needs 60 days between the "
        "request and the event, so these dates may not be possible."
    ]


@pytest.mark.parametrize(
    ("legislation", "celex", "problem"),
    [
        ("", [], True),
        ("   ", [], True),
        ("Asylum Procedures Directive", [], False),
        ("", ["32013L0032"], False),
    ],
)
def test_the_eu_legislation_is_named_by_a_description_or_a_celex_number(
    legislation, celex, problem
):
    application = request(legislation=legislation, celex_numbers=celex)

    problems = submission_problems(application, DAY)

    assert problems == (
        {"legislation": ["Name the EU legislation concerned (CELEX numbers or a description)."]}
        if problem
        else {}
    )


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("32013L0032", True),
        ("52019DC0640", True),
        ("C2020C0001", True),
        ("E2017L0001", True),
        ("12016E0101(01)", True),
        ("3201L0032", False),
        ("32013l0032", False),
        ("320130032", False),
        ("X2013L0032", False),
        ("32013L", False),
        ("32013L0032 ", False),
        (" 32013L0032", False),
        ("32013L0123456789012", False),
    ],
)
def test_celex_numbers_follow_their_pattern(number, valid):
    application = request(celex_numbers=[number])

    problems = submission_problems(application, DAY)

    assert problems == (
        {}
        if valid
        else {"celex_numbers": [f"{number} is not a CELEX number (for example 32013L0032)."]}
    )


@pytest.mark.parametrize(
    ("modality", "place", "problem"),
    [
        ("on_site", "", True),
        ("hybrid", "  ", True),
        ("online", "", False),
        ("on_site", "Belgrade", False),
    ],
)
def test_an_on_site_or_hybrid_event_needs_a_place(modality, place, problem):
    application = request(modality=modality, place=place)

    problems = submission_problems(application, DAY)

    assert problems == (
        {"place": ["Give the place of an on-site or hybrid event."]} if problem else {}
    )


@pytest.mark.parametrize(
    ("emptied", "field", "message"),
    [
        ("chapters", "chapters", "Choose at least one chapter."),
        ("working_languages", "working_languages", "Choose at least one working language."),
    ],
)
def test_a_request_needs_a_chapter_and_a_working_language(emptied, field, message):
    application = request()
    getattr(application, emptied).clear()

    assert submission_problems(application, DAY) == {field: [message]}


def test_a_request_needs_a_contact_person():
    application = request(contacts=False)

    assert submission_problems(application, DAY) == {
        "contacts": ["Name at least one contact person."]
    }


def test_the_own_member_state_is_refused_only_in_a_peer_to_peer_window():
    polish = InstitutionFactory(country=Country.objects.get(code="PL"))
    in_p2p = request(lead_institution=polish, window=Window.objects.get(code="regio-peer-2-peer"))
    in_p2p.member_state_preference.set(Country.objects.filter(code="DE"))
    serbian_request = request()
    serbian_request.member_state_preference.set(Country.objects.filter(code__in=["RS", "DE"]))

    assert submission_problems(in_p2p, DAY) == {}
    assert submission_problems(serbian_request, DAY) == {}


@pytest.mark.parametrize(("last_day_offset", "problem"), [(-1, True), (0, False)])
def test_the_last_day_cannot_be_before_the_first(last_day_offset, problem):
    start = DAY + timedelta(days=90)
    application = request(
        preferred_start=start, preferred_end=start + timedelta(days=last_day_offset)
    )

    problems = submission_problems(application, DAY)

    assert problems.get("preferred_end", []) == (
        ["The last day cannot be before the first day."] if problem else []
    )


@pytest.mark.parametrize(("start_in", "problem"), [(0, True), (1, False)])
def test_the_first_day_must_be_after_the_day_of_submission(start_in, problem):
    start = DAY + timedelta(days=start_in)
    application = request(preferred_start=start, preferred_end=start + timedelta(days=1))

    problems = submission_problems(application, DAY)

    assert problems.get("preferred_start", []) == (
        ["The preferred first day must be after today."] if problem else []
    )


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("participants_count", "At least one participant is needed."),
        ("experts_count", "At least one expert is needed."),
    ],
)
def test_zero_participants_or_experts_are_refused_one_is_enough(field, message):
    assert submission_problems(request(**{field: 0}), DAY) == {field: [message]}
    assert submission_problems(request(**{field: 1}), DAY) == {}


def test_several_problems_of_one_field_are_all_given_in_order():
    application = request(
        assistance_type="expert_mission",
        preferred_start=DAY + timedelta(days=90),
        preferred_end=DAY + timedelta(days=80),
    )
    application.celex_numbers = ["bad-one", "32013L0032", "bad-two"]

    problems = submission_problems(application, DAY)

    assert problems == {
        "celex_numbers": [
            "bad-one is not a CELEX number (for example 32013L0032).",
            "bad-two is not a CELEX number (for example 32013L0032).",
        ],
        "preferred_end": ["The last day cannot be before the first day."],
    }


def test_a_member_state_outside_the_chosen_window_is_told_all_its_open_windows():
    polish = InstitutionFactory(
        name="Polish Ministry of Funds", country=Country.objects.get(code="PL")
    )
    application = request(lead_institution=polish)

    checks = [c for c in evaluate_eligibility(application, DAY) if c.code == "country_window"]

    assert as_tuples(checks) == [
        (
            "country_window",
            "window",
            False,
            "Poland is not in the window Enlargement on 01 March 2024; open windows: EIR PEER 2 "
            "PEER, REGIO PEER 2 PEER, Structural reform support.",
        )
    ]


# Study visits: a host, not experts (applications/eligibility.study_visit_problems)

NO_HOST_FOR = (
    "Only a study visit has a host administration; a workshop or an expert mission brings "
    "Member State experts."
)
BOTH = "Either name the preferred host or leave the choice to the programme, not both."
NO_PREFERENCE = "A study visit has no experts: name the preferred host Member State instead."


@pytest.mark.parametrize(
    ("assistance_type", "fields", "expected"),
    [
        ("", {"experts_count": 2, "host_left_to_programme": True}, []),
        ("study_visit", {}, []),
        ("study_visit", {"experts_count": 0, "host_institution_wished": "  "}, []),
        ("study_visit", {"experts_count": 2}, [("experts_count", STUDY_VISIT_NO_EXPERTS)]),
        ("study_visit", {"member_state_preference": ["DE"]}, [
            ("member_state_preference", NO_PREFERENCE)
        ]),
        ("study_visit", {"host_country": "SI", "host_left_to_programme": True}, [
            ("host_left_to_programme", BOTH)
        ]),
        ("study_visit", {"host_institution_wished": "Tax office", "host_left_to_programme": True},
         [("host_left_to_programme", BOTH)]),
        ("study_visit", {"host_left_to_programme": True}, []),
        ("workshop", {"host_country": "SI", "host_institution_wished": "x"}, [
            ("host_country", NO_HOST_FOR)
        ]),
        ("workshop", {"host_institution_wished": "Tax office"}, [
            ("host_institution_wished", NO_HOST_FOR)
        ]),
        ("expert_mission", {"host_left_to_programme": True}, [
            ("host_left_to_programme", NO_HOST_FOR)
        ]),
        ("expert_mission", {"host_institution_wished": "   ", "experts_count": 2}, []),
    ],
)  # fmt: skip
def test_a_study_visit_names_a_host_and_no_experts_and_only_it_has_a_host(
    assistance_type, fields, expected
):
    assert study_visit_problems(assistance_type, **fields) == expected


def study_visit_request(**fields):
    fields = {"experts_count": None, "expertise_wished": "", "participants_count": 3, **fields}
    return request(assistance_type="study_visit", **fields)


def test_a_complete_study_visit_request_needs_no_experts():
    assert submission_problems(study_visit_request(host_left_to_programme=True), DAY) == {}
    slovenia = Country.objects.get(code="SI")
    assert submission_problems(study_visit_request(host_country=slovenia), DAY) == {}


def test_a_study_visit_request_names_a_host_or_leaves_it_to_the_programme():
    application = study_visit_request(host_left_to_programme=False)

    assert submission_problems(application, DAY) == {
        "host_country": [
            "Name the preferred host Member State, or leave the choice to the programme."
        ]
    }


def test_a_study_visit_request_with_experts_and_a_preference_is_refused_on_each():
    application = study_visit_request(host_left_to_programme=True, experts_count=2)
    application.member_state_preference.set(Country.objects.filter(code="DE"))

    assert submission_problems(application, DAY) == {
        "experts_count": [STUDY_VISIT_NO_EXPERTS],
        "member_state_preference": [NO_PREFERENCE],
    }


def test_a_workshop_request_naming_a_host_is_refused_on_the_host():
    application = request(host_country=Country.objects.get(code="SI"))

    assert submission_problems(application, DAY) == {"host_country": [NO_HOST_FOR]}


def test_in_a_peer_to_peer_window_the_host_is_not_the_beneficiarys_own_member_state():
    poland, germany = Country.objects.get(code="PL"), Country.objects.get(code="DE")
    polish = InstitutionFactory(name="Polish Ministry of Funds", country=poland)
    p2p = Window.objects.get(code="regio-peer-2-peer")

    own = study_visit_request(lead_institution=polish, window=p2p, host_country=poland)
    other = study_visit_request(lead_institution=polish, window=p2p, host_country=germany)
    outside_p2p = study_visit_request(host_country=Country.objects.get(code="SI"))

    assert submission_problems(own, DAY) == {
        "host_country": [
            "In a peer-to-peer window the host cannot be the beneficiary's own Member State."
        ]
    }
    assert submission_problems(other, DAY) == {}
    assert submission_problems(outside_p2p, DAY) == {}


def test_an_unsaved_study_visit_is_checked_without_its_preferences():
    application = Application(
        assistance_type="study_visit",
        lead_institution=serbian(),
        window=Window.objects.get(code="enlargement"),
        host_left_to_programme=True,
        experts_count=3,
    )

    problems = submission_problems(application, DAY)

    assert problems["experts_count"] == [STUDY_VISIT_NO_EXPERTS]
    assert "expertise_wished" not in problems
    assert "member_state_preference" not in problems
