"""{% country c %}: a country's display name with its official footnote marker.

The footnote texts used on a page are collected on the request and printed by
{% country_footnotes %} in the base template's footer, so Kosovo* and Palestine** always carry
their footnote wherever they are shown.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from taiex.reference.translation import translated

register = template.Library()


def collect_footnote(context, country):
    request = context.get("request")
    if request is None or not getattr(country, "official_footnote", ""):
        return
    notes = getattr(request, "_country_footnotes", None)
    if notes is None:
        notes = request._country_footnotes = {}
    notes[country.code] = (translated(country), translated(country, "official_footnote"))


def collect_footnotes(request, countries):
    """Footnotes of countries shown where {% country %} cannot run (options of a select)."""
    for each in countries:
        collect_footnote({"request": request}, each)


@register.simple_tag(takes_context=True)
def country(context, value):
    if value is None or value == "":
        return ""
    collect_footnote(context, value)
    name = translated(value)  # in the reader's language (reference/translation.py)
    if getattr(value, "official_footnote", ""):
        base = name.rstrip("*")
        marker = name[len(base) :] or "*"
        return format_html(
            '<span class="country">{}<a class="footnote-ref" href="#footnote-{}"'
            ' title="{}">{}</a></span>',
            base,
            value.code,
            translated(value, "official_footnote"),
            marker,
        )
    return format_html('<span class="country">{}</span>', name)


@register.simple_tag(takes_context=True)
def country_footnotes(context):
    request = context.get("request")
    notes = getattr(request, "_country_footnotes", {}) if request else {}
    if not notes:
        return ""
    items = format_html_join(
        "",
        '<li id="footnote-{}"><span class="footnote-name">{}</span>: {}</li>',
        ((code, name, text) for code, (name, text) in sorted(notes.items())),
    )
    return format_html(
        '<ol class="country-footnotes" aria-label="{}">{}</ol>', _("Official footnotes"), items
    )
