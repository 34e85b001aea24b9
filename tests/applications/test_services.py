"""The writes on a request, one service at a time: what each changes, and what it refuses."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from taiex.applications import services
from taiex.applications.enums import HOLDABLE_STATES, Criterion
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, Assessment, Comment, Consultation
from taiex.applications.workflow import MOVES, TransitionNotAllowed
from taiex.core.audit import activity_of
from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.services.decisions import decide_application
from taiex.reference.models import Chapter, ThematicTeam
from tests.factories import ApplicationFactory, submittable_application

BRUSSELS = ZoneInfo("Europe/Brussels")
ALL_MET = dict.fromkeys(Criterion.values, True)


def actions_of(application):
    return list(activity_of(application).values_list("action", flat=True))


def forwarded(ncp, **fields):
    application = ApplicationFactory(state=S.SUBMITTED, **fields)
    return services.forward_application(application, actor=ncp, note="Complete.")


def opinion_of(application, group):
    return application.consultations.get(group=group)


# Submission


def test_submit_application_numbers_references_in_order_within_the_year(applicant):
    first = submittable_application(applicant)
    second = submittable_application(applicant)
    year = timezone.localdate().year

    services.submit_application(first, actor=applicant)
    services.submit_application(second, actor=applicant)

    assert [first.reference, second.reference] == [f"APP-{year}-00001", f"APP-{year}-00002"]
    assert list(Application.objects.order_by("pk").values_list("reference", "state")) == [
        (f"APP-{year}-00001", S.SUBMITTED),
        (f"APP-{year}-00002", S.SUBMITTED),
    ]


def test_submit_application_stores_the_checks_and_the_time(applicant):
    application = submittable_application(applicant)
    institution = application.lead_institution.name
    day = timezone.localdate()
    before = timezone.now()

    services.submit_application(application, actor=applicant)

    application.refresh_from_db()
    # Each check is kept in every offered language: the French reader sees the same reasons.
    assert [check["messages"]["en"] for check in application.eligibility] == [
        check["message"] for check in application.eligibility
    ]
    assert application.eligibility[2]["messages"]["fr"] == (
        "Atelier : 5 jours au plus ; ces dates couvrent 2 jours."
    )
    assert [
        {key: value for key, value in check.items() if key != "messages"}
        for check in application.eligibility
    ] == [
        {
            "code": "country_window",
            "field": "window",
            "passed": True,
            "message": f"Serbia is in the window Enlargement on {day:%d %B %Y}.",
        },
        {
            "code": "institution_kind",
            "field": "lead_institution",
            "passed": True,
            "message": f"{institution}: Central public administration is eligible.",
        },
        {
            "code": "max_days",
            "field": "preferred_end",
            "passed": True,
            "message": "Workshop: at most 5 days; these dates span 2 days.",
        },
        {
            "code": "max_experts",
            "field": "experts_count",
            "passed": True,
            "message": "Workshop: at most 6 experts; 2 requested.",
        },
    ]
    assert before <= application.submitted_at <= timezone.now()
    assert list(
        activity_of(application).values_list("action", "from_state", "to_state", "actor")
    ) == [("submit", S.DRAFT, S.SUBMITTED, applicant.pk)]


def test_submit_application_after_return_keeps_the_reference(applicant, ncp):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    reference = application.reference
    services.return_application(application, actor=ncp, reason="Add the agenda.")

    services.submit_application(application, actor=applicant)

    application.refresh_from_db()
    assert (application.reference, application.state) == (reference, S.SUBMITTED)
    assert actions_of(application) == ["submit", "return_for_correction", "resubmit"]
    later = services.submit_application(submittable_application(applicant), actor=applicant)
    assert later.reference == f"APP-{timezone.localdate().year}-00002"


def test_submit_application_with_a_stale_copy_keeps_the_reference(applicant, ncp):
    stale = submittable_application(applicant)
    current = services.submit_application(Application.objects.get(pk=stale.pk), actor=applicant)
    services.return_application(current, actor=ncp, reason="Add the agenda.")

    services.submit_application(stale, actor=applicant)

    stored = Application.objects.get(pk=stale.pk)
    assert (stored.reference, stored.state) == (current.reference, S.SUBMITTED)


# Reasons required


REASONED = [
    pytest.param(
        S.SUBMITTED,
        lambda application, actor: services.return_application(
            application, actor=actor, reason=" "
        ),
        "Say what the applicant should correct.",
        id="return",
    ),
    pytest.param(
        S.PROPOSED,
        lambda application, actor: decide_application(
            application, actor=actor, decision="reject", reason=""
        ),
        "Give the reason for the decision.",
        id="reject",
    ),
    pytest.param(
        S.PROPOSED,
        lambda application, actor: services.send_back_for_assessment(
            application, actor=actor, reason=None
        ),
        "Say what the new assessment should look at.",
        id="send-back",
    ),
    pytest.param(
        S.CONSULTATION,
        lambda application, actor: services.put_on_hold(application, actor=actor, reason="\n"),
        "Say why the request is put on hold.",
        id="hold",
    ),
]


@pytest.mark.parametrize(("state", "act", "message"), REASONED)
def test_service_without_a_reason_is_refused_and_changes_nothing(head_of_unit, state, act, message):
    application = ApplicationFactory(state=state)
    log_rows = ActivityLog.objects.count()

    with pytest.raises(services.ApplicationError) as error:
        act(application, head_of_unit)

    assert error.value.problems == {"reason": [message]}
    assert Application.objects.get(pk=application.pk).state == state
    assert ActivityLog.objects.count() == log_rows


# Forwarding and consultation


@pytest.mark.parametrize(
    ("chapter_numbers", "team"),
    [([24], "jfs"), ([27], "etet"), ([24, 27], "jfs"), ([31, 27], "etet"), ([11, 24], "agri")],
)
def test_forward_application_assigns_the_team_of_the_lowest_chapter(ncp, chapter_numbers, team):
    application = ApplicationFactory(
        state=S.SUBMITTED, chapters=list(Chapter.objects.filter(number__in=chapter_numbers))
    )

    services.forward_application(application, actor=ncp)

    assert Application.objects.get(pk=application.pk).team == ThematicTeam.objects.get(code=team)


@pytest.mark.parametrize(
    ("now", "deadline"),
    [
        # Thursday morning -> the next Thursday.
        (datetime(2026, 3, 12, 10, 0, tzinfo=BRUSSELS), datetime(2026, 3, 19, 23, 59, 59)),
        # Friday -> the next Friday.
        (datetime(2026, 3, 13, 16, 0, tzinfo=BRUSSELS), datetime(2026, 3, 20, 23, 59, 59)),
        # Thursday 23:30 UTC is already Friday in Brussels.
        (datetime(2026, 3, 12, 23, 30, tzinfo=ZoneInfo("UTC")), datetime(2026, 3, 20, 23, 59, 59)),
        # Saturday counts from the weekend: Monday to Friday.
        (datetime(2026, 3, 14, 9, 0, tzinfo=BRUSSELS), datetime(2026, 3, 20, 23, 59, 59)),
        # Across the change to summer time (29 March 2026) and the Commission's Easter holidays
        # (Maundy Thursday 2 April to Easter Monday 6 April 2026): the fifth working day is 7 April.
        (datetime(2026, 3, 26, 9, 0, tzinfo=BRUSSELS), datetime(2026, 4, 7, 23, 59, 59)),
    ],
)
def test_forward_application_opens_three_consultations_until_the_fifth_working_day(
    ncp, now, deadline
):
    application = ApplicationFactory(state=S.SUBMITTED)
    expected = deadline.replace(tzinfo=BRUSSELS)

    services.forward_application(application, actor=ncp, now=now)

    application.refresh_from_db()
    assert (application.state, application.forwarded_at, application.consultation_deadline) == (
        S.CONSULTATION,
        now,
        expected,
    )
    assert list(
        Consultation.objects.filter(application=application)
        .order_by("group")
        .values_list("group", "opinion", "deadline", "round")
    ) == [
        ("eu_delegation", "pending", expected, 1),
        ("geographic_desk", "pending", expected, 1),
        ("line_dg", "pending", expected, 1),
    ]


def test_record_opinion_objection_rejects_with_the_objection_as_reason(ncp, consultees):
    application = forwarded(ncp)
    consultee = consultees["eu_delegation"]

    services.record_opinion(
        opinion_of(application, "eu_delegation"),
        actor=consultee,
        opinion="objection",
        comment="  Overlaps with the twinning project.  ",
    )

    application.refresh_from_db()
    reason = "Objection by the EU Delegation to Serbia: Overlaps with the twinning project."
    assert (application.state, application.decision_reason) == (S.REJECTED, reason)
    assert application.decided_at is not None
    assert list(
        application.consultations.values_list("group", "opinion", "comment", "responded_by")
    ) == [
        ("eu_delegation", "objection", "Overlaps with the twinning project.", consultee.pk),
        ("geographic_desk", "pending", "", None),
        ("line_dg", "pending", "", None),
    ]
    assert actions_of(application)[-2:] == ["consultation_opinion", "veto"]


def test_record_opinion_objection_without_comment_is_refused(ncp, consultees):
    application = forwarded(ncp)
    consultation = opinion_of(application, "eu_delegation")

    with pytest.raises(services.ApplicationError) as error:
        services.record_opinion(
            consultation, actor=consultees["eu_delegation"], opinion="objection", comment="  "
        )

    assert error.value.problems == {"comment": ["Give the reason for the objection."]}
    consultation.refresh_from_db()
    application.refresh_from_db()
    assert (consultation.opinion, application.state) == ("pending", S.CONSULTATION)


def test_record_opinion_twice_by_the_same_service_is_refused(ncp, consultees):
    application = forwarded(ncp)
    consultation = opinion_of(application, "line_dg")
    services.record_opinion(consultation, actor=consultees["line_dg"], opinion="no_objection")

    with pytest.raises(TransitionNotAllowed):
        services.record_opinion(
            consultation,
            actor=consultees["line_dg"],
            opinion="objection",
            comment="Second thoughts.",
        )

    consultation.refresh_from_db()
    application.refresh_from_db()
    assert (consultation.opinion, consultation.comment) == ("no_objection", "")
    assert application.state == S.CONSULTATION


def test_record_opinion_all_no_objection_moves_to_assessment(ncp, consultees):
    application = forwarded(ncp)

    for group, consultee in consultees.items():
        services.record_opinion(
            opinion_of(application, group), actor=consultee, opinion="no_objection"
        )

    application.refresh_from_db()
    assert application.state == S.ASSESSMENT
    assert list(application.consultations.values_list("opinion", flat=True)) == ["no_objection"] * 3
    assert not application.consultations.filter(opinion="pending").exists()
    assert actions_of(application)[-2:] == ["consultation_opinion", "close_consultation"]


def test_close_silent_consultations_before_the_deadline_does_nothing(ncp):
    application = forwarded(ncp)

    closed = services.close_silent_consultations(
        now=application.consultation_deadline - timedelta(seconds=1)
    )

    application.refresh_from_db()
    assert closed == []
    assert application.state == S.CONSULTATION
    assert list(application.consultations.values_list("opinion", flat=True)) == ["pending"] * 3


def test_close_silent_consultations_after_the_deadline_closes_the_due_ones(ncp, consultees):
    thursday = datetime(2026, 3, 12, 10, 0, tzinfo=BRUSSELS)
    due = services.forward_application(
        ApplicationFactory(state=S.SUBMITTED), actor=ncp, now=thursday
    )
    services.record_opinion(
        opinion_of(due, "line_dg"), actor=consultees["line_dg"], opinion="no_objection"
    )
    not_yet_due = services.forward_application(
        ApplicationFactory(state=S.SUBMITTED), actor=ncp, now=thursday + timedelta(days=1)
    )

    closed = services.close_silent_consultations(now=datetime(2026, 3, 20, 0, 0, tzinfo=BRUSSELS))

    assert [application.pk for application in closed] == [due.pk]
    due.refresh_from_db()
    not_yet_due.refresh_from_db()
    assert (due.state, not_yet_due.state) == (S.ASSESSMENT, S.CONSULTATION)
    assert list(due.consultations.values_list("group", "opinion")) == [
        ("eu_delegation", "silent"),
        ("geographic_desk", "silent"),
        ("line_dg", "no_objection"),
    ]
    assert list(not_yet_due.consultations.values_list("opinion", flat=True)) == ["pending"] * 3
    assert list(
        activity_of(due).filter(action="close_consultation").values_list("actor", "note")
    ) == [(None, "Deadline passed: services that did not answer have no objection.")]


# Assessment and decision


def test_propose_decision_to_approve_with_an_unmet_criterion_is_refused(case_handler):
    application = ApplicationFactory(state=S.ASSESSMENT)
    message = (
        "A proposal to approve needs every criterion met; not met: No overlap with other assistance"
    )

    with pytest.raises(services.ApplicationError) as error:
        services.propose_decision(
            application,
            actor=case_handler,
            recommendation="approve",
            criteria={**ALL_MET, "no_overlap": False},
            reason="Useful.",
        )

    assert error.value.problems == {"criteria": [message]}
    application.refresh_from_db()
    assert (application.state, application.case_handler) == (S.ASSESSMENT, None)
    assert not Assessment.objects.exists()


def test_propose_decision_makes_the_proposer_the_case_handler(case_handler):
    application = ApplicationFactory(state=S.ASSESSMENT)

    services.propose_decision(
        application,
        actor=case_handler,
        recommendation="reject",
        criteria={"eligibility": True, "clarity": False},
        reason="Too vague.",
    )

    application.refresh_from_db()
    assert (application.state, application.case_handler) == (S.PROPOSED, case_handler)
    assert list(
        Assessment.objects.values_list("application", "case_handler", "recommendation", "reason")
    ) == [(application.pk, case_handler.pk, "reject", "Too vague.")]
    assert Assessment.objects.get().criteria == {
        "eligibility": True,
        "link_to_eu_law": False,
        "clarity": False,
        "no_overlap": False,
        "timing": False,
    }


@pytest.mark.parametrize(
    ("assistance_type", "prefix", "experts"),
    [("workshop", "WS", 2), ("expert_mission", "EM", 2), ("study_visit", "SV", 1)],
)
def test_decide_application_approve_creates_the_planned_event(
    case_handler, head_of_unit, assistance_type, prefix, experts
):
    year = timezone.localdate().year + 1
    application = ApplicationFactory(
        state=S.ASSESSMENT,
        assistance_type=assistance_type,
        participants_count=4,
        experts_count=experts,
        preferred_start=date(year, 1, 13),
        preferred_end=date(year, 1, 14),
        chapters=list(Chapter.objects.filter(number__in=[23, 24])),
        team=ThematicTeam.objects.get(code="jfs"),
    )
    services.propose_decision(
        application, actor=case_handler, recommendation="approve", criteria=ALL_MET, reason="Good."
    )

    decide_application(
        application, actor=head_of_unit, decision="approve", reason="Approved at the meeting."
    )

    event = Event.objects.get(application=application)
    application.refresh_from_db()
    assert (application.state, application.decision_reason) == (
        S.APPROVED,
        "Approved at the meeting.",
    )
    assert (
        event.reference,
        event.state,
        event.event_type,
        event.case_handler,
        event.title,
        event.start_date,
        event.end_date,
        event.beneficiary.code,
    ) == (
        f"{prefix}-{year}-0001",
        "planned",
        assistance_type,
        case_handler,
        application.title,
        date(year, 1, 13),
        date(year, 1, 14),
        "RS",
    )
    assert list(event.chapters.values_list("number", flat=True)) == [23, 24]


def test_decide_application_approve_numbers_events_per_type_and_year(head_of_unit, case_handler):
    year = timezone.localdate().year + 1
    applications = [
        ApplicationFactory(
            state=S.PROPOSED,
            case_handler=case_handler,
            preferred_start=date(year, 2, 2),
            preferred_end=date(year, 2, 3),
        )
        for _ in range(2)
    ]

    for application in applications:
        decide_application(application, actor=head_of_unit, decision="approve", reason="Approved.")

    assert list(Event.objects.order_by("reference").values_list("reference", flat=True)) == [
        f"WS-{year}-0001",
        f"WS-{year}-0002",
    ]


def test_decide_application_reject_creates_no_event(head_of_unit, case_handler):
    application = ApplicationFactory(state=S.PROPOSED, case_handler=case_handler)

    decide_application(
        application, actor=head_of_unit, decision="reject", reason="Covered by twinning."
    )

    application.refresh_from_db()
    assert (application.state, application.decision_reason) == (
        S.REJECTED,
        "Covered by twinning.",
    )
    assert not Event.objects.exists()


# Withdrawal and hold


WITHDRAWABLE = [source for (source, target) in MOVES if target == S.WITHDRAWN]


def test_withdrawable_states_are_every_state_before_the_decision():
    assert sorted(WITHDRAWABLE) == sorted(
        [S.DRAFT, S.SUBMITTED, S.RETURNED, S.CONSULTATION, S.ASSESSMENT, S.PROPOSED, S.ON_HOLD]
    )


@pytest.mark.parametrize("state", WITHDRAWABLE)
def test_withdraw_application_from_an_open_state(applicant, state):
    application = submittable_application(applicant, state=state)

    services.withdraw_application(application, actor=applicant, reason="No longer needed.")

    assert Application.objects.get(pk=application.pk).state == S.WITHDRAWN
    assert list(activity_of(application).values_list("action", "from_state", "note")) == [
        ("withdraw", state, "No longer needed.")
    ]


@pytest.mark.parametrize("state", [S.APPROVED, S.REJECTED, S.WITHDRAWN])
def test_withdraw_application_after_the_decision_is_refused(applicant, state):
    application = submittable_application(applicant, state=state)

    with pytest.raises(TransitionNotAllowed):
        services.withdraw_application(application, actor=applicant)

    assert Application.objects.get(pk=application.pk).state == state
    assert activity_of(application).count() == 0


@pytest.mark.parametrize("state", HOLDABLE_STATES)
def test_put_on_hold_then_resume_returns_to_the_previous_state(head_of_unit, state):
    application = ApplicationFactory(state=state)

    services.put_on_hold(application, actor=head_of_unit, reason="Waiting for the new law.")
    on_hold = Application.objects.get(pk=application.pk)
    services.resume_application(application, actor=head_of_unit)

    resumed = Application.objects.get(pk=application.pk)
    assert (on_hold.state, on_hold.held_from_state) == (S.ON_HOLD, state)
    assert (resumed.state, resumed.held_from_state) == (state, "")
    assert actions_of(application) == ["put_on_hold", "resume"]


def test_put_on_hold_with_a_stale_copy_remembers_the_stored_state(ncp, head_of_unit):
    application = ApplicationFactory(state=S.SUBMITTED)
    stale = Application.objects.get(pk=application.pk)
    services.forward_application(application, actor=ncp)

    services.put_on_hold(stale, actor=head_of_unit, reason="Waiting for the new law.")
    services.resume_application(stale, actor=head_of_unit)

    assert Application.objects.get(pk=application.pk).state == S.CONSULTATION


def test_resume_application_with_a_copy_loaded_before_the_hold(head_of_unit):
    application = ApplicationFactory(state=S.ASSESSMENT)
    loaded_before = Application.objects.get(pk=application.pk)
    services.put_on_hold(application, actor=head_of_unit, reason="Waiting for the new law.")

    services.resume_application(loaded_before, actor=head_of_unit)

    resumed = Application.objects.get(pk=application.pk)
    assert (resumed.state, resumed.held_from_state) == (S.ASSESSMENT, "")


def test_resume_application_not_on_hold_is_refused(head_of_unit):
    application = ApplicationFactory(state=S.ASSESSMENT)

    with pytest.raises(TransitionNotAllowed):
        services.resume_application(application, actor=head_of_unit)

    assert Application.objects.get(pk=application.pk).state == S.ASSESSMENT


# Drafts and comments


def draft_edit(title, expected_version):
    return {
        "fields": {"title": title},
        "relations": {},
        "contacts": [
            {
                "name": "Jelena Petrović",
                "position": "Head of unit",
                "email": "j@example.org",
                "phone": "",
            }
        ],
        "expected_version": expected_version,
    }


def test_save_draft_stores_the_edit_and_counts_the_version(applicant):
    application = submittable_application(applicant)

    saved = services.save_draft(application, actor=applicant, **draft_edit("Asylum interviews", 1))

    assert (saved.title, saved.version) == ("Asylum interviews", 2)
    assert list(saved.contacts.values_list("name", "email")) == [
        ("Jelena Petrović", "j@example.org")
    ]
    assert list(activity_of(application).values_list("action", "data")) == [
        ("edit", {"fields": ["title", "contacts"]})
    ]


def test_save_draft_with_a_stale_version_stores_nothing(applicant):
    application = submittable_application(applicant)
    services.save_draft(application, actor=applicant, **draft_edit("First editor", 1))

    with pytest.raises(services.StaleEdit):
        services.save_draft(application, actor=applicant, **draft_edit("Second editor", 1))

    stored = Application.objects.get(pk=application.pk)
    assert (stored.title, stored.version) == ("First editor", 2)
    assert activity_of(application).count() == 1


def test_save_draft_of_a_submitted_request_is_refused(applicant):
    application = services.submit_application(submittable_application(applicant), actor=applicant)
    title = application.title

    with pytest.raises(services.ApplicationError) as error:
        services.save_draft(application, actor=applicant, **draft_edit("Changed", 1))

    assert str(error.value) == (
        f"{application.reference} is submitted to the NCP and can no longer be edited."
    )
    stored = Application.objects.get(pk=application.pk)
    assert (stored.title, stored.version) == (title, 1)
    assert actions_of(application) == ["submit"]


def test_add_comment_with_an_empty_body_is_refused(applicant):
    application = submittable_application(applicant)

    with pytest.raises(services.ApplicationError) as error:
        services.add_comment(application, actor=applicant, body="   ")

    assert error.value.problems == {"body": ["Write a message."]}
    assert not Comment.objects.exists()
    assert activity_of(application).count() == 0


def test_add_comment_stores_the_stripped_body(applicant):
    application = submittable_application(applicant)

    comment = services.add_comment(application, actor=applicant, body=" When is the answer? ")

    assert list(Comment.objects.values_list("application", "author", "body")) == [
        (application.pk, applicant.pk, "When is the answer?")
    ]
    assert list(activity_of(application).values_list("action", "data")) == [
        ("comment", {"comment": comment.pk})
    ]
