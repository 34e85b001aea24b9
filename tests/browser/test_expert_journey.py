"""An official of a Member State administration becomes an expert and is invited, in Chromium:
registers, confirms the e-mail, is verified by staff, finds a fitting call, expresses interest,
is invited, accepts through the link in the e-mail, and sees the event on the expert home."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Institution
from taiex.experts.models import Expert
from taiex.reference.models import Chapter, Country, InstitutionKind, ThematicTeam
from taiex.staffing.models import Invitation
from tests.browser.signin import sign_in
from tests.factories import ApplicationFactory, EventFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
EXPERT_PASSWORD = "a long enough password 42"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def log_in(page, base, email, password):
    sign_in(page, base, email, password)


def link_in_last_mail(to, pattern):
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.search(pattern, message.body).group(0)


def test_an_official_registers_is_verified_and_accepts_an_invitation(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    ministry = Institution.objects.create(
        name="Ministry of the Interior of the Republic of Slovenia",
        country=Country.objects.get(code="SI"),
        kind=InstitutionKind.objects.get(code="central-administration"),
    )
    start = timezone.localdate() + timedelta(days=50)
    event = EventFactory(
        reference=f"WS-{start.year}-0901",
        state="planned",
        title="Workshop on asylum interviews",
        start_date=start,
        end_date=start + timedelta(days=1),
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
        experts_needed=2,
        application=ApplicationFactory(expertise_wished="Asylum interview techniques"),
    )
    event.chapters.set([Chapter.objects.get(number=24)])

    # The official registers.
    page.goto(f"{base}/experts/register/")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Eva Novak")
    page.get_by_label("E-mail address").fill("eva.novak@gov.si")
    page.get_by_label("Member State of your administration").select_option(label="Slovenia")
    page.get_by_label("Your employer", exact=True).select_option(str(ministry.pk))
    page.get_by_label("Position", exact=True).fill("Head of the asylum unit")
    page.get_by_label("Years of professional experience").fill("12")
    page.get_by_label("Your expertise").fill("Asylum interviews and reception of asylum seekers.")
    page.get_by_label("Keywords", exact=True).fill("asylum, interviews")
    page.get_by_label("24. Justice, freedom and security").check()
    page.set_input_files(
        "input[name=cv]", {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("select[name='languages-0-language']").select_option(label="English")
    page.locator("select[name='languages-0-level']").select_option("C1")
    page.get_by_label("Password", exact=True).fill(EXPERT_PASSWORD)
    page.get_by_label("Password again").fill(EXPERT_PASSWORD)
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(f"{base}/experts/register/done/")

    # The e-mail link is confirmed.
    page.goto(base + link_in_last_mail("eva.novak@gov.si", r"/experts/confirm/\S+/"))
    page.get_by_role("button", name="Confirm my e-mail address").click()
    page.get_by_role("heading", name="E-mail address confirmed").wait_for()
    expert = Expert.objects.get(user__email="eva.novak@gov.si")
    assert expert.verification_state == "pending"

    # Staff verify the profile and publish a call for the event.
    log_in(page, base, case_handler.email, PASSWORD)
    page.goto(f"{base}/experts/verification/")
    assert_accessible(page)
    page.get_by_role("link", name="Eva Novak").click()
    page.get_by_role("button", name=re.compile("^Verify")).click()
    page.wait_for_load_state()
    expert.refresh_from_db()
    assert expert.verification_state == "verified"
    page.goto(f"{base}/events/{event.pk}/")
    page.get_by_label("What expertise the event needs").fill("Asylum interview techniques.")
    page.get_by_role("button", name="Publish the call").click()
    page.wait_for_load_state()

    # The expert finds the call on the home and expresses interest.
    log_in(page, base, "eva.novak@gov.si", EXPERT_PASSWORD)
    page.goto(f"{base}/experts/home/")
    assert_accessible(page)
    page.get_by_label("Why you are interested").fill("I ran such interviews for ten years.")
    page.get_by_role("button", name="Express interest").click()
    page.wait_for_load_state()
    assert expert.interests.count() == 1

    # Staff invite the interested expert.
    log_in(page, base, case_handler.email, PASSWORD)
    page.goto(f"{base}/events/{event.pk}/")
    page.get_by_text("I ran such interviews for ten years.").wait_for()
    page.get_by_label("Expert:", exact=True).fill("eva.novak@gov.si")
    page.get_by_label("Role").select_option("lead_expert")
    page.locator("form[action$='/invite/'] button[type=submit]").click()
    page.wait_for_load_state()
    invitation = Invitation.objects.get(expert=expert, event=event)
    assert invitation.state == "invited"

    # Before answering, the expert opens the event from the home: facts and agenda.
    log_in(page, base, "eva.novak@gov.si", EXPERT_PASSWORD)
    page.goto(f"{base}/experts/home/")
    page.get_by_role("link", name=re.compile("See the event and its agenda")).click()
    page.get_by_role("heading", name="Agenda").wait_for()
    assert page.url == f"{base}/experts/invitations/{invitation.pk}/event/"
    assert_accessible(page)

    # The expert accepts through the signed link of the e-mail, then sees the event at home.
    page.context.clear_cookies()
    page.goto(base + link_in_last_mail("eva.novak@gov.si", r"/experts/invitations/link/\S+/"))
    assert_accessible(page)
    page.get_by_role("button", name="Accept").click()
    page.wait_for_load_state()
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    log_in(page, base, "eva.novak@gov.si", EXPERT_PASSWORD)
    page.goto(f"{base}/experts/home/")
    coming = page.locator("section", has=page.get_by_role("heading", name="My coming events"))
    assert event.reference in coming.inner_text()
