"""The request form in Chromium: a Submit with three mistakes creates nothing and shows the
error summary, focused; each link of the summary leads to its field, which the applicant fixes;
the NCP returns the request and, on resubmission, sees what changed in the timeline."""

from datetime import date, timedelta

import pytest

from taiex.accounts.enums import Role
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from tests.browser.signin import sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def tab_presses_to_submit(page):
    """How many Tab presses take the keyboard from the first field to the Submit button."""
    page.focus("#id_assistance_type")
    for presses in range(1, 200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "submit":
            return presses
    return None


def test_three_mistakes_fixed_from_the_error_summary_then_the_ncp_sees_the_diff(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    applicant = make_user(Role.APPLICANT, country="RS", full_name="Ana Applicant")
    ncp = make_user(Role.NCP, country="RS", full_name="Nikola NCP")
    start = date.today() + timedelta(days=75)

    sign_in(page, base, applicant.email, PASSWORD)
    page.goto(f"{base}/requests/new/")
    sections = page.get_by_role("navigation", name="Sections")
    assert sections.get_by_role("link").all_inner_texts() == [
        "The request",
        "Purpose and EU law",
        "Context",
        "Keywords and the beneficiary's language",
        "Dates and place",
        "People",
        "Interpretation",
        "Experts (workshops and expert missions)",
        "The host (study visits)",
        "Contact persons",
    ]
    # Long lists of checkboxes are folded: a few dozen Tab presses to Submit, not 142.
    assert tab_presses_to_submit(page) < 50

    page.get_by_label("Type of assistance").select_option("workshop")
    page.get_by_label("How it takes place").select_option("on_site")
    # Mistake 1: no title.
    page.get_by_label("Window (instrument)").select_option(label="Enlargement")
    page.get_by_label("Purpose and objectives").fill("Learn the EU standards on detention.")
    page.get_by_label("EU legislation concerned").fill("Return Directive")
    page.locator("summary", has_text="Chapters").click()
    page.get_by_label("24. Justice, freedom and security").check()
    page.get_by_label("Expected results").fill("Revised detention rules.")
    page.get_by_label("Preferred first day").fill(start.isoformat())
    # Mistake 2: the last day before the first.
    page.get_by_label("Preferred last day").fill((start - timedelta(days=1)).isoformat())
    page.get_by_label("Place", exact=True).fill("Belgrade")
    # Mistake 3: no participant.
    page.get_by_label("Number of participants").fill("0")
    page.get_by_label("Profile of the participants").fill("Border police officers")
    page.get_by_label("Number of experts wished").fill("2")
    page.get_by_label("Expertise wished").fill("Detention centre management")
    page.locator("summary", has_text="Working languages").click()
    page.get_by_label("English").check()
    page.fill("#id_contacts-0-name", "Jelena Petrović")
    page.fill("#id_contacts-0-email", "jelena@example.org")
    page.get_by_role("button", name="Submit to the national contact point").click()

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert not Application.objects.exists()  # a refused Submit creates no draft
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == [
        "Give the request a title.",
        "The last day cannot be before the first day.",
        "At least one participant is needed.",
    ]
    assert_accessible(page)
    # The values typed are still there.
    assert page.get_by_label("Purpose and objectives").input_value() == (
        "Learn the EU standards on detention."
    )

    fixes = [
        ("id_title", "Workshop on detention"),
        ("id_preferred_end", (start + timedelta(days=1)).isoformat()),
        ("id_participants_count", "40"),
    ]
    for index, (field_id, value) in enumerate(fixes):
        links.nth(index).click()
        assert page.evaluate("document.activeElement.id") == field_id
        page.fill(f"#{field_id}", value)
    page.get_by_role("button", name="Submit to the national contact point").click()
    page.get_by_text("was submitted to the national contact point").wait_for()
    application = Application.objects.get()
    assert (application.state, application.title, application.participants_count) == (
        S.SUBMITTED,
        "Workshop on detention",
        40,
    )

    # The NCP returns it; the applicant corrects the title and resubmits.
    sign_in(page, base, ncp.email, PASSWORD)
    page.goto(f"{base}/requests/{application.pk}/")
    page.get_by_label("Reason").first.fill("Say which detention rules.")
    page.get_by_role("button", name="Return to the applicant").click()
    page.get_by_text("returned to the applicant for correction").wait_for()

    sign_in(page, base, applicant.email, PASSWORD)
    page.goto(f"{base}/requests/{application.pk}/edit/")
    page.get_by_label("Title", exact=True).fill("Workshop on detention under the Return Directive")
    page.get_by_role("button", name="Resubmit to the national contact point").click()
    page.get_by_text("was submitted to the national contact point").wait_for()

    sign_in(page, base, ncp.email, PASSWORD)
    page.goto(f"{base}/requests/{application.pk}/")
    changes = page.locator("table.changes")
    assert changes.locator("caption").inner_text() == "Changed since the last submission"
    assert changes.locator("tbody tr").all_inner_texts() == [
        "Title\tWorkshop on detention\tWorkshop on detention under the Return Directive"
    ]
    assert_accessible(page)
