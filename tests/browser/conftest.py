"""Browser journeys: Playwright drives Debian's Chromium (/usr/bin/chromium); axe-core checks
accessibility.

Without Chromium the browser tests are skipped with the reason, unless TAIEX_REQUIRE_BROWSER=1
(CI sets it): then they fail, so a machine without a browser cannot pass CI silently.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("TAIEX_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# axe-core impacts that fail a page; "moderate" and "minor" are reported by axe but tolerated.
BLOCKING_IMPACTS = {"serious", "critical"}


def browser_required():
    return os.environ.get("TAIEX_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole run (starting it costs about a second)."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium is not installed at {CHROMIUM}; install it with "
            "`apt-get install chromium` to run the browser tests."
        )
        if browser_required():
            pytest.fail(f"{message} TAIEX_REQUIRE_BROWSER=1 makes this a failure.")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def browser_page(chromium):
    """A page in a fresh browser context (own cookies), closed after the test."""
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def accessibility_violations(page):
    """The serious and critical axe-core violations of the page as shown now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {' '.join(node['target'])}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def check_accessible(page):
    """Fail the test when axe-core finds a serious or critical violation on `page`."""
    violations = accessibility_violations(page)
    if violations:
        pytest.fail(f"Accessibility violations on {page.url}:\n{describe_violations(violations)}")


@pytest.fixture
def assert_accessible():
    """`assert_accessible(page)`: fails on serious or critical axe-core violations."""
    return check_accessible
