"""Right-to-left (issue 16): every page of the inventory (tests/pages.py), opened by its role
with a browser asking for the right-to-left pseudo-locale ("ar", no Arabic catalogue), runs right
to left (`<html dir="rtl">`); and the stylesheet places things by logical sides (start and end,
inline-start and inline-end) so that the layout mirrors with the direction. The browser check
of the mirrored layout is tests/browser/test_rtl_layout.py."""

import re
from pathlib import Path

import pytest

from tests.pages import PAGES, fetch_every_page, make_page_data

STYLESHEET = Path(__file__).resolve().parent.parent / "src/taiex/static/taiex/site.css"
PSEUDO_RTL = ("ar", "Pseudo right-to-left")


@pytest.mark.django_db
def test_every_page_runs_right_to_left_in_the_pseudo_locale(settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path
    settings.LANGUAGES = [*settings.LANGUAGES, PSEUDO_RTL]
    data = make_page_data()
    wrong, opened = {}, 0
    # No language of their own: the browser's.
    for role, url, response in fetch_every_page(data, language="", accept_language="ar"):
        opened += 1
        html = response.content.decode()
        start = re.search(r"<html[^>]*>", html)
        if response.status_code != 200 or start is None:
            wrong[f"{role} {url}"] = response.status_code
        elif start.group() != '<html lang="ar" dir="rtl">':
            wrong[f"{role} {url}"] = start.group()

    assert wrong == {}
    assert opened == len(PAGES)


# A physical side in a declaration (left, right, margin-left, border-right, text-align: left...)
# does not mirror; its logical twin (inset-inline-start, margin-inline-start, text-align: start)
# does.
PHYSICAL_SIDE = re.compile(
    r"(?<![\w-])(?:left|right|(?:margin|padding|border)-(?:left|right)(?:-\w+)?)\s*:"
    r"|text-align\s*:\s*(?:left|right)|float\s*:\s*(?:left|right)"
)


def test_the_stylesheet_places_by_logical_sides():
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(), flags=re.S)
    assert PHYSICAL_SIDE.findall(css) == []


@pytest.mark.parametrize(
    ("declaration", "physical"),
    [
        ("a { left: 0; }", True),
        ("a { margin-left: 1rem; }", True),
        ("a { border-right-width: 1px; }", True),
        ("td { text-align: right; }", True),
        ("a { inset-inline-start: 0; }", False),
        ("td { text-align: end; }", False),
        ("a { padding-inline-start: 1rem; }", False),
    ],
)
def test_the_check_tells_physical_from_logical_sides(declaration, physical):
    assert bool(PHYSICAL_SIDE.search(declaration)) is physical
