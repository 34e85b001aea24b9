"""The layout right to left (issue 16), in Chromium with the right-to-left pseudo-locale ("ar",
no Arabic catalogue): each page of the inventory that a visitor and a case handler open (the
public pages, and the staff's lists, tables and forms) runs right to left, its headings and
table cells start on the right, and at 390 px it does not scroll sideways."""

import pytest

from tests.browser.signin import DESKTOP, PHONE, open_inventory_pages
from tests.pages import ANONYMOUS, make_page_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROLES = {ANONYMOUS, "case_handler"}

# The direction of the page, the sideways scroll, and the cells and headings whose text starts on
# the left although the page runs right to left.
LAYOUT = """() => {
  const html = document.documentElement;
  const leftAligned = [...document.querySelectorAll("main :is(th, td, caption, h1, h2, p)")]
    .filter(node => getComputedStyle(node).direction !== "rtl"
      || getComputedStyle(node).textAlign === "left")
    .map(node => node.tagName.toLowerCase() + ": " + node.textContent.trim().slice(0, 40));
  return {
    dir: html.getAttribute("dir"),
    direction: getComputedStyle(html).direction,
    sideways: html.scrollWidth - html.clientWidth,
    leftAligned: leftAligned.slice(0, 3),
  };
}"""


def test_pages_are_laid_out_right_to_left(live_server, chromium, settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Pseudo right-to-left")]
    data = make_page_data()
    for user in data.users.values():
        if user is not None:  # no language of their own: the browser's
            user.language = ""
            user.save(update_fields=["language"])
    context = chromium.new_context(locale="ar", viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page, base = context.new_page(), live_server.url
    page.goto(f"{base}/", timeout=60_000)
    failures, opened = [], 0
    for role, url in open_inventory_pages(page, base, data, failures, roles=ROLES):
        opened += 1
        wide = page.evaluate(LAYOUT)
        page.set_viewport_size(PHONE)
        narrow = page.evaluate(LAYOUT)
        if (wide["dir"], wide["direction"]) != ("rtl", "rtl"):
            failures.append(f"{role} {url}: dir={wide['dir']} direction={wide['direction']}")
        if wide["leftAligned"]:
            failures.append(f"{role} {url}: starts on the left: {wide['leftAligned']}")
        if narrow["sideways"] > 0:
            failures.append(f"{role} {url}: scrolls {narrow['sideways']} px sideways at 390 px")
    context.close()

    assert failures == [], "\n".join(failures)
    assert opened > 20
