"""A request answered by a series of events: the case handler adds a follow-up event from an
approved request's event page; the series shows on the request and on each event."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import services as request_services
from taiex.applications.enums import Criterion
from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.queries.series import other_events_of_series, series_of_request
from taiex.events.services.decisions import decide_application
from taiex.events.services.errors import EventError
from taiex.events.services.series import FollowUp, add_follow_up_event
from taiex.reference.models import Language
from tests.factories import make_user, submittable_application

pytestmark = pytest.mark.django_db

START = date.today() + timedelta(days=60)


def approved_event(applicant, ncp, case_handler, head_of_unit, **fields):
    application = request_services.forward_application(
        request_services.submit_application(
            submittable_application(applicant, **fields), actor=applicant
        ),
        actor=ncp,
    )
    application = request_services.close_consultation(application, actor=None, note="Silence.")
    application = request_services.propose_decision(
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


@pytest.fixture
def workshop(applicant, ncp, case_handler, head_of_unit):
    return approved_event(
        applicant,
        ncp,
        case_handler,
        head_of_unit,
        working_languages=list(Language.objects.filter(code__in=["en", "sr"])),
        participants_count=25,
        interpretation_pairs=[("en", "sr")],
        interpretation_note="English-Serbian",
        preferred_start=START,
        preferred_end=START + timedelta(days=1),
    )


def mission(workshop, **fields):
    values = {
        "follows": workshop,
        "event_type": "expert_mission",
        "title": "Follow-up mission on asylum interviews",
        "start_date": START + timedelta(days=30),
        "end_date": START + timedelta(days=32),
        "experts_needed": 2,
    } | fields
    return FollowUp(**values)


def test_a_follow_up_takes_the_requests_facts_and_its_own_type_and_dates(workshop, case_handler):
    follow_up = add_follow_up_event(mission(workshop), actor=case_handler)

    assert follow_up.reference == f"EM-{START.year}-0001"
    assert (follow_up.application_id, follow_up.follows_id) == (
        workshop.application_id,
        workshop.pk,
    )
    assert (
        follow_up.event_type,
        follow_up.mission_kind,
        follow_up.state,
        follow_up.experts_needed,
    ) == ("expert_mission", "advice", "planned", 2)
    assert (follow_up.start_date, follow_up.end_date) == (
        START + timedelta(days=30),
        START + timedelta(days=32),
    )
    assert follow_up.title == "Follow-up mission on asylum interviews"
    assert (follow_up.venue_country.code, follow_up.time_zone) == ("RS", "Europe/Belgrade")
    assert follow_up.participants_count == 25
    assert follow_up.case_handler == case_handler
    assert sorted(follow_up.working_languages.values_list("code", flat=True)) == ["en", "sr"]
    assert (follow_up.interpretation_needed, follow_up.interpretation_note) == (
        True,
        "English-Serbian",
    )
    assert list(follow_up.interpretation_pairs.values_list("source__code", "target__code")) == [
        ("en", "sr")
    ]
    log = ActivityLog.objects.filter(object_id=str(follow_up.pk), action="create").get()
    assert log.note == (
        f"Created to follow up {workshop.reference} (request {workshop.application.reference})."
    )
    assert [e.reference for e in series_of_request(workshop.application_id)] == [
        workshop.reference,
        follow_up.reference,
    ]
    assert list(other_events_of_series(follow_up)) == [workshop]


def test_a_follow_up_may_be_an_assessment_mission(workshop, case_handler):
    follow_up = add_follow_up_event(
        mission(workshop, mission_kind="assessment"), actor=case_handler
    )

    assert (follow_up.event_type, follow_up.mission_kind) == ("expert_mission", "assessment")
    assert workshop.mission_kind == ""


def test_a_study_visit_follow_up_has_no_venue_nor_experts(workshop, case_handler):
    visit = add_follow_up_event(
        mission(workshop, event_type="study_visit", experts_needed=0), actor=case_handler
    )

    assert visit.reference.startswith(f"SV-{START.year}-")
    assert (visit.venue_country, visit.time_zone, visit.experts_needed) == (
        None,
        "Europe/Brussels",
        0,
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"start_date": None},
            "start_date",
            "Give the first day of the follow-up event.",
        ),
        (
            {"start_date": START + timedelta(days=30), "end_date": START + timedelta(days=29)},
            "end_date",
            "The last day cannot be before the first day.",
        ),
        (
            # The day the followed event ends: too early; the day after is accepted (below).
            {"start_date": START + timedelta(days=1), "end_date": START + timedelta(days=1)},
            "start_date",
            "A follow-up starts after the event it follows: {ref} ends on {end}.",
        ),
        (
            {"event_type": "study_visit", "experts_needed": 1},
            "experts_needed",
            "A study visit has no Member State experts (a Member State administration hosts "
            "it): leave the experts at 0.",
        ),
        (
            {"event_type": "workshop", "mission_kind": "peer_review"},
            "mission_kind",
            "Only an expert mission is a peer review or an assessment mission: leave the kind "
            "empty for a workshop or a study visit.",
        ),
        (
            {"experts_needed": 3},
            "experts_needed",
            "Expert mission: at most 2 experts; this would make 3 experts. Ask the head of unit "
            "for an exception to go beyond the limit.",
        ),
        (
            {"end_date": START + timedelta(days=35)},
            "end_date",
            "Expert mission: at most 5 days; this would make 6 days. Ask the head of unit for an "
            "exception to go beyond the limit.",
        ),
    ],
)
def test_a_refused_follow_up_names_the_field_and_stores_nothing(
    workshop, case_handler, fields, field, message
):
    before = Event.objects.count()
    with pytest.raises(EventError) as refused:
        add_follow_up_event(mission(workshop, **fields), actor=case_handler)

    end = workshop.end_date
    assert (refused.value.field, str(refused.value)) == (
        field,
        message.format(ref=workshop.reference, end=f"{end:%d %B %Y}"),
    )
    assert Event.objects.count() == before


def test_a_follow_up_may_start_the_day_after_the_event_it_follows(workshop, case_handler):
    day_after = workshop.end_date + timedelta(days=1)
    created = add_follow_up_event(
        mission(workshop, start_date=day_after, end_date=day_after), actor=case_handler
    )

    assert created.start_date == day_after


def test_a_cancelled_event_or_an_event_without_request_has_no_follow_up(workshop, case_handler):
    Event.objects.filter(pk=workshop.pk).update(state="cancelled", cancellation_reason="Floods.")
    workshop.refresh_from_db()
    with pytest.raises(EventError, match=r"^A cancelled event cannot be followed up\.$"):
        add_follow_up_event(mission(workshop), actor=case_handler)

    Event.objects.filter(pk=workshop.pk).update(state="planned", application=None)
    workshop.refresh_from_db()
    with pytest.raises(EventError, match=r"^This event was not created from a request"):
        add_follow_up_event(mission(workshop), actor=case_handler)


def post_follow_up(client, event, **fields):
    data = {
        "follow-up-event_type": "expert_mission",
        "follow-up-title": "Follow-up mission",
        "follow-up-start_date": (START + timedelta(days=30)).isoformat(),
        "follow-up-end_date": (START + timedelta(days=31)).isoformat(),
        "follow-up-experts_needed": "1",
    } | {f"follow-up-{k}": v for k, v in fields.items()}
    return client.post(reverse("events:follow_up", args=[event.pk]), data)


def test_the_case_handler_adds_a_follow_up_from_the_event_page(client, workshop, case_handler):
    client.force_login(case_handler)
    page = client.get(reverse("events:detail", args=[workshop.pk]))
    assert page.context["follow_up_form"] is not None
    assert page.context["series"] == []
    assert "This is the only event of the request so far." in page.content.decode()

    response = post_follow_up(client, workshop)

    created = Event.objects.get(follows=workshop)
    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[created.pk])
    page = client.get(reverse("events:detail", args=[workshop.pk]))
    assert page.context["series"] == [created]
    html = page.content.decode()
    assert f'href="{reverse("events:detail", args=[created.pk])}">{created.reference}</a>' in html
    assert "is one of 2 events that answer the request" in html
    follow_page = client.get(reverse("events:detail", args=[created.pk])).content.decode()
    assert f'it follows up <a href="{reverse("events:detail", args=[workshop.pk])}">' in (
        follow_page
    )

    request_page = client.get(reverse("applications:detail", args=[workshop.application_id]))
    assert [e.pk for e in request_page.context["events"]] == [workshop.pk, created.pk]
    assert "Approved: a series of 2 events" in request_page.content.decode()


def test_bad_follow_up_input_is_shown_on_the_form_and_nothing_is_stored(
    client, workshop, case_handler
):
    client.force_login(case_handler)
    before = Event.objects.count()

    response = post_follow_up(client, workshop, start_date="", experts_needed="-1")

    assert response.status_code == 400
    form = response.context["follow_up_form"]
    assert form.errors == {
        "start_date": ["Give the first day of the follow-up event."],
        "experts_needed": ["Ensure this value is greater than or equal to 0."],
    }
    assert Event.objects.count() == before
    limit = post_follow_up(client, workshop, experts_needed="3")
    assert limit.status_code == 400
    assert limit.context["follow_up_form"].errors["experts_needed"] == [
        "Expert mission: at most 2 experts; this would make 3 experts. Ask the head of unit for "
        "an exception to go beyond the limit."
    ]
    assert Event.objects.count() == before


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("case_handler", True),
        ("same_team_case_handler", True),
        ("head_of_unit", True),
        ("other_team_case_handler", False),
        ("administrator", False),
        ("ncp", False),
        ("applicant", False),
        ("expert", False),
        ("anonymous", False),
    ],
)
def test_who_may_add_a_follow_up(request, client, workshop, who, allowed):
    if who == "same_team_case_handler":
        user = make_user(Role.CASE_HANDLER, team=workshop.team.code, full_name="Sam Same Team")
    elif who == "other_team_case_handler":
        other = "agri" if workshop.team.code != "agri" else "jfs"
        user = make_user(Role.CASE_HANDLER, team=other, full_name="Otto Other Team")
    elif who != "anonymous":
        user = request.getfixturevalue(who)
    if who != "anonymous":
        client.force_login(user)
    before = Event.objects.count()

    response = post_follow_up(client, workshop)

    if allowed:
        assert response.status_code == 302
        assert Event.objects.count() == before + 1
    else:
        assert response.status_code in (302, 404) if who == "anonymous" else 404
        if who == "anonymous":
            assert response.url.startswith(reverse("accounts:login"))
        assert Event.objects.count() == before
        page = client.get(reverse("events:detail", args=[workshop.pk]))
        if page.status_code == 200:
            assert page.context["follow_up_form"] is None
