"""Every main page, as each role sees it, passes axe-core in Chromium (no serious or critical
violation)."""

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import services
from tests.factories import EventFactory, ExpertFactory, make_user, submittable_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def log_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/accounts/home/")


def check_pages(page, base, paths, assert_accessible):
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert (path, response.status) == (path, 200)
        assert_accessible(page)


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
            reverse("events:list"),
            reverse("events:detail", args=[event.pk]),
            reverse("events:detail", args=[planned.pk]),
            reverse("experts:search"),
            reverse("experts:verification_queue"),
            reverse("experts:ranking", args=[planned.pk]),
            reverse("experts:staffing") + "?start=2026-01-01&end=2027-12-31&per_quarter=3",
        ],
        assert_accessible,
    )
    log_in(page, base, expert.user)
    check_pages(
        page, base, [reverse("experts:home"), reverse("experts:profile")], assert_accessible
    )
    log_in(page, base, head)
    check_pages(
        page,
        base,
        [reverse("accounts:home"), reverse("applications:list") + "?queue=meeting"],
        assert_accessible,
    )
