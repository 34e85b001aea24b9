"""Who sees which requests, and the work queues built on that."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.applications import queries, services
from taiex.applications.enums import ApplicationState as S
from taiex.reference.models import Chapter, Country, ThematicTeam
from tests.factories import (
    ApplicationFactory,
    InstitutionFactory,
    make_user,
    submittable_application,
)


@pytest.fixture
def other_applicant(db):
    return make_user(Role.APPLICANT, country="RS", full_name="Oskar Other Applicant")


@pytest.fixture
def albanian_applicant(db):
    return make_user(Role.APPLICANT, country="AL", full_name="Besa Albanian Applicant")


@pytest.fixture
def world(applicant, other_applicant, albanian_applicant, ncp, consultees):
    """One request of each kind, by name."""
    now = timezone.now()
    submitted = {"submitted_at": now}
    forwarded = {"submitted_at": now, "forwarded_at": now}
    return {
        "own_draft": submittable_application(applicant),
        "own_submitted": submittable_application(applicant, state=S.SUBMITTED, **submitted),
        "own_withdrawn_draft": submittable_application(applicant, state=S.WITHDRAWN),
        "own_withdrawn_later": submittable_application(applicant, state=S.WITHDRAWN, **submitted),
        "own_forwarded": services.forward_application(
            submittable_application(applicant, state=S.SUBMITTED, **submitted), actor=ncp
        ),
        "other_draft": submittable_application(other_applicant),
        "other_returned": submittable_application(other_applicant, state=S.RETURNED, **submitted),
        "albanian_submitted": submittable_application(
            albanian_applicant, state=S.SUBMITTED, **submitted
        ),
        "albanian_proposed": submittable_application(
            albanian_applicant, state=S.PROPOSED, **forwarded
        ),
    }


def names(queryset, world):
    by_pk = {application.pk: name for name, application in world.items()}
    return sorted(by_pk[pk] for pk in queryset.values_list("pk", flat=True))


STAFF_SEES = [
    "albanian_proposed",
    "albanian_submitted",
    "other_returned",
    "own_forwarded",
    "own_submitted",
    "own_withdrawn_later",
]


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (
            "applicant",
            [
                "own_draft",
                "own_forwarded",
                "own_submitted",
                "own_withdrawn_draft",
                "own_withdrawn_later",
            ],
        ),
        ("other_applicant", ["other_draft", "other_returned"]),
        ("albanian_applicant", ["albanian_proposed", "albanian_submitted"]),
        ("ncp", ["other_returned", "own_forwarded", "own_submitted", "own_withdrawn_later"]),
        ("ncp_albania", ["albanian_proposed", "albanian_submitted"]),
        ("case_handler", STAFF_SEES),
        ("head_of_unit", STAFF_SEES),
        ("administrator", STAFF_SEES),
        ("expert", []),
    ],
)
def test_applications_visible_to_each_role(request, world, who, expected):
    user = request.getfixturevalue(who)

    visible = queries.applications_visible_to(user)

    assert names(visible, world) == expected


@pytest.mark.parametrize("group", ["eu_delegation", "geographic_desk", "line_dg"])
def test_applications_visible_to_a_consultee_are_those_it_was_consulted_on(
    world, consultees, group
):
    # albanian_proposed was forwarded without consulting the Serbian services: out of scope.
    visible = queries.applications_visible_to(consultees[group])

    assert names(visible, world) == ["own_forwarded"]


def test_applications_visible_to_a_colleague_include_the_institutions_drafts(applicant, world):
    institution = applicant.memberships.get().institution
    colleague = make_user(Role.APPLICANT, institution=institution)

    visible = queries.applications_visible_to(colleague)

    assert names(visible, world) == names(queries.applications_visible_to(applicant), world)


def test_applications_visible_to_an_anonymous_user_are_none(world):
    assert names(queries.applications_visible_to(AnonymousUser()), world) == []


def test_applications_visible_to_a_user_with_two_roles_combine_both_scopes(world, applicant):
    """An NCP of Albania who is also an applicant of an Albanian body sees both, nothing more."""
    user = make_user(Role.NCP, country="AL")
    albanian_institution = InstitutionFactory(country=Country.objects.get(code="AL"))
    user.memberships.create(role=Role.APPLICANT, institution=albanian_institution)
    draft = ApplicationFactory(created_by=applicant, lead_institution=albanian_institution)
    world["albanian_draft_of_own_institution"] = draft

    visible = queries.applications_visible_to(user)

    assert names(visible, world) == [
        "albanian_draft_of_own_institution",
        "albanian_proposed",
        "albanian_submitted",
    ]


def test_applications_waiting_for_ncp_are_the_submitted_of_the_country(world, ncp, ncp_albania):
    assert names(queries.applications_waiting_for_ncp(ncp), world) == ["own_submitted"]
    assert names(queries.applications_waiting_for_ncp(ncp_albania), world) == ["albanian_submitted"]


def test_applications_of_applicant_are_those_of_the_institution(world, applicant, other_applicant):
    assert names(queries.applications_of_applicant(applicant), world) == [
        "own_draft",
        "own_forwarded",
        "own_submitted",
        "own_withdrawn_draft",
        "own_withdrawn_later",
    ]
    assert names(queries.applications_of_applicant(other_applicant), world) == [
        "other_draft",
        "other_returned",
    ]


def test_applications_in_team_queue_are_consultation_and_assessment_of_the_team(
    world, case_handler
):
    jfs = ThematicTeam.objects.get(code="jfs")
    world["jfs_assessment"] = ApplicationFactory(state=S.ASSESSMENT, team=jfs)
    world["jfs_proposed"] = ApplicationFactory(state=S.PROPOSED, team=jfs)
    world["etet_assessment"] = ApplicationFactory(
        state=S.ASSESSMENT,
        team=ThematicTeam.objects.get(code="etet"),
        chapters=[Chapter.objects.get(number=27)],
    )

    queue = queries.applications_in_team_queue(case_handler)

    assert names(queue, world) == ["jfs_assessment", "own_forwarded"]


def test_applications_for_planning_meeting_are_the_proposed_ones(world, head_of_unit, applicant):
    assert names(queries.applications_for_planning_meeting(head_of_unit), world) == [
        "albanian_proposed"
    ]
    assert names(queries.applications_for_planning_meeting(applicant), world) == []


def test_applications_awaiting_opinion_drop_once_the_service_answered(world, ncp, consultees):
    second = services.forward_application(
        ApplicationFactory(state=S.SUBMITTED, submitted_at=timezone.now()), actor=ncp
    )
    world["second_forwarded"] = second
    services.record_opinion(
        second.consultations.get(group="line_dg"),
        actor=consultees["line_dg"],
        opinion="no_objection",
    )

    assert names(queries.applications_awaiting_opinion(consultees["line_dg"]), world) == [
        "own_forwarded"
    ]
    assert names(queries.applications_awaiting_opinion(consultees["eu_delegation"]), world) == [
        "own_forwarded",
        "second_forwarded",
    ]
