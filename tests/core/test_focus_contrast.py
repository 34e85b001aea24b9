"""The focus indicator is seen on every background of the site (WCAG 2.2, 1.4.11 and 2.4.13):
site.css draws it as a yellow outline around a near-black ring, and for each background colour
declared in site.css at least one of the two has 3:1 contrast against it. The colours are read
from site.css itself, so a new background or a changed variable is checked without editing the
test."""

import re
from pathlib import Path

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
