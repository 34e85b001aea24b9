"""The focus indicator is seen on every background of the site (WCAG 2.2, 1.4.11 and 2.4.13):
site.css draws it as a yellow outline around a near-black ring, and for each background colour
declared in site.css at least one of the two has 3:1 contrast against it. The colours are read
from site.css itself, so a new background or a changed variable is checked without editing the
test."""

import re
from pathlib import Path

import django.contrib.admin as admin_app
import pytest

import taiex

SITE_CSS = Path(taiex.__file__).parent / "static" / "taiex" / "site.css"
MINIMUM = 3.0
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
NAMED = {"white": "#ffffff", "black": "#000000"}


def rules(css):
    """(selector, {property: value}) for each rule, media queries flattened."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = {}
        for name, value in re.findall(r"([-\w]+)\s*:\s*([^;]+)", body):
            declarations[name.strip().lower()] = value.strip()
        found.append((selector.strip(), declarations))
    return found


def variables(parsed):
    return {
        name: value
        for selector, declarations in parsed
        if selector == ":root"
        for name, value in declarations.items()
        if name.startswith("--")
    }


def colour(value, names):
    """The hex colour a declaration value is, through var(--x), or None (none, transparent)."""
    value = value.strip().lower()
    var = re.fullmatch(r"var\((--[-\w]+)\)", value)
    if var:
        return colour(names[var.group(1)], names)
    if value in NAMED:
        return NAMED[value]
    match = HEX.fullmatch(value.split()[0]) if value else None
    if not match:
        return None
    digits = match.group(0).lower().lstrip("#")
    return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


def luminance(hex_colour):
    """WCAG 2 relative luminance of #rgb or #rrggbb."""
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def backgrounds(parsed, names):
    """Every background colour site.css declares, with the selector declaring it."""
    found = {}
    for selector, declarations in parsed:
        for name in ("background", "background-color"):
            if name in declarations:
                hex_colour = colour(declarations[name], names)
                if hex_colour:
                    found.setdefault(hex_colour, selector)
    return found


PARSED = rules(SITE_CSS.read_text(encoding="utf-8"))
NAMES = variables(PARSED)
FOCUS = colour("var(--focus)", NAMES)
RING = colour("var(--focus-ring)", NAMES)


def test_contrast_is_computed_as_wcag_defines_it():
    assert contrast("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)
    assert round(contrast("#ffbf47", "#ffffff"), 2) == 1.64  # the old yellow alone, on white
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


def test_site_css_declares_the_backgrounds_the_pages_use():
    found = backgrounds(PARSED, NAMES)
    # the page, the tinted boxes and table heads, the header and the buttons, the danger button
    assert {"#ffffff", "#f3f6f9", "#0b4a8b", "#083766", "#a4161a"} <= set(found)


def test_the_two_focus_colours_contrast_with_each_other():
    assert contrast(FOCUS, RING) >= MINIMUM


@pytest.mark.parametrize("background", sorted(backgrounds(PARSED, NAMES)))
def test_one_focus_colour_has_3_to_1_against_each_background(background):
    best = max(contrast(FOCUS, background), contrast(RING, background))
    declared_by = backgrounds(PARSED, NAMES)[background]
    assert best >= MINIMUM, (
        f"focus {FOCUS}/{RING} on {background} (background of {declared_by}): {best:.2f}:1"
    )


def test_every_focus_style_draws_both_colours():
    """No focus rule hard-codes another colour or drops the ring (main, focused only by
    script for the skip link, shows none on purpose)."""
    focus_rules = [(s, d) for s, d in PARSED if ":focus" in s and "outline" in d]
    assert focus_rules
    for selector, declarations in focus_rules:
        if declarations["outline"] == "none":
            assert selector == "main:focus"
            assert declarations.get("box-shadow") == "none"
            continue
        assert declarations["outline"] == "3px solid var(--focus)", selector
        assert declarations["box-shadow"] == "0 0 0 3px var(--focus-ring)", selector
    assert not [s for s, d in PARSED if "outline" in d and "#fd0" in d["outline"]]


# The Django admin: its own stylesheets (light and dark themes), with the application's focus
# indicator added by static/taiex/admin_fixes.css (templates/admin/base_site.html).
ADMIN_CSS = Path(admin_app.__file__).parent / "static" / "admin" / "css"
ADMIN_FIXES = SITE_CSS.parent / "admin_fixes.css"


def admin_backgrounds():
    """Every hex colour a background declaration of the admin's stylesheets can be, through
    the variables of either theme, with the file and selector declaring it."""
    parsed = [
        (path.name, selector, declarations)
        for path in sorted(ADMIN_CSS.glob("*.css"))
        for selector, declarations in rules(path.read_text(encoding="utf-8"))
    ]
    values = {}
    for _name, _selector, declarations in parsed:
        for name, value in declarations.items():
            if name.startswith("--"):
                values.setdefault(name, set()).add(value)

    def resolve(value):
        var = re.search(r"var\((--[-\w]+)\)", value)
        if var:
            return {c for v in values.get(var.group(1), ()) for c in resolve(v)}
        found = colour(value, {})
        return {found} if found else set()

    found = {}
    for name, selector, declarations in parsed:
        for prop in ("background", "background-color"):
            for hex_colour in resolve(declarations.get(prop, "")):
                found.setdefault(hex_colour, f"{name} {selector}")
    return found


ADMIN_BACKGROUNDS = admin_backgrounds()


def test_the_admin_backgrounds_are_read_from_both_themes():
    # the header and buttons (light), the dark theme's page, the error and success messages
    assert {"#417690", "#ffffff", "#121212", "#ffefef", "#ddffdd"} <= set(ADMIN_BACKGROUNDS)
    assert len(ADMIN_BACKGROUNDS) > 20


@pytest.mark.parametrize("background", sorted(ADMIN_BACKGROUNDS))
def test_one_focus_colour_has_3_to_1_against_each_admin_background(background):
    best = max(contrast(FOCUS, background), contrast(RING, background))
    assert best >= MINIMUM, (
        f"focus {FOCUS}/{RING} on {background} ({ADMIN_BACKGROUNDS[background]}): {best:.2f}:1"
    )


def test_the_admin_draws_the_applications_focus_indicator():
    parsed = rules(ADMIN_FIXES.read_text(encoding="utf-8"))
    names = variables(parsed)
    focus = dict(parsed)[":focus-visible"]

    assert (colour("var(--focus)", names), colour("var(--focus-ring)", names)) == (FOCUS, RING)
    assert focus["outline"] == "3px solid var(--focus)"
    assert focus["box-shadow"] == "0 0 0 3px var(--focus-ring)"
    # Django's admin stylesheets remove the outline only in the autocomplete fields (select2),
    # where admin_fixes.css draws the ring around the field select2 marks focused
    admin_outlines = {
        path.name
        for path in ADMIN_CSS.glob("*.css")
        for selector, declarations in rules(path.read_text(encoding="utf-8"))
        if "outline" in declarations
    }
    assert admin_outlines == {"autocomplete.css"}
    select2 = dict(parsed)[
        "html .select2-container--admin-autocomplete.select2-container--focus .select2-selection"
    ]
    assert select2 == focus


@pytest.mark.django_db
def test_the_admin_pages_load_the_focus_stylesheet(client):
    page = client.get("/admin/login/").content.decode()

    assert "/static/taiex/admin_fixes.css" in page
