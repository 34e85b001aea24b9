"""Every main page, as each role sees it, passes axe-core in Chromium (no serious or critical
violation)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.services import register_applicant
from taiex.applications import services
from taiex.events.services.bank_details import bank_details_token
from taiex.events.services.documents import upload_document
from taiex.events.services.fees import approve_statement, refresh_statements
from taiex.reference.models import Chapter, Country, InstitutionKind, ThematicTeam
from tests.browser.signin import sign_in
from tests.events.fees_fixtures import expert_on
from tests.factories import (
    EventFactory,
    ExpertFactory,
    InstitutionFactory,
    make_user,
    submittable_application,
)
from tests.factories.lifecycle import AgendaSessionFactory
from tests.factories.money import SubsistenceRateFactory
from tests.factories.participants import AttendanceFactory, ParticipantFactory
from tests.factories.reports import MissionReportFactory, expert_on_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log_in(page, base, user):
    sign_in(page, base, user.email, PASSWORD)


def check_pages(page, base, paths, assert_accessible, *, failures=None):
    """Each page answers 200 and passes axe; with `failures` (a list) the axe findings of all
    the pages are gathered there instead of stopping at the first."""
    for path in paths:
        response = page.goto(f"{base}{path}")
        if failures is not None and response.status != 200:
            failures.append(f"{path} answered {response.status}")
            continue
        assert (path, response.status) == (path, 200)
        if failures is None:
            assert_accessible(page)
        else:
            try:
                assert_accessible(page)
            except pytest.fail.Exception as error:
                failures.append(str(error))


def test_main_pages_of_every_role_are_accessible(live_server, browser_page, assert_accessible):
    page, base = browser_page, live_server.url
    applicant = make_user(Role.APPLICANT, country="RS")
    ncp = make_user(Role.NCP, country="RS")
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    head = make_user(Role.HEAD_OF_UNIT)
    make_user(Role.CONSULTEE, group="eu_delegation")
    submitted = services.submit_application(submittable_application(applicant), actor=applicant)
    forwarded = services.forward_application(
        services.submit_application(submittable_application(applicant), actor=applicant),
        actor=ncp,
    )
    draft = submittable_application(applicant, title="", objectives="")
    # A self-registered newcomer waiting at the NCP's gate.
    register_applicant(
        email="newcomer@gov.rs",
        full_name="Vesna Newcomer",
        password="Belgrade-river-2026",
        position="",
        phone="",
        country=ncp.memberships.get().country,
        new_institution_name="Office for Roma Inclusion",
        new_institution_kind=InstitutionKind.objects.get(code="central-administration"),
    )
    event = EventFactory(case_handler=case_handler)
    planned = EventFactory(case_handler=case_handler, state="planned", reference="WS-2027-0002")
    expert = ExpertFactory()
    ExpertFactory(verification_state="pending")

    check_pages(
        page,
        base,
        [
            "/",
            reverse("portal:events"),
            reverse("portal:event", args=[event.reference]),
            reverse("accounts:register"),
            reverse("accounts:registered"),
            reverse("accounts:password_reset"),
            reverse("experts:register"),
        ],
        assert_accessible,
    )
    log_in(page, base, applicant)
    check_pages(
        page,
        base,
        [
            reverse("accounts:home"),
            reverse("applications:list"),
            reverse("applications:detail", args=[submitted.pk]),
            reverse("applications:edit", args=[draft.pk]) + "?check=1",
            reverse("applications:detail", args=[draft.pk]),
            reverse("accounts:profile"),
        ],
        assert_accessible,
    )
    log_in(page, base, ncp)
    check_pages(
        page,
        base,
        [
            reverse("accounts:home"),
            reverse("applications:detail", args=[submitted.pk]),
            reverse("accounts:new_people"),
            reverse("accounts:gate"),
        ],
        assert_accessible,
    )
    log_in(page, base, case_handler)
    check_pages(
        page,
        base,
        [
            reverse("accounts:home"),
            reverse("applications:detail", args=[forwarded.pk]),
            reverse("events:similar_to_request", args=[forwarded.pk]),
            reverse("events:list"),
            reverse("events:detail", args=[event.pk]),
            reverse("events:detail", args=[planned.pk]),
            reverse("staffing:search"),
            reverse("experts:verification_queue"),
            reverse("staffing:ranking", args=[planned.pk]),
            reverse("staffing:staffing") + "?start=2026-01-01&end=2027-12-31&per_quarter=3",
        ],
        assert_accessible,
    )
    log_in(page, base, expert.user)
    check_pages(
        page, base, [reverse("staffing:home"), reverse("experts:profile")], assert_accessible
    )
    log_in(page, base, head)
    check_pages(
        page,
        base,
        [reverse("accounts:home"), reverse("applications:list") + "?queue=meeting"],
        assert_accessible,
    )


def test_public_search_statistics_and_event_delivery_pages_are_accessible(
    live_server, browser_page, assert_accessible, settings, tmp_path
):
    """The pages of issues 4 and 5: the public search with words and facets, open data,
    statistics and the annual report; an event's staff pages (agenda, participants,
    attendance, travel, fees, documents), the mission report (as the case handler reviewing it
    and as the expert writing one), the calendar settings, the rate tables and the payments."""
    settings.TAIEX_PRIVATE_DIR = tmp_path
    caches["shared"].clear()
    page, base = browser_page, live_server.url
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    head = make_user(Role.HEAD_OF_UNIT)
    serbia, jfs = Country.objects.get(code="RS"), ThematicTeam.objects.get(code="jfs")
    staff = {"team": jfs, "case_handler": case_handler, "beneficiary": serbia}
    workshop = EventFactory(
        reference="WS-2026-0101",
        title="Asylum interview techniques",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        place="Belgrade",
        venue_country=serbia,
        time_zone="Europe/Belgrade",
        **staff,
    )
    workshop.chapters.set(Chapter.objects.filter(number__in=[23, 24]))
    kosovo = EventFactory(
        reference="EM-2024-0102",
        event_type="expert_mission",
        state="closed",
        title="Migration risk analysis",
        beneficiary=Country.objects.get(code="XK"),
        start_date=date(2024, 10, 1),
        end_date=date(2024, 10, 3),
    )
    kosovo.chapters.set(Chapter.objects.filter(number=24))
    AgendaSessionFactory(event=workshop, title="The asylum interview")
    AgendaSessionFactory(event=workshop, day=date(2026, 4, 15), title="Credibility assessment")
    present = ParticipantFactory(event=workshop, full_name="Jelena Petrović")
    ParticipantFactory(event=workshop, full_name="Marko Marković", state="requested")
    AttendanceFactory(participant=present, day=date(2026, 4, 14), present=True)
    SubsistenceRateFactory(daily_amount=Decimal("100.00"))
    eva = expert_on(workshop, "Eva Expert")
    expert_on(workshop, "Ivan Expert")
    refresh_statements(workshop, actor=case_handler)
    eva.fee_statement.refresh_from_db()
    approve_statement(eva.fee_statement, actor=case_handler)
    upload_document(
        workshop,
        actor=case_handler,
        kind="presentation",
        title="Interview techniques",
        upload=SimpleUploadedFile("slides.pdf", PDF),
    )
    reviewed = EventFactory(
        reference="EM-2026-0103",
        event_type="expert_mission",
        title="Asylum case management",
        start_date=date(2026, 3, 2),
        end_date=date(2026, 3, 4),
        **staff,
    )
    expert_on_event(reviewed)
    MissionReportFactory(event=reviewed, state="submitted", submitted_at=timezone.now())
    to_write = EventFactory(
        reference="EM-2026-0104",
        event_type="expert_mission",
        title="Reception conditions",
        start_date=date(2026, 5, 4),
        end_date=date(2026, 5, 6),
        **staff,
    )
    writer = expert_on_event(to_write).expert.user

    check_pages(
        page,
        base,
        [
            reverse("portal:events") + "?q=asylum&year=2026&type=workshop&chapter=24",
            reverse("portal:events") + "?q=migration&country=XK&sort=-date",
            reverse("portal:event", args=[kosovo.reference]),
            reverse("portal:open_data"),
            reverse("portal:statistics"),
            reverse("portal:statistics") + "?year_from=2024&year_to=2026&window=enlargement",
            reverse("portal:annual_report"),
            reverse("portal:annual_report") + "?year=2026",
        ],
        assert_accessible,
    )
    log_in(page, base, case_handler)
    check_pages(
        page,
        base,
        [
            reverse("events:agenda", args=[workshop.pk]),
            reverse("events:participants", args=[workshop.pk]),
            reverse("events:attendance", args=[workshop.pk]),
            reverse("events:logistics", args=[workshop.pk]),
            reverse("events:fees", args=[workshop.pk]),
            reverse("events:statement", args=[workshop.pk, eva.fee_statement.pk]),
            reverse("events:documents", args=[workshop.pk]),
            reverse("events:report", args=[reviewed.pk]),
            reverse("events:calendar_settings"),
            reverse("events:calendar_page") + "?month=2025-03",
            reverse("events:calendar_page") + "?month=2025-03&view=list",
            reverse("rates:list"),
            reverse("events:payments"),
        ],
        assert_accessible,
    )
    log_in(page, base, head)
    check_pages(
        page,
        base,
        [
            reverse("rates:list"),
            reverse("events:statement", args=[workshop.pk, eva.fee_statement.pk]),
            reverse("events:bank_answer"),
        ],
        assert_accessible,
    )
    log_in(page, base, writer)
    host_link = reverse(
        "events:bank_details_by_link", args=[bank_details_token(InstitutionFactory())]
    )
    check_pages(
        page,
        base,
        [
            reverse("events:report", args=[to_write.pk]),
            reverse("events:calendar_settings"),
            reverse("events:calendar_page"),
            reverse("events:my_bank_details"),
            reverse("events:my_statements"),
            host_link,
        ],
        assert_accessible,
    )


def test_admin_pages_are_accessible(live_server, browser_page, assert_accessible):
    """The Django admin as the project's administrator (staff, superuser): the index, the
    changelists and change forms of the people, the requests and the events, an add form and
    the changelist of a reference table. Fixes go in the project's admin templates and CSS
    (templates/admin/), never by switching an axe rule off."""
    page, base = browser_page, live_server.url
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    applicant = make_user(Role.APPLICANT, country="RS")
    application = submittable_application(applicant)
    event = EventFactory()

    page.goto(f"{base}/", timeout=60_000)  # the first page of a busy machine may be slow
    log_in(page, base, administrator)
    failures = []
    check_pages(
        page,
        base,
        [
            reverse("admin:index"),
            reverse("admin:app_list", args=["reference"]),
            reverse("admin:accounts_user_changelist"),
            reverse("admin:accounts_user_changelist") + "?is_staff__exact=1&q=example",
            reverse("admin:accounts_user_change", args=[applicant.pk]),
            reverse("admin:accounts_user_add"),
            reverse("admin:applications_application_changelist"),
            reverse("admin:applications_application_change", args=[application.pk]),
            reverse("admin:events_event_changelist"),
            reverse("admin:events_event_change", args=[event.pk]),
            reverse("admin:reference_country_changelist"),
            reverse("admin:core_activitylog_changelist"),
            reverse("core:outbox"),  # the administrators' page of mail that failed
        ],
        assert_accessible,
        failures=failures,
    )
    assert not failures, "\n".join(failures)


def test_pages_not_visited_by_the_other_browser_tests_are_accessible(
    live_server, browser_page, assert_accessible
):
    """The HTML pages of the urlconf that no other browser test opens with axe (compared by
    URL name; docs/decisions.md, "Accessibility: the pages axe checks", lists the ones left
    out and why: downloads, POST-only actions, redirects and the API)."""
    page, base = browser_page, live_server.url
    applicant = make_user(Role.APPLICANT, country="RS")
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    head = make_user(Role.HEAD_OF_UNIT)
    contractor = make_user(Role.LOGISTICS)
    expert = ExpertFactory()
    expert.user.memberships.get_or_create(role=Role.EXPERT)
    draft = submittable_application(applicant)
    event = EventFactory(case_handler=case_handler, state="planned")
    session = AgendaSessionFactory(event=event, title="The asylum interview")
    open_event = EventFactory(registration_token="k" * 43, registration_open=True)
    failures = []

    check_pages(
        page,
        base,
        [
            reverse("accounts:login"),
            reverse("accounts:password_reset_done"),
            reverse("accounts:password_reset_complete"),
            reverse("events:verify_lookup"),
            reverse("experts:registered"),
            reverse("events:register", args=[open_event.registration_token]),
        ],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, applicant)
    check_pages(
        page,
        base,
        [
            reverse("applications:new"),
            reverse("applications:delete", args=[draft.pk]),
            reverse("core:inbox"),
            reverse("core:inbox_settings"),
            reverse("accounts:password_change"),
            reverse("accounts:password_change_done"),
        ],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, case_handler)
    check_pages(
        page,
        base,
        [
            reverse("events:edit", args=[event.pk]),
            reverse("events:session_edit", args=[event.pk, session.pk]),
            reverse("events:bookings", args=[event.pk]),
            reverse("events:event_cost", args=[event.pk]),
            reverse("events:costs"),
            reverse("evaluations:event", args=[event.pk]),
            reverse("evaluations:expert_ratings"),
            reverse("portal:request_figures"),
            reverse("accounts:api_tokens"),
        ],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, head)
    check_pages(
        page,
        base,
        [
            reverse("rates:fee_rule_add"),
            reverse("rates:subsistence_add"),
            reverse("rates:subsistence_import"),
        ],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, contractor)
    check_pages(page, base, [reverse("events:contracted")], assert_accessible, failures=failures)
    log_in(page, base, expert.user)
    check_pages(
        page,
        base,
        [
            reverse("evaluations:my_ratings"),
            reverse("experts:erase"),
        ],
        assert_accessible,
        failures=failures,
    )
    assert not failures, "\n".join(failures)
