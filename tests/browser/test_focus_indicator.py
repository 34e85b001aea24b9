"""The focus indicator as Chromium draws it: elements focused from the keyboard in the dark
header, in the page body (a search field, a button, a link) and in the tinted
footer show a yellow outline and a near-black ring, one of which has 3:1 contrast against the
background behind the element (tests/core/test_focus_contrast.py checks the stylesheet)."""

import re

import pytest
from django.urls import reverse

from tests.core.test_focus_contrast import MINIMUM, contrast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """(element) => {
  let behind = element.parentElement;
  let background = "rgba(0, 0, 0, 0)";
  while (behind) {
    background = getComputedStyle(behind).backgroundColor;
    if (background !== "rgba(0, 0, 0, 0)" && background !== "transparent") break;
    behind = behind.parentElement;
  }
  const style = getComputedStyle(element);
  return {
    focusVisible: element.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    outline: style.outlineColor,
    shadow: style.boxShadow,
    background: behind ? background : "rgb(255, 255, 255)",
  };
}"""


def hex_of(css_colour):
    """#rrggbb of the first rgb()/rgba() colour in a computed style value."""
    red, green, blue = re.search(r"rgba?\((\d+), (\d+), (\d+)", css_colour).groups()
    return "#" + "".join(f"{int(c):02x}" for c in (red, green, blue))


def focus_style(page, locator):
    locator.focus()
    return locator.evaluate(FOCUS_STYLE)


def assert_focus_seen(page, locator, where):
    style = focus_style(page, locator)
    assert style["focusVisible"], where
    assert (style["outlineStyle"], style["outlineWidth"]) == ("solid", "3px"), where
    outline, ring, background = (
        hex_of(style["outline"]),
        hex_of(style["shadow"]),
        hex_of(style["background"]),
    )
    assert (outline, ring) == ("#ffdd00", "#0b0c0c"), where
    best = max(contrast(outline, background), contrast(ring, background))
    assert best >= MINIMUM, f"{where}: {outline}/{ring} on {background} is {best:.2f}:1"
    return background


def test_focus_is_seen_in_the_header_the_body_and_the_footer(live_server, browser_page):
    page, base = browser_page, live_server.url
    page.goto(base + reverse("portal:events"))
    page.keyboard.press("Tab")  # the first Tab: the skip link, and focus comes from the keyboard

    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("(e) => e === document.activeElement")
    backgrounds = {
        "skip link": assert_focus_seen(page, skip, "skip link"),
        "header link": assert_focus_seen(
            page,
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics"),
            "header link",
        ),
        "search field": assert_focus_seen(page, page.locator("main input").first, "field"),
        "button": assert_focus_seen(page, page.locator("main button").first, "button"),
        "body link": assert_focus_seen(page, page.locator("main a[href]").first, "body link"),
        "footer link": assert_focus_seen(
            page, page.locator("footer").get_by_role("link", name="Privacy notices"), "footer"
        ),
    }
    # the header is the dark blue, the footer the light tint: both kinds of background checked
    assert backgrounds["header link"] == "#0b4a8b"
    assert backgrounds["footer link"] == "#f3f6f9"
    assert backgrounds["search field"] in {"#ffffff", "#f3f6f9"}


def test_focus_is_seen_in_the_admin(live_server, browser_page):
    """The admin draws the same ring (static/taiex/admin_fixes.css): in its dark header and on
    its white page."""
    from taiex.accounts.enums import Role
    from tests.browser.signin import sign_in
    from tests.factories import make_user
    from tests.pages import PASSWORD

    page, base = browser_page, live_server.url
    administrator = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    page.goto(f"{base}/", timeout=60_000)
    sign_in(page, base, administrator.email, PASSWORD)
    page.goto(base + reverse("admin:index"))
    page.keyboard.press("Tab")  # focus comes from the keyboard

    header = assert_focus_seen(page, page.locator("#site-name a"), "admin header link")
    body = assert_focus_seen(page, page.locator("#content-main a.addlink").first, "admin link")

    assert header == "#417690"
    assert body in {"#ffffff", "#f8f8f8"}  # the page, or a module's light tint
