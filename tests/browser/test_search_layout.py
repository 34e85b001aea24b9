"""The public search on a wide screen shows its facets beside the results; on a 390 px phone
they are behind a "Filters" button (a <details> that site.js closes at that width; open
without JavaScript), and the page does not scroll sideways."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.reference.models import Country
from tests.browser.test_every_page import sideways_scroll
from tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOXES = """() => {
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  const facets = box(".search-facets"), results = box(".search-results");
  return {facetsRight: facets.right, facetsTop: facets.top, resultsLeft: results.left,
          resultsTop: results.top};
}"""


@pytest.fixture
def events(db):
    for number, code in enumerate(["RS", "AL", "XK"], start=1):
        EventFactory(
            reference=f"WS-2025-000{number}",
            state="closed",
            title=f"Asylum workshop {number}",
            beneficiary=Country.objects.get(code=code),
            start_date=date(2025, 3, number),
            end_date=date(2025, 3, number),
        )


def test_on_a_wide_screen_the_facets_are_beside_the_results(live_server, browser_page, events):
    page = browser_page
    page.goto(live_server.url + reverse("portal:events"), timeout=60_000)

    filters = page.locator("details.search-filters")
    assert filters.evaluate("(details) => details.open")
    boxes = page.evaluate(BOXES)
    assert boxes["facetsRight"] <= boxes["resultsLeft"]
    assert boxes["resultsTop"] < boxes["facetsTop"] + 400  # side by side, not one under the other


def test_on_a_phone_the_facets_are_behind_a_filters_button(live_server, browser_page, events):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("portal:events"), timeout=60_000)

    filters = page.locator("details.search-filters")
    assert not filters.evaluate("(details) => details.open")
    assert not page.locator(".search-facets").is_visible()
    assert sideways_scroll(page) <= 0
    page.get_by_text("Filters", exact=True).click()
    assert filters.evaluate("(details) => details.open")
    assert page.locator(".search-facets").is_visible()
    assert sideways_scroll(page) <= 0


def test_without_javascript_the_filters_are_open_on_a_phone(live_server, chromium, events):
    context = chromium.new_context(
        locale="en-GB", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("portal:events"), timeout=60_000)

    assert page.locator("details.search-filters").evaluate("(details) => details.open")
    assert page.locator(".search-facets").is_visible()
    context.close()
