"""The privacy pages pass axe-core in Chromium: the notices, the audit log, the retention dry
run and the erasure pages of an account and of a contact person."""

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.core.audit import log_action
from tests.browser.test_accessibility import PASSWORD, check_pages, log_in
from tests.factories import ContactPersonFactory, make_user, submittable_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_pages_are_accessible(live_server, browser_page, assert_accessible):
    page, base = browser_page, live_server.url
    applicant = make_user(Role.APPLICANT, country="RS")
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True)
    administrator.set_password(PASSWORD)
    administrator.save()
    submitted = services.submit_application(submittable_application(applicant), actor=applicant)
    contact = ContactPersonFactory(application=submitted, name="Jelena Kontakt")
    log_action(submitted, actor=applicant, action="comment", note="A question.")

    check_pages(
        page,
        base,
        [reverse("core:privacy")]
        + [
            reverse("core:privacy_notice", args=[audience])
            for audience in ["experts", "applicants", "participants", "public"]
        ],
        assert_accessible,
    )
    log_in(page, base, administrator)
    check_pages(
        page,
        base,
        [
            reverse("core:audit_log"),
            reverse("core:audit_log") + f"?person={applicant.pk}",
            reverse("core:retention_report"),
            reverse("accounts:account_erase", args=[applicant.pk]),
            reverse("applications:contact_erase", args=[submitted.pk, contact.pk]),
        ],
        assert_accessible,
    )
