"""Every page of the inventory (tests/pages.py), opened in Chromium by its role: axe-core finds
no serious or critical violation at 1280 px, and at 390 px the page does not scroll sideways.
One browser, one sign-in per role."""

import pytest

from tests.browser.conftest import accessibility_violations, describe_violations
from tests.browser.signin import PHONE, open_inventory_pages
from tests.pages import make_page_data, pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sideways_scroll(page):
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_every_page_passes_axe_and_fits_a_phone(live_server, browser_page, settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path
    page, base = browser_page, live_server.url
    data = make_page_data()
    page.goto(f"{base}/", timeout=60_000)  # the first page of a busy machine may be slow
    failures, opened = [], 0
    for role, url in open_inventory_pages(page, base, data, failures):
        opened += 1
        violations = accessibility_violations(page)
        if violations:
            failures.append(f"{role} {url}:\n{describe_violations(violations)}")
        page.set_viewport_size(PHONE)
        overflow = sideways_scroll(page)
        if overflow > 0:
            failures.append(f"{role} {url}: scrolls {overflow} px sideways at 390 px")

    assert failures == [], "\n".join(failures)
    assert opened == len(list(pages(data)))  # every page answered 200


# Each table of a page, once the server has put it in its region.
TABLES_IN_REGIONS = """() => [...document.querySelectorAll("main table")].map(table => {
  const region = table.parentElement;
  const named = region.getAttribute("aria-label")
    || document.getElementById(region.getAttribute("aria-labelledby") || "")?.textContent.trim();
  return region.matches(".table-scroll[role=region][tabindex='0']") && Boolean(named);
})"""


def test_without_javascript_no_page_scrolls_sideways_and_tables_scroll_in_regions(
    live_server, chromium, settings, tmp_path
):
    """JavaScript off (site.js does not run): at 390 px no page scrolls sideways, and every
    table sits in a named region that the keyboard reaches (tabindex 0), made by the server."""
    settings.TAIEX_PRIVATE_DIR = tmp_path
    context = chromium.new_context(locale="en-GB", viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(15_000)
    page, base = context.new_page(), live_server.url
    data = make_page_data()
    page.goto(f"{base}/", timeout=60_000)
    failures, tables = [], 0
    for role, url in open_inventory_pages(page, base, data, failures, viewport=PHONE):
        overflow = sideways_scroll(page)
        if overflow > 0:
            failures.append(f"{role} {url}: scrolls {overflow} px sideways at 390 px")
        regions = page.evaluate(TABLES_IN_REGIONS)
        tables += len(regions)
        if not all(regions):
            failures.append(f"{role} {url}: a table is not in a named, focusable region")
    context.close()

    assert failures == [], "\n".join(failures)
    assert tables > 20  # the inventory's pages hold tables: the check above did run
