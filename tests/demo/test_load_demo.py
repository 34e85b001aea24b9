"""manage.py load_demo: a login per role, the seeds' real events, requests in every state."""

from datetime import UTC, date, datetime
from io import StringIO
from random import Random

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution, Membership, User
from taiex.applications.enums import ApplicationState
from taiex.applications.models import Application
from taiex.applications.routing import services_to_consult
from taiex.core.models import ActivityLog, InboxItem, OutboxMessage
from taiex.demo.generate import Generator
from taiex.demo.people import DEMO_PASSWORD, LOGINS, PLACES, People
from taiex.events.enums import EventState
from taiex.events.models import Event
from taiex.events.services.hosting import host_has_agreed
from taiex.reference.models import ConsultedService
from taiex.staffing.models import Invitation

# Few requests keep the test quick; the generator still gives every state at least one.
REQUESTS = "30"


def load_demo(*args):
    out = StringIO()
    call_command("load_demo", "--requests", REQUESTS, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(db):
    return load_demo()


def test_load_demo_creates_a_login_for_every_role(demo):
    roles = {
        role: sorted(Membership.objects.filter(role=role).values_list("user__email", flat=True))
        for role in Role.values
    }

    assert {login.email for login in LOGINS} <= set(User.objects.values_list("email", flat=True))
    assert "applicant.rs@example.org" in roles[Role.APPLICANT]
    assert "applicant.az@example.org" in roles[Role.APPLICANT]
    assert {"ncp.rs@example.org", "ncp.az@example.org", "ncp.al@example.org"} <= set(
        roles[Role.NCP]
    )
    named = {"delegation@example.org", "desk@example.org", "linedg@example.org"}
    assert named <= set(roles[Role.CONSULTEE])
    # Every consulted service has exactly one account, so every consultation can be answered.
    assert Membership.objects.filter(role=Role.CONSULTEE).count() == (
        ConsultedService.objects.count()
    )
    assert {
        email: Membership.objects.get(user__email=email).consulted_service.code for email in named
    } == {
        "delegation@example.org": "delegation-rs",
        "desk@example.org": "desk-western-balkans",
        "linedg@example.org": "dg-home",
    }
    assert set(
        Membership.objects.filter(role=Role.CASE_HANDLER).values_list("team__code", flat=True)
    ) == {"jfs", "etet", "agri", "internal-market"}
    assert roles[Role.HEAD_OF_UNIT] == ["head@example.org"]
    assert "expert@example.org" in roles[Role.EXPERT]
    assert len(roles[Role.EXPERT]) == 61
    assert roles[Role.ADMINISTRATOR] == ["admin@example.org"]
    admin = User.objects.get(email="admin@example.org")
    assert (admin.is_staff, admin.is_superuser) == (True, True)


def test_load_demo_logins_work_with_the_documented_password(demo):
    # The lockout of failed logins (django-axes) counts by the request, so every login has one.
    login_request = RequestFactory().post("/accounts/login/")
    for login in LOGINS:
        user = authenticate(login_request, username=login.email, password=DEMO_PASSWORD)
        assert user is not None, login


def test_load_demo_applicants_belong_to_the_seeds_institutions(demo):
    serbian = Membership.objects.get(user__email="applicant.rs@example.org")
    azerbaijani = Membership.objects.get(user__email="applicant.az@example.org")

    assert (serbian.institution.name, serbian.institution.country.code) == (
        "Ministry of Interior of the Republic of Serbia",
        "RS",
    )
    assert (azerbaijani.institution.name, azerbaijani.institution.country.code) == (
        "State Migration Service of the Republic of Azerbaijan",
        "AZ",
    )


def test_load_demo_records_the_seed_events_with_their_dates(demo):
    seed = {
        title: (reference, event_type, start, end, beneficiary, place, participants)
        for title, reference, event_type, start, end, beneficiary, place, participants in (
            Event.objects.filter(application=None).values_list(
                "title",
                "reference",
                "event_type",
                "start_date",
                "end_date",
                "beneficiary__code",
                "place",
                "participants_count",
            )
        )
    }

    assert seed["Risk analysis on illegal migration"] == (
        "EM-2019-0001",
        "expert_mission",
        date(2019, 10, 1),
        date(2019, 10, 3),
        "AZ",
        "Baku",
        20,
    )
    assert seed["Readmission"][1:4] == ("study_visit", date(2012, 11, 12), date(2012, 11, 14))
    marriages = next(t for t in seed if "marriages of convenience" in t)
    assert seed[marriages] == (
        "WS-2017-0001",
        "workshop",
        date(2017, 4, 6),
        date(2017, 4, 7),
        "AZ",
        "Baku",
        60,
    )
    detention = next(t for t in seed if t.startswith("Acquaintance with detention centers"))
    assert seed[detention][1:6] == (
        "study_visit",
        date(2016, 4, 25),
        date(2016, 4, 27),
        "AZ",
        "Brussels",
    )
    vulnerable = next(t for t in seed if "vulnerable groups" in t)
    assert seed[vulnerable][:4] == (
        "WS-2019-0001",
        "workshop",
        date(2019, 11, 13),
        date(2019, 11, 14),
    )
    assert {(v[4], v[5]) for v in seed.values()} >= {
        ("ME", "Budva"),
        ("RS", "Čačak"),
        ("RS", "Užice"),
        ("MX", "Guanajuato"),
    }
    assert len(seed) == 14
    assert set(Event.objects.filter(application=None).values_list("state", flat=True)) == {
        EventState.CLOSED
    }
    assert ActivityLog.objects.filter(action="record_past_event").count() == 14


def test_load_demo_leaves_requests_in_every_state(demo):
    states = set(Application.objects.values_list("state", flat=True))

    assert states == set(ApplicationState.values)
    assert Application.objects.count() == 30


def test_load_demo_walks_requests_through_the_services(demo):
    approved = Application.objects.filter(state=ApplicationState.APPROVED)
    submitted = Application.objects.exclude(submitted_at=None)

    assert approved.exists()
    # Every approved request has its event; one of them also a follow-up event (a series).
    events = Event.objects.filter(application__in=approved)
    assert events.filter(follows=None).count() == approved.count()
    assert events.exclude(follows=None).count() == 1
    assert not submitted.filter(reference=None).exists()
    for application in approved:
        actions = set(
            ActivityLog.objects.filter(
                content_type__model="application", object_id=str(application.pk)
            ).values_list("action", flat=True)
        )
        assert {"create", "submit", "forward", "propose", "approve"} <= actions


def test_load_demo_second_run_duplicates_nothing(demo):
    counts = (User.objects.count(), Application.objects.count(), Event.objects.count())

    output = load_demo()

    assert "already loaded" in output
    assert (User.objects.count(), Application.objects.count(), Event.objects.count()) == counts


def test_load_demo_if_empty_does_nothing_when_users_exist(db):
    User.objects.create_user("someone@example.org", "a password", full_name="Someone")

    output = load_demo("--if-empty")

    assert "already has users" in output
    assert User.objects.count() == 1
    assert Application.objects.count() == 0


def test_load_demo_plans_the_same_requests_for_the_same_seed(demo):
    people = People()
    people.institutions = {
        code: list(Institution.objects.filter(country__code=code).order_by("pk")) for code in PLACES
    }
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)

    def plan(seed):
        generator = Generator(people, rng=Random(seed), now=now)
        return [
            (p.final, p.institution.name, p.assistance_type, p.submit_day, p.start, p.end)
            for p in generator.plan(30)
        ]

    assert plan(2026) == plan(2026)
    assert plan(2026) != plan(2027)


def test_load_demo_fills_the_expert_database(demo):
    from taiex.experts.models import Expert

    demo_expert = Expert.objects.get(user__email="expert@example.org")
    states = set(Expert.objects.values_list("verification_state", flat=True))

    assert (demo_expert.member_state.code, demo_expert.verification_state) == ("SI", "verified")
    assert sorted(demo_expert.languages.values_list("language__code", "level")) == [
        ("en", demo_expert.languages.get(language__code="en").level),
        ("hr", "B2"),
        ("sl", "C2"),
    ]
    assert Expert.objects.count() == 61
    assert states == {"verified", "pending", "rejected"}


def test_load_demo_gives_the_demo_expert_an_invitation_and_confirms_experts(demo):
    from taiex.staffing.models import Invitation

    waiting = Invitation.objects.filter(expert__user__email="expert@example.org", state="invited")

    assert [i.role for i in waiting] == ["lead_expert"]
    assert Invitation.objects.filter(state="accepted").exists()


def test_load_demo_every_forwarded_request_consulted_the_services_in_its_scope(demo):
    forwarded = Application.objects.filter(forwarded_at__isnull=False)
    mismatched = [
        application.reference
        for application in forwarded
        if sorted(application.consultations.values_list("service_id", flat=True))
        != sorted(services_to_consult(application).values_list("pk", flat=True))
    ]

    assert forwarded.count() >= 20
    assert mismatched == []


def test_load_demo_leaves_no_mail_and_no_inbox_item_of_its_past(demo):
    # The demo's past is replayed with notifications muted: nothing for the worker to send to
    # the demo's addresses on the first `make run`, and nobody's inbox full of old news.
    assert (OutboxMessage.objects.count(), InboxItem.objects.count()) == (0, 0)
    assert User.objects.filter(inbox_unread__gt=0).count() == 0


def test_load_demo_says_each_step_as_it_goes(demo):
    assert demo.splitlines()[:6] == [
        "Loading the demo: people, institutions and roles...",
        "Loading the demo: the expert database...",
        "Loading the demo: the real events of the seed documents...",
        f"Loading the demo: {REQUESTS} requests, walked through the real services...",
        f"  {REQUESTS} of {REQUESTS} requests",
        "Loading the demo: the showcase events and their experts...",
    ]


def test_load_demo_study_visits_ask_for_a_host_and_their_hosts_agreed(demo):
    requests = Application.objects.filter(assistance_type="study_visit").exclude(state="draft")
    # The seed events (no request) are recorded from public sources that name the host's city,
    # not its administration: they keep no host rather than an invented one.
    events = Event.objects.filter(event_type="study_visit", application__isnull=False)

    assert requests.exists()
    assert set(requests.values_list("experts_count", flat=True)) == {None}
    assert not requests.filter(host_country__isnull=True, host_left_to_programme=False).exists()
    assert not requests.filter(member_state_preference__isnull=False).exists()
    for event in events:
        assert host_has_agreed(event), event.reference
        assert event.experts_needed == 0
    assert not Invitation.objects.filter(event__in=events).exists()


def test_load_demo_requests_ask_interpretation_pairs_copied_to_their_events(demo):
    from taiex.applications.models import InterpretationPair

    pairs = InterpretationPair.objects.select_related("application")

    assert pairs.exists()
    assert not pairs.filter(application__modality="online").exists()
    assert not pairs.filter(source=F("target")).exists()
    for application in {pair.application for pair in pairs}:
        asked = set(application.interpretation_pairs.values_list("source", "target", "mode"))
        for event in application.events.all():
            assert set(event.interpretation_pairs.values_list("source", "target", "mode")) == asked
