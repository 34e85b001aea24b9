"""axe-core in Chromium on what tests/browser/test_every_page.py does not open: the Django admin
(outside the page inventory, tests/pages.py), and a few states of inventory pages that the
inventory's data does not show (the calendar as a list, the planning meeting's queue, the money
pages as the head of unit, the statistics filtered). Every other page of the application is
opened with axe, as its role, by test_every_page.py; the role journeys (test_role_journeys.py,
test_home_journey.py) open the homes and the request page of each role with their waiting
items."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.events.services.fees import approve_statement, refresh_statements
from taiex.reference.models import Country, ThematicTeam
from tests.browser.signin import sign_in
from tests.events.fees_fixtures import expert_on
from tests.factories import EventFactory, make_user, submittable_application
from tests.factories.money import SubsistenceRateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def log_in(page, base, user):
    sign_in(page, base, user.email, PASSWORD)


def check_pages(page, base, paths, assert_accessible, *, failures=None):
    """Each page answers 200 and passes axe; with `failures` (a list) the axe findings of all
    the pages are gathered there instead of stopping at the first (test_privacy_pages.py uses
    it too)."""
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


def test_states_the_page_inventory_does_not_show_are_accessible(
    live_server, browser_page, assert_accessible
):
    """The calendar as a list with an event in the month (the inventory opens the month grid),
    the planning meeting's queue of requests (the inventory opens the applicant's list), the
    rate tables and an approved fee statement as the head of unit, who may edit and pay them
    (the inventory opens them as the case handler), and the statistics filtered by period and
    window (the inventory opens them unfiltered)."""
    page, base = browser_page, live_server.url
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    head = make_user(Role.HEAD_OF_UNIT)
    serbia = Country.objects.get(code="RS")
    workshop = EventFactory(
        reference="WS-2025-0101",
        title="Asylum interview techniques",
        start_date=date(2025, 3, 14),
        end_date=date(2025, 3, 15),
        venue_country=serbia,
        time_zone="Europe/Belgrade",
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        beneficiary=serbia,
    )
    SubsistenceRateFactory(daily_amount=Decimal("100.00"))
    eva = expert_on(workshop, "Eva Expert")
    refresh_statements(workshop, actor=case_handler)
    eva.fee_statement.refresh_from_db()
    approve_statement(eva.fee_statement, actor=case_handler)
    failures = []

    page.goto(f"{base}/", timeout=60_000)  # the first page of a busy machine may be slow
    check_pages(
        page,
        base,
        [reverse("portal:statistics") + "?year_from=2024&year_to=2026&window=enlargement"],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, case_handler)
    check_pages(
        page,
        base,
        [reverse("events:calendar_page") + "?month=2025-03&view=list"],
        assert_accessible,
        failures=failures,
    )
    log_in(page, base, head)
    check_pages(
        page,
        base,
        [
            reverse("applications:list") + "?queue=meeting",
            reverse("rates:list"),
            reverse("events:statement", args=[workshop.pk, eva.fee_statement.pk]),
        ],
        assert_accessible,
        failures=failures,
    )
    assert not failures, "\n".join(failures)


def test_admin_pages_are_accessible(live_server, browser_page, assert_accessible):
    """The Django admin: its login page, then as the project's administrator (staff,
    superuser) the index, an app index, the changelists (filtered and searched too), the change
    forms of the people, the requests, the events and a country (inlines, two-box selectors,
    autocomplete fields), the add forms of a user, a country, a consulted service and a
    questionnaire, an object's history and a delete confirmation. Fixes go in the project's
    admin templates and CSS (templates/admin/), never by switching an axe rule off."""
    page, base = browser_page, live_server.url
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    applicant = make_user(Role.APPLICANT, country="RS")
    application = submittable_application(applicant)
    event = EventFactory()

    serbia = Country.objects.get(code="RS")
    failures = []

    page.goto(f"{base}/", timeout=60_000)  # the first page of a busy machine may be slow
    check_pages(page, base, [reverse("admin:login")], assert_accessible, failures=failures)
    log_in(page, base, administrator)
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
            reverse("admin:reference_consultedservice_add"),
            reverse("admin:evaluations_questionnaire_add"),
            reverse("admin:events_event_history", args=[event.pk]),
            reverse("admin:events_event_delete", args=[event.pk]),
            reverse("admin:reference_country_changelist"),
            reverse("admin:reference_country_change", args=[serbia.pk]),
            reverse("admin:reference_country_add"),
            reverse("admin:core_activitylog_changelist"),
        ],
        assert_accessible,
        failures=failures,
    )
    assert not failures, "\n".join(failures)
