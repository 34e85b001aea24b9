"""The request form's pickers and sections in Chromium: typing in the filter box above the
partner institutions narrows the list; a workshop offers its window's beneficiaries, another
type only the lead's country; the host section shows only for a study visit and the experts
section only for a workshop or an expert mission, with the list of sections following."""

import pytest

from taiex.accounts.enums import Role
from taiex.reference.models import Country
from tests.browser.signin import sign_in
from tests.factories import InstitutionFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def visible_partners(page):
    return page.evaluate(
        """Array.from(document.querySelectorAll('#id_partner_institutions option'))
             .filter((option) => !option.hidden).map((option) => option.textContent.trim())"""
    )


def test_the_partner_filter_and_the_sections_of_each_type(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    page.set_default_navigation_timeout(60_000)  # the first page of a busy shared machine
    serbia, albania = Country.objects.get(code="RS"), Country.objects.get(code="AL")
    lead = InstitutionFactory(name="Ministry of Interior", country=serbia)
    for number in range(1, 12):
        InstitutionFactory(name=f"Serbian Agency {number:02}", country=serbia)
    InstitutionFactory(name="Albanian Border Police", country=albania)
    InstitutionFactory(name="Bundesministerium", country=Country.objects.get(code="AT"))
    applicant = make_user(Role.APPLICANT, institution=lead, full_name="Ana Applicant")

    sign_in(page, base, applicant.email, PASSWORD)
    page.goto(f"{base}/requests/new/")
    # No type yet: both type-dependent sections are listed.
    sections = page.get_by_role("navigation", name="Sections")
    assert "The host (study visits)" in sections.get_by_role("link").all_inner_texts()
    # Not a workshop: the lead country's institutions only (12 of them, so filterable).
    assert len(visible_partners(page)) == 12
    page.get_by_label("Filter partner institutions").fill("agency 1")
    # Every word typed is in the item's text ("1" is in "01", "10" and "11").
    assert visible_partners(page) == [
        "Serbian Agency 01 (Serbia)",
        "Serbian Agency 10 (Serbia)",
        "Serbian Agency 11 (Serbia)",
    ]
    assert page.get_by_role("status").filter(has_text="shown").inner_text() == "3 of 12 shown"
    page.get_by_label("Filter partner institutions").fill("")

    page.get_by_label("Type of assistance").select_option("study_visit")
    assert page.locator("#section-experts").is_hidden()
    assert page.locator("#section-host").is_visible()
    assert sections.get_by_role("link").all_inner_texts() == [
        "The request",
        "Purpose and EU law",
        "Context",
        "Keywords and the beneficiary's language",
        "Dates and place",
        "People",
        "Interpretation",
        "The host (study visits)",
        "Contact persons",
    ]
    assert_accessible(page)

    page.get_by_label("Type of assistance").select_option("workshop")
    assert page.locator("#section-host").is_hidden()
    assert page.locator("#section-experts").is_visible()
    assert "The host (study visits)" not in sections.get_by_role("link").all_inner_texts()
    assert "Experts (workshops and expert missions)" in (
        sections.get_by_role("link").all_inner_texts()
    )
    # Saved as a workshop, the page lists the partners of its window: Albania's too, never a
    # Member State's (Austria is a beneficiary only in the peer-to-peer strands).
    page.get_by_label("Title", exact=True).fill("Workshop on border management")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    page.get_by_label("Filter partner institutions").fill("police")
    assert visible_partners(page) == ["Albanian Border Police (Albania)"]
    page.get_by_label("Filter partner institutions").fill("ministerium")
    assert visible_partners(page) == []
    assert page.locator("#section-host").is_hidden()
    assert_accessible(page)
