"""Completeness and eligibility at submission: every refusal names its field and says why."""

from datetime import date, timedelta
from functools import partial

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from taiex.applications.eligibility import (
    REQUIRED_FIELDS,
    evaluate_eligibility,
    submission_problems,
    submission_warnings,
)
from taiex.applications.services import ApplicationError, submit_application
from taiex.core.models import ActivityLog
from taiex.reference.models import AssistanceLimit, Country, InstitutionKind, Window
from tests.factories import ApplicationFactory, InstitutionFactory, submittable_application

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def dates(days):
    """A preferred start two months ahead and an end that makes the event `days` days long."""
    start = today() + timedelta(days=60)
    return {"preferred_start": start, "preferred_end": start + timedelta(days=days - 1)}


def institution(country_code, name, kind="central-administration"):
    return InstitutionFactory(
        name=name,
        country=Country.objects.get(code=country_code),
        kind=InstitutionKind.objects.get(code=kind),
    )


def in_belarus():
    return ApplicationFactory(lead_institution=institution("BY", "Ministry of Justice of Belarus"))


def of_kind(kind):
    return ApplicationFactory(lead_institution=institution("RS", "Serbian body", kind=kind))


def expert_mission(days=2, experts=2):
    return ApplicationFactory(
        assistance_type="expert_mission", experts_count=experts, **dates(days)
    )


def study_visit(participants, lead=None, window="enlargement"):
    return ApplicationFactory(
        assistance_type="study_visit",
        participants_count=participants,
        experts_count=None,
        host_left_to_programme=True,
        lead_institution=lead or institution("RS", "Serbian Ministry of Finance"),
        window=Window.objects.get(code=window),
    )


def polish_study_visit(participants):
    return study_visit(
        participants,
        lead=institution("PL", "Polish Ministry of Regional Development"),
        window="regio-peer-2-peer",
    )


def workshop(days):
    return ApplicationFactory(assistance_type="workshop", **dates(days))


def with_partner_in_albania(assistance_type):
    application = ApplicationFactory(
        assistance_type=assistance_type,
        lead_institution=institution("RS", "Serbian Ministry of Interior"),
    )
    application.partner_institutions.set([institution("AL", "Albanian Ministry of Interior")])
    return application


def without(field):
    return ApplicationFactory(**{field: None if field in NULLABLE else ""})


NULLABLE = {
    "preferred_start",
    "preferred_end",
    "participants_count",
    "experts_count",
    "lead_institution",
    "window",
}


def with_bad_celex():
    return ApplicationFactory(celex_numbers=["32013L0032", "directive-2013-32"])


def starting_yesterday():
    return ApplicationFactory(
        preferred_start=today() - timedelta(days=1), preferred_end=today() + timedelta(days=1)
    )


def polish_with_polish_experts():
    application = ApplicationFactory(
        lead_institution=institution("PL", "Polish Ministry of Regional Development"),
        window=Window.objects.get(code="regio-peer-2-peer"),
    )
    application.member_state_preference.set(Country.objects.filter(code__in=["PL", "DE"]))
    return application


def test_eligibility_accepts_the_complete_serbian_workshop():
    application = ApplicationFactory()

    assert submission_problems(application, today()) == {}


def test_eligibility_refuses_a_country_whose_window_closed():
    application = in_belarus()

    problems = submission_problems(application, today())

    assert problems == {
        "lead_institution": [f"Belarus is not in an open window on {today():%d %B %Y}."]
    }


def test_eligibility_accepts_belarus_while_its_window_was_open():
    application = ApplicationFactory(
        lead_institution=institution("BY", "Ministry of Justice of Belarus"),
        window=Window.objects.get(code="neighbourhood-east"),
        preferred_start=date(2021, 6, 14),
        preferred_end=date(2021, 6, 15),
    )

    assert submission_problems(application, date(2021, 6, 1)) == {}


@pytest.mark.parametrize(
    ("kind", "label"),
    [("private-company", "private company"), ("civil-society", "civil society organisation")],
)
def test_eligibility_refuses_an_ineligible_kind_of_institution(kind, label):
    application = of_kind(kind)

    problems = submission_problems(application, today())

    assert problems == {
        "lead_institution": [
            f"Serbian body is a {label}; this kind of institution cannot receive assistance "
            f"on {today():%d %B %Y}."
        ]
    }


def test_eligibility_refuses_an_expert_mission_of_seven_days():
    application = expert_mission(days=7)

    problems = submission_problems(application, today())

    assert problems == {
        "preferred_end": ["Expert mission: at most 5 days; these dates span 7 days."]
    }


def test_eligibility_accepts_an_expert_mission_of_five_days():
    application = expert_mission(days=5)

    assert submission_problems(application, today()) == {}


def test_eligibility_refuses_an_expert_mission_with_three_experts():
    application = expert_mission(experts=3)

    problems = submission_problems(application, today())

    assert problems == {"experts_count": ["Expert mission: at most 2 experts; 3 requested."]}


def test_eligibility_refuses_a_study_visit_of_nine_participants():
    application = study_visit(9)

    problems = submission_problems(application, today())

    assert problems == {"participants_count": ["Study visit: at most 5 participants; 9 requested."]}


def test_eligibility_refuses_a_study_visit_of_four_in_a_peer_to_peer_window():
    application = polish_study_visit(4)

    problems = submission_problems(application, today())

    assert problems == {
        "participants_count": [
            "Study visit in a peer-to-peer window: at most 3 participants; 4 requested."
        ]
    }


def test_eligibility_accepts_a_study_visit_of_three_in_a_peer_to_peer_window():
    application = polish_study_visit(3)

    assert submission_problems(application, today()) == {}


def test_eligibility_accepts_a_study_visit_of_four_outside_peer_to_peer_windows():
    application = study_visit(4)

    assert submission_problems(application, today()) == {}


def test_eligibility_accepts_a_workshop_of_five_days():
    application = workshop(5)

    assert submission_problems(application, today()) == {}


def test_eligibility_refuses_a_workshop_of_six_days():
    application = workshop(6)

    problems = submission_problems(application, today())

    assert problems == {"preferred_end": ["Workshop: at most 5 days; these dates span 6 days."]}


def test_eligibility_accepts_a_partner_from_another_country_for_a_workshop():
    application = with_partner_in_albania("workshop")

    assert submission_problems(application, today()) == {}


def test_eligibility_refuses_a_partner_from_another_country_for_an_expert_mission():
    application = with_partner_in_albania("expert_mission")

    problems = submission_problems(application, today())

    assert problems == {
        "partner_institutions": [
            "Albanian Ministry of Interior is in Albania; only a workshop can bring together "
            "institutions of several countries."
        ]
    }


@pytest.mark.parametrize("field", list(REQUIRED_FIELDS))
def test_eligibility_refuses_a_missing_field(field):
    application = without(field)

    problems = submission_problems(application, today())

    assert problems == {field: [REQUIRED_FIELDS[field]]}


def test_eligibility_refuses_a_bad_celex_number():
    application = with_bad_celex()

    problems = submission_problems(application, today())

    assert problems == {
        "celex_numbers": ["directive-2013-32 is not a CELEX number (for example 32013L0032)."]
    }


def test_eligibility_refuses_a_first_day_in_the_past():
    application = starting_yesterday()

    problems = submission_problems(application, today())

    assert problems == {"preferred_start": ["The preferred first day must be after today."]}


def test_eligibility_refuses_experts_of_the_beneficiarys_own_member_state_in_peer_to_peer():
    application = polish_with_polish_experts()

    problems = submission_problems(application, today())

    assert problems == {
        "member_state_preference": [
            "In a peer-to-peer window the experts cannot come from the beneficiary's own "
            "Member State."
        ]
    }


def test_eligibility_limits_come_from_the_reference_data():
    AssistanceLimit.objects.filter(
        assistance_type="expert_mission", applies_to_peer_to_peer=False
    ).update(max_days=7)
    application = expert_mission(days=7)

    assert submission_problems(application, today()) == {}


REFUSALS = [
    pytest.param(in_belarus, "lead_institution", id="country"),
    pytest.param(partial(of_kind, "private-company"), "lead_institution", id="private-company"),
    pytest.param(partial(of_kind, "civil-society"), "lead_institution", id="civil-society"),
    pytest.param(partial(expert_mission, days=7), "preferred_end", id="mission-days"),
    pytest.param(partial(expert_mission, experts=3), "experts_count", id="mission-experts"),
    pytest.param(partial(study_visit, 9), "participants_count", id="visit-participants"),
    pytest.param(partial(polish_study_visit, 4), "participants_count", id="visit-p2p"),
    pytest.param(partial(workshop, 6), "preferred_end", id="workshop-days"),
    pytest.param(
        partial(with_partner_in_albania, "expert_mission"), "partner_institutions", id="partner"
    ),
    pytest.param(with_bad_celex, "celex_numbers", id="celex"),
    pytest.param(starting_yesterday, "preferred_start", id="past"),
    pytest.param(polish_with_polish_experts, "member_state_preference", id="preference"),
    *(
        pytest.param(partial(without, field), field, id=f"missing-{field}")
        for field in REQUIRED_FIELDS
    ),
]


@pytest.mark.parametrize(("build", "field"), REFUSALS)
def test_submit_application_with_a_problem_changes_nothing(build, field):
    application = build()
    log_rows = ActivityLog.objects.count()

    with pytest.raises(ApplicationError) as error:
        submit_application(application, actor=application.created_by)

    assert field in error.value.problems
    application.refresh_from_db()
    assert (application.state, application.reference, application.submitted_at) == (
        "draft",
        None,
        None,
    )
    assert application.eligibility == []
    assert ActivityLog.objects.count() == log_rows


def test_twenty_five_experts_for_a_two_day_workshop_are_refused_with_the_limit(applicant):
    application = submittable_application(applicant, experts_count=25)
    problems = submission_problems(application, timezone.localdate())
    assert problems == {"experts_count": ["Workshop: at most 6 experts; 25 requested."]}
    application.experts_count = 6
    assert submission_problems(application, timezone.localdate()) == {}


def test_a_request_due_sooner_than_the_usual_lead_time_is_warned(applicant):
    today = timezone.localdate()
    application = submittable_application(
        applicant,
        preferred_start=today + timedelta(days=59),
        preferred_end=today + timedelta(days=60),
    )
    assert submission_warnings(application, today) == [
        "The preferred first day is 59 days away; a workshop usually needs 60 days between the "
        "request and the event, so these dates may not be possible."
    ]
    application.preferred_start = today + timedelta(days=60)
    assert submission_warnings(application, today) == []


def test_the_lead_time_warning_is_shown_after_submission(client, applicant):
    today = timezone.localdate()
    application = submittable_application(
        applicant,
        preferred_start=today + timedelta(days=20),
        preferred_end=today + timedelta(days=21),
    )
    client.force_login(applicant)
    response = client.post(f"/requests/{application.pk}/submit/", {})
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The request was submitted to the national contact point.",
        "The preferred first day is 20 days away; a workshop usually needs 60 days between the "
        "request and the event, so these dates may not be possible.",
    ]


def test_a_local_authority_is_eligible_from_the_first_day_of_its_strand_not_the_day_before():
    application = of_kind("local-authority")
    checks = partial(evaluate_eligibility, application)
    before = [c for c in checks(date(2017, 12, 31)) if c.code == "institution_kind"]
    first_day = [c for c in checks(date(2018, 1, 1)) if c.code == "institution_kind"]
    assert [(c.passed, c.message) for c in before] == [
        (
            False,
            "Serbian body is a local or regional authority; this kind of institution cannot "
            "receive assistance on 31 December 2017.",
        )
    ]
    assert [(c.passed, c.message) for c in first_day] == [
        (True, "Serbian body: Local or regional authority is eligible.")
    ]
